package io.pma.adapter.homeassistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The commands the fake implements, each with HA's schema (extra keys refused, as voluptuous does)
 * and HA's answers. Called under the fake server's lock.
 */
enum FakeCommand {
  SUBSCRIBE_EVENTS("subscribe_events", Set.of("event_type")) {
    @Override
    void run(FakeHomeAssistant ha, FakeSession session, int id, ObjectNode message) {
      JsonNode type = message.get("event_type");
      if (type != null && !type.isTextual()) {
        session.send(FakeHomeAssistant.error(id, "invalid_format",
            "expected str for dictionary value @ data['event_type']. Got " + type));
        return;
      }
      // HA: non-admin users may subscribe only to SUBSCRIBE_ALLOWLIST (state_changed is on it).
      if (!session.admin() && (type == null || !ALLOWLIST.contains(type.asText()))) {
        session.send(FakeHomeAssistant.error(id, "unauthorized", "Unauthorized"));
        return;
      }
      session.subscribe(id, type == null ? null : type.asText());
      session.send(FakeHomeAssistant.result(id, null));
    }
  },
  UNSUBSCRIBE_EVENTS("unsubscribe_events", Set.of("subscription")) {
    @Override
    void run(FakeHomeAssistant ha, FakeSession session, int id, ObjectNode message) {
      if (!message.path("subscription").isInt()) {
        session.send(FakeHomeAssistant.error(id, "invalid_format",
            "required key not provided @ data['subscription']"));
      } else if (session.unsubscribe(message.get("subscription").asInt())) {
        session.send(FakeHomeAssistant.result(id, null));
      } else {
        session.send(FakeHomeAssistant.error(id, "not_found", "Subscription not found."));
      }
    }
  },
  GET_STATES("get_states", Set.of()) {
    @Override
    void run(FakeHomeAssistant ha, FakeSession session, int id, ObjectNode message) {
      ArrayNode states = Json.MAPPER.createArrayNode();
      ha.snapshot().forEach(states::add);
      session.send(FakeHomeAssistant.result(id, states));
      ha.afterSnapshot();
    }
  },
  PING("ping", Set.of()) {
    @Override
    void run(FakeHomeAssistant ha, FakeSession session, int id, ObjectNode message) {
      ObjectNode pong = Json.object();
      pong.put("id", id);
      pong.put("type", "pong");
      session.send(pong);
    }
  },
  CALL_SERVICE("call_service", Set.of("domain", "service", "service_data", "target",
      "return_response")) {
    @Override
    void run(FakeHomeAssistant ha, FakeSession session, int id, ObjectNode message) {
      String invalid = callServiceSchemaError(message);
      if (invalid != null) {
        session.send(FakeHomeAssistant.error(id, "invalid_format", invalid));
        return;
      }
      String domain = message.get("domain").asText();
      String service = message.get("service").asText();
      if (!FakeServices.exists(domain, service)) {
        session.send(FakeHomeAssistant.error(id, "not_found",
            "Service " + domain + "." + service + " not found."));
      } else if (ha.isSilent(domain, service)) {
        return; // a hanging integration: no answer at all
      } else if (!ha.held(domain, service, () -> answer(ha, session, id, message))) {
        answer(ha, session, id, message);
      }
    }
  };

  /** Carries out a valid call of an existing service the way HA does, and answers it. */
  private static void answer(FakeHomeAssistant ha, FakeSession session, int id,
      ObjectNode message) {
    String domain = message.get("domain").asText();
    String service = message.get("service").asText();
    ObjectNode data = message.get("service_data") instanceof ObjectNode d ? d : Json.object();
    String[] failure = ha.failureOf(domain, service);
    if (failure != null) {
      session.send(FakeHomeAssistant.error(id, failure[0], failure[1]));
    } else if (FakeServices.extraKey(domain, service, data) != null) {
      session.send(FakeHomeAssistant.error(id, "invalid_format", "extra keys not allowed @ data['"
          + FakeServices.extraKey(domain, service, data) + "']"));
    } else {
      // Blocking call: the integration's state_changed goes out before the result.
      for (String entityId : targets(message)) {
        change(ha, domain, service, entityId, data);
      }
      ObjectNode result = Json.object();
      result.set("context", FakeStates.context());
      session.send(FakeHomeAssistant.result(id, result));
    }
  }

  private static final Set<String> ALLOWLIST = Set.of("state_changed", "component_loaded",
      "core_config_updated", "service_registered", "service_removed", "themes_updated");
  private final String type;
  private final Set<String> keys;

  FakeCommand(String type, Set<String> keys) {
    this.type = type;
    this.keys = keys;
  }

  static FakeCommand of(String type) {
    for (FakeCommand command : values()) {
      if (command.type.equals(type)) {
        return command;
      }
    }
    return null;
  }

  /** Checks the schema's keys, then runs the command. */
  void handle(FakeHomeAssistant ha, FakeSession session, ObjectNode message) {
    int id = message.get("id").asInt();
    var names = message.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!"id".equals(name) && !"type".equals(name) && !keys.contains(name)) {
        session.send(FakeHomeAssistant.error(id, "invalid_format",
            "extra keys not allowed @ data['" + name + "']"));
        return;
      }
    }
    run(ha, session, id, message);
  }

  abstract void run(FakeHomeAssistant ha, FakeSession session, int id, ObjectNode message);

  private static String callServiceSchemaError(ObjectNode message) {
    for (String key : List.of("domain", "service")) {
      if (!message.path(key).isTextual()) {
        return "required key not provided @ data['" + key + "']";
      }
    }
    for (String key : List.of("service_data", "target")) {
      if (message.has(key) && !message.get(key).isObject()) {
        return "expected dict for dictionary value @ data['" + key + "']";
      }
    }
    return null;
  }

  private static List<String> targets(ObjectNode message) {
    JsonNode ids = message.path("target").path("entity_id");
    List<String> targets = new ArrayList<>();
    if (ids.isTextual()) {
      targets.add(ids.asText());
    } else {
      ids.forEach(id -> targets.add(id.asText()));
    }
    return targets;
  }

  private static void change(FakeHomeAssistant ha, String domain, String service, String entityId,
      ObjectNode data) {
    ObjectNode current = ha.states().get(entityId);
    if (current == null || !entityId.startsWith(domain + ".")) {
      return; // HA only warns about targets that do not exist
    }
    ObjectNode attributes = ((ObjectNode) current.get("attributes")).deepCopy();
    String next = FakeServices.apply(service, current.get("state").asText(), attributes, data);
    ha.setState(entityId, next, attributes);
  }
}
