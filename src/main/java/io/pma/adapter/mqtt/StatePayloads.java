package io.pma.adapter.mqtt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The state payloads a config names ({@code state_locked: "LOCKED"}, {@code state_open}...), each
 * read as the state it stands for: covers and locks report their states this way. "None" reads
 * as unknown; any payload the config does not name is malformed.
 */
final class StatePayloads {
  private final Map<String, String> states = new HashMap<>();

  private StatePayloads() {}

  /** Reads {@code state_<state>} for each state, {@code defaultPayload} of it when unset. */
  static StatePayloads parse(ConfigReader config, List<String> states,
      UnaryOperator<String> defaultPayload) throws InvalidConfigException {
    StatePayloads payloads = new StatePayloads();
    for (String state : states) {
      payloads.states.put(config.string("state_" + state, defaultPayload.apply(state)), state);
    }
    return payloads;
  }

  /** The state a payload stands for. */
  String read(String value) throws MalformedPayloadException {
    if ("None".equals(value)) {
      return EntityState.UNKNOWN;
    }
    String state = states.get(value);
    if (state == null) {
      throw new MalformedPayloadException("'" + value + "' is not one of the configured states");
    }
    return state;
  }
}
