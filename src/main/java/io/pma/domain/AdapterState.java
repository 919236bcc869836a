package io.pma.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Connection state of an adapter, as {@code pma_adapter_status.status}. */
public enum AdapterState {
  CONNECTING, CONNECTED, DISCONNECTED, ERROR, DISABLED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
