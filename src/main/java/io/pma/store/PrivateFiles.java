package io.pma.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what PMA stores on disk readable by its own user only: the data directory 0700, the files
 * PMA writes 0600 ({@code pma.db} and its {@code -wal}/{@code -shm} hold password hashes,
 * {@code jwt.secret} signs every token). Files are created with these modes, and existing ones
 * with looser modes (an older PMA, a restored backup, a umask of 022) are tightened at start-up,
 * with one warning naming what changed. On file systems without POSIX modes nothing is changed.
 */
public final class PrivateFiles {
  private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
  private static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  /** What SQLite writes beside its database (the journal only outside WAL mode). */
  private static final List<String> SQLITE_COMPANIONS = List.of("-wal", "-shm", "-journal");

  private PrivateFiles() {}

  /**
   * Creates {@code directory} with mode 0700, or tightens it to 0700, and tightens the files PMA
   * keeps in it ({@code names} and their SQLite companions) to 0600.
   */
  public static void secureDirectory(Path directory, List<String> names) {
    List<String> tightened = new ArrayList<>();
    try {
      if (!Files.isDirectory(directory)) {
        Files.createDirectories(directory);
      }
      if (!posix(directory)) {
        return;
      }
      tighten(directory, DIRECTORY, tightened);
      for (String name : names) {
        tighten(directory.resolve(name), FILE, tightened);
        for (String companion : SQLITE_COMPANIONS) {
          tighten(directory.resolve(name + companion), FILE, tightened);
        }
      }
    } catch (IOException e) {
      throw new StoreException("cannot create or secure data directory " + directory + ": "
          + e.getMessage(), e);
    }
    report(tightened);
  }

  /**
   * Creates an empty {@code file} with mode 0600 when absent, so that whatever opens it next
   * (SQLite copies the database's mode to its {@code -wal} and {@code -shm}) never exposes it; tightens the
   * file and its SQLite companions when they exist with looser modes.
   */
  public static void secureFile(Path file) {
    List<String> tightened = new ArrayList<>();
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        Files.createDirectories(parent);
      }
      if (!posix(parent == null ? file.toAbsolutePath() : parent)) {
        return;
      }
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
      } catch (FileAlreadyExistsException exists) {
        tighten(file, FILE, tightened);
      }
      for (String companion : SQLITE_COMPANIONS) {
        tighten(Path.of(file + companion), FILE, tightened);
      }
    } catch (IOException e) {
      throw new StoreException("cannot create or secure " + file + ": " + e.getMessage(), e);
    }
    report(tightened);
  }

  private static boolean posix(Path path) throws IOException {
    return Files.getFileStore(path).supportsFileAttributeView("posix");
  }

  /** Removes group and other bits from a path PMA owns; symbolic links are left alone. */
  private static void tighten(Path path, Set<PosixFilePermission> wanted, List<String> tightened)
      throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(path)) {
      return;
    }
    Set<PosixFilePermission> current =
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
    if (wanted.containsAll(current)) {
      return;
    }
    try {
      Files.setPosixFilePermissions(path, wanted);
      tightened.add(path + " (was " + PosixFilePermissions.toString(current) + ")");
    } catch (IOException e) {
      // Not ours (data_dir pointed at a shared directory): say so rather than refuse to start.
      LOG.warn("{} is readable by other users ({}) and cannot be tightened: {}", path,
          PosixFilePermissions.toString(current), e.getMessage());
    }
  }

  private static void report(List<String> tightened) {
    if (!tightened.isEmpty()) {
      LOG.warn("tightened modes open to other users to owner-only (0700 directory, 0600 files): {}",
          String.join(", ", tightened));
    }
  }
}
