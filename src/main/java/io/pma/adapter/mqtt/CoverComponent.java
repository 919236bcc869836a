package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code cover}: open/close/stop payloads on {@code command_topic}, states from
 * {@code state_topic}, position (0 closed - 100 open, mapped from
 * {@code position_closed}..{@code position_open}) from {@code position_topic} and to
 * {@code set_position_topic} (optionally through {@code set_position_template}).
 */
final class CoverComponent implements Component {
  private static final Set<String> POSITION_VARIABLES = Set.of("position", "value");

  private final String commandTopic;
  private final Map<String, String> payloads;
  private final String stateTopic;
  private final ValueTemplate valueTemplate;
  private final StatePayloads states;
  private final String positionTopic;
  private final ValueTemplate positionTemplate;
  private final String setPositionTopic;
  private final CommandTemplate setPositionTemplate;
  private final int positionOpen;
  private final int positionClosed;
  private final int qos;
  private final boolean retain;

  CoverComponent(ConfigReader c, EntityConfig common) throws InvalidConfigException {
    commandTopic = c.publishTopic("command_topic");
    payloads = new java.util.HashMap<>();
    putIfSet(payloads, "open", c.string("payload_open", "OPEN"));
    putIfSet(payloads, "close", c.string("payload_close", "CLOSE"));
    putIfSet(payloads, "stop", c.string("payload_stop", "STOP"));
    ValueTemplate stateTemplate = c.template("value_template");
    positionTopic = c.subscribeTopic("position_topic");
    // A state template PMA cannot evaluate is dropped when the position alone tells the state.
    stateTopic = stateTemplate.supported() || positionTopic == null
        ? c.subscribeTopic("state_topic") : null;
    valueTemplate = stateTemplate;
    states = StatePayloads.parse(c, List.of("open", "opening", "closed", "closing", "stopped"),
        state -> state);
    positionTemplate = c.template("position_template");
    setPositionTopic = c.publishTopic("set_position_topic");
    setPositionTemplate = c.commandTemplate("set_position_template", POSITION_VARIABLES);
    positionOpen = c.integer("position_open", 100, -1_000_000, 1_000_000);
    positionClosed = c.integer("position_closed", 0, -1_000_000, 1_000_000);
    if (positionOpen == positionClosed) {
      throw new InvalidConfigException("'position_open' and 'position_closed' must differ");
    }
    qos = common.qos();
    retain = common.retain();
  }

  private static void putIfSet(Map<String, String> map, String key, String value) {
    if (value != null && !value.isEmpty()) {
      map.put(key, value);
    }
  }

  @Override
  public List<StateBinding> bindings() {
    // Position first: zigbee2mqtt sends both in one message, and a "stopped" state is read as
    // open or closed from the position that came with it.
    return new Bindings()
        .rendered(positionTopic, positionTemplate, this::readPosition)
        .rendered(stateTopic, valueTemplate, this::readState)
        .list();
  }

  private void readState(String value, EntityState state) throws MalformedPayloadException {
    String mapped = states.read(value);
    if ("stopped".equals(mapped)) {
      // A stopped cover is open unless its position says it is fully closed.
      JsonNode position = state.attributes.get("current_position");
      mapped = position != null && position.asInt() == 0 ? "closed" : "open";
    }
    state.state = mapped;
  }

  private void readPosition(String value, EntityState state) throws MalformedPayloadException {
    Double number = Filter.parse(value);
    if (number == null) {
      throw new MalformedPayloadException("position '" + value + "' is not a number");
    }
    double percent = (number - positionClosed) * 100 / (positionOpen - positionClosed);
    int position = (int) Math.max(0, Math.min(100, Math.round(percent)));
    state.attributes.put("current_position", position);
    if (stateTopic == null) {
      state.state = position == 0 ? "closed" : "open";
    }
  }

  @Override
  public Command command(String entityId, String action, ObjectNode params, EntityState current) {
    switch (action) {
      case "open":
        return move(entityId, action, "open", "open");
      case "close":
        return move(entityId, action, "close", "closed");
      case "stop":
        return move(entityId, action, "stop", null);
      case "toggle":
        return "closed".equals(current.state) || "closing".equals(current.state)
            ? move(entityId, action, "open", "open") : move(entityId, action, "close", "closed");
      case "set_position":
        return setPosition(entityId, action, params);
      default:
        throw Actions.unsupported(entityId, action);
    }
  }

  private Command move(String entityId, String action, String payloadKey, String assumed) {
    String payload = payloads.get(payloadKey);
    if (commandTopic == null || payload == null) {
      throw Actions.unsupported(entityId, action, "no command_topic or payload_" + payloadKey);
    }
    return Command.of(new Publication(commandTopic, payload, qos, retain), assumed);
  }

  private Command setPosition(String entityId, String action, ObjectNode params) {
    int position = (int) Math.round(Actions.number(params, "position", 0, 100));
    if (setPositionTopic == null) {
      throw Actions.unsupported(entityId, action, "no set_position_topic");
    }
    long device = Math.round(positionClosed + position * (positionOpen - positionClosed) / 100.0);
    String payload = Long.toString(device);
    if (setPositionTemplate != null) {
      JsonNode value = JsonNodeFactory.instance.numberNode(device);
      payload = Actions.render(setPositionTemplate, Map.of("position", value, "value", value));
    }
    ObjectNode assumed = io.pma.domain.Json.object().put("current_position", position);
    return new Command(List.of(new Publication(setPositionTopic, payload, qos, retain)),
        position == 0 ? "closed" : "open", assumed);
  }
}
