package io.pma.store;

/** A storage operation failed; the database may be unavailable. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
