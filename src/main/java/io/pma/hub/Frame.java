package io.pma.hub;

/**
 * One encoded text message, ready to be written to any number of connections (the transport keeps
 * it pre-framed). Reference counted: whoever holds it past the current call retains it and
 * releases it when done. Used on one event loop only.
 */
public interface Frame {
  Frame retain();

  void release();

  /** Payload size in bytes (the JSON text), for statistics. */
  int size();
}
