package io.pma.notify;

/** A draft that cannot be sent; the message names the field ({@code 'level' must be ...}). */
public final class InvalidNotificationException extends RuntimeException {
  private final String field;

  public InvalidNotificationException(String field, String problem) {
    super("'" + field + "' " + problem, null, false, false);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
