package io.pma.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One PMA per data directory: an OS file lock on {@code <data_dir>/pma.lock}, held while the
 * server (or an offline command) runs. Two processes on one SQLite file would each batch their
 * own registry into it; the second start is refused instead. The OS drops the lock when the
 * process dies, so a crash never leaves a stale lock behind.
 */
public final class DataDirectoryLock implements AutoCloseable {
  public static final String FILE = "pma.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock or throws a StoreException saying that another PMA uses the directory. */
  public static DataDirectoryLock acquire(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    FileChannel channel = null;
    try {
      Files.createDirectories(dataDir);
      PrivateFiles.secureFile(file);  // 0600 like every file PMA keeps in the data directory
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw held(dataDir, null);
      }
      return new DataDirectoryLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      close(channel);
      throw held(dataDir, e);
    } catch (IOException e) {
      close(channel);
      throw new StoreException("cannot lock data directory " + dataDir + ": " + e.getMessage(), e);
    } catch (StoreException e) {
      close(channel);
      throw e;
    }
  }

  private static StoreException held(Path dataDir, Throwable cause) {
    return new StoreException("data directory " + dataDir + " is in use by another PMA process"
        + " (" + dataDir.resolve(FILE) + " is locked): stop it first, or give this one its own"
        + " storage.data_dir", cause);
  }

  private static void close(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the lock was never taken
      }
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it as well
    }
    close(channel);
  }
}
