package io.pma;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Loopback ports for the real servers tests start (Redis, PostgreSQL, Mosquitto, PMA itself): a
 * free one to give them, and waiting until one of them listens.
 */
public final class LocalPorts {
  private LocalPorts() {}

  /** A port nothing listens on right now. */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until something accepts connections on 127.0.0.1:{@code port}: true then; false when
   * {@code alive} (the server's process) turns false or {@code timeout} passes first.
   */
  public static boolean awaitListening(int port, Duration timeout, BooleanSupplier alive) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && alive.getAsBoolean()) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return true;
      } catch (IOException notYet) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
    }
    return false;
  }
}
