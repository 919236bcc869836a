package io.pma.protocol;

/** WebSocket close codes the server uses, with the reason sent in the close frame. */
public enum CloseCode {
  NORMAL(1000, "normal closure"),
  GOING_AWAY(1001, "server shutting down"),
  KEEPALIVE_TIMEOUT(1001, "keep-alive timeout"),
  POLICY_VIOLATION(1008, "too many authentication failures"),
  AUTHENTICATION_TIMEOUT(1008, "authentication timeout"),
  MESSAGE_TOO_BIG(1009, "message too big"),
  TRY_AGAIN_LATER(1013, "connection limit reached"),
  TOO_MANY_FROM_ADDRESS(1013, "too many connections from this address"),
  SLOW_CONSUMER(4008, "slow consumer"),
  RATE_LIMITED(4029, "rate limited");

  private final int code;
  private final String reason;

  CloseCode(int code, String reason) {
    this.code = code;
    this.reason = reason;
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }
}
