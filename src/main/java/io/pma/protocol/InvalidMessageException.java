package io.pma.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A client message the gate refused; becomes {@code invalid_message {error, detail}} echoing the
 * message's {@code request_id} when it could be read. Carries no stack trace: it is expected input.
 */
public final class InvalidMessageException extends RuntimeException {
  private final ErrorReason reason;
  private final transient JsonNode requestId;

  public InvalidMessageException(ErrorReason reason, String detail, JsonNode requestId) {
    super(detail, null, false, false);
    this.reason = reason;
    this.requestId = requestId;
  }

  public ErrorReason reason() {
    return reason;
  }

  public String detail() {
    return getMessage();
  }

  /** The request id of the refused message, or null. */
  public JsonNode requestId() {
    return requestId;
  }
}
