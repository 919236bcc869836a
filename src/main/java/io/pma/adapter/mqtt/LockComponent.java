package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * {@code lock}: {@code payload_lock}/{@code payload_unlock} (and {@code payload_open} when
 * configured) on the command topic; {@code state_locked}, {@code state_unlocked},
 * {@code state_locking}, {@code state_unlocking}, {@code state_jammed}, {@code state_open},
 * {@code state_opening} map to those lower-case states.
 */
final class LockComponent implements Component {
  private final CommandTopic command;
  private final String payloadLock;
  private final String payloadUnlock;
  private final String payloadOpen;
  private final String stateTopic;
  private final ValueTemplate valueTemplate;
  private final StatePayloads states;

  LockComponent(ConfigReader c, EntityConfig common) throws InvalidConfigException {
    command = CommandTopic.required(c, "command_topic", "command_template", common);
    payloadLock = c.string("payload_lock", "LOCK");
    payloadUnlock = c.string("payload_unlock", "UNLOCK");
    payloadOpen = c.string("payload_open", null);
    stateTopic = c.subscribeTopic("state_topic");
    valueTemplate = c.template("value_template");
    states = StatePayloads.parse(c, List.of("locked", "unlocked", "locking", "unlocking",
        "jammed", "open", "opening"), state -> state.toUpperCase(Locale.ROOT));
  }

  @Override
  public List<StateBinding> bindings() {
    return new Bindings()
        .rendered(stateTopic, valueTemplate, (value, state) -> state.state = states.read(value))
        .list();
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
    return Command.of(command.publish(payload), assumed);
  }
}
