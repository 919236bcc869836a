package io.pma;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
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
    boolean[] listening = {false};
    try {
      Await.until("127.0.0.1:" + port + " to accept connections", timeout,
          () -> (listening[0] = accepts(port)) || !alive.getAsBoolean());
    } catch (AssertionError timedOut) {
      return false;
    }
    return listening[0];
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }
}
