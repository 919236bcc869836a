package io.pma.transport;

/** The port PMA should listen on is taken, most often by another PMA. */
public final class PortInUseException extends RuntimeException {
  public PortInUseException(String host, int port, Throwable cause) {
    super("port " + port + " is in use (" + host + "): stop the process that holds it"
        + " (e.g. `ss -ltnp 'sport = :" + port + "'`) or set server.port / PMA_SERVER_PORT", cause);
  }
}
