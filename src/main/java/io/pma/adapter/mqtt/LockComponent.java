package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code lock}: {@code payload_lock}/{@code payload_unlock} (and {@code payload_open} when
 * configured) on the command topic; {@code state_locked}, {@code state_unlocked},
 * {@code state_locking}, {@code state_unlocking}, {@code state_jammed}, {@code state_open},
 * {@code state_opening} map to those lower-case states.
 */
final class LockComponent implements Component {
  private final String commandTopic;
  private final CommandTemplate commandTemplate;
  private final String payloadLock;
  private final String payloadUnlock;
  private final String payloadOpen;
  private final String stateTopic;
  private final ValueTemplate valueTemplate;
  private final Map<String, String> states = new HashMap<>();
  private final int qos;
  private final boolean retain;

  private LockComponent(ConfigReader c, EntityConfig common) throws InvalidConfigException {
    commandTopic = c.publishTopic("command_topic");
    if (commandTopic == null) {
      throw new InvalidConfigException("'command_topic' is required");
    }
    commandTemplate = c.commandTemplate("command_template", OnOff.VARIABLES);
    payloadLock = c.string("payload_lock", "LOCK");
    payloadUnlock = c.string("payload_unlock", "UNLOCK");
    payloadOpen = c.string("payload_open", null);
    stateTopic = c.subscribeTopic("state_topic");
    valueTemplate = c.template("value_template");
    for (String state : List.of("locked", "unlocked", "locking", "unlocking", "jammed", "open",
        "opening")) {
      states.put(c.string("state_" + state, state.toUpperCase(java.util.Locale.ROOT)), state);
    }
    qos = common.qos();
    retain = common.retain();
  }

  static LockComponent parse(ConfigReader config, EntityConfig common)
      throws InvalidConfigException {
    return new LockComponent(config, common);
  }

  @Override
  public String domain() {
    return "lock";
  }

  @Override
  public List<StateBinding> bindings() {
    return new Bindings().rendered(stateTopic, valueTemplate, (value, state) -> {
      if ("None".equals(value)) {
        state.state = EntityState.UNKNOWN;
        return;
      }
      String mapped = states.get(value);
      if (mapped == null) {
        throw new MalformedPayloadException("'" + value + "' is not one of the configured states");
      }
      state.state = mapped;
    }).list();
  }

  @Override
  public void describe(ObjectNode attributes) {
    // A lock's config implies no attributes beyond the common ones.
  }

  @Override
  public Command command(String entityId, String action, ObjectNode params, EntityState current) {
    switch (action) {
      case "lock":
        return send(payloadLock, "locked");
      case "unlock":
        return send(payloadUnlock, "unlocked");
      case "open":
        if (payloadOpen == null) {
          throw Actions.unsupported(entityId, action, "the config has no payload_open");
        }
        return send(payloadOpen, "open");
      default:
        throw Actions.unsupported(entityId, action);
    }
  }

  private Command send(String payload, String assumed) {
    String body = commandTemplate == null ? payload
        : Actions.render(commandTemplate,
            Map.of("value", JsonNodeFactory.instance.textNode(payload)));
    return Command.of(new Publication(commandTopic, body, qos, retain), assumed);
  }
}
