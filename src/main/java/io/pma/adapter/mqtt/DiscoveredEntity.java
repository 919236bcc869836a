package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.EntityId;
import io.pma.domain.EntityUpdate;
import io.pma.domain.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * One entity created by a discovery config: its compiled config, the bindings it reads and its
 * current state. Confined to the adapter's event loop.
 */
final class DiscoveredEntity {
  static final String SOURCE = "mqtt";

  private final EntityId id;
  private final DiscoveryTopic topic;
  private final ObjectNode rawConfig;
  private final EntityConfig config;
  private final Component component;
  private final EntityState state;
  private final ObjectNode staticAttributes;
  private final List<StateBinding> bindings;

  DiscoveredEntity(EntityId id, DiscoveryTopic topic, ObjectNode rawConfig, EntityConfig config,
      Component component, EntityState state) {
    this.id = id;
    this.topic = topic;
    this.rawConfig = rawConfig;
    this.config = config;
    this.component = component;
    this.state = state;
    this.staticAttributes = Json.object();
    staticAttributes.setAll(config.attributes());
    component.describe(staticAttributes);
    this.bindings = List.copyOf(bindings(config, component));
  }

  /** State topics, the JSON attributes topic and the availability topics, in that order. */
  private static List<StateBinding> bindings(EntityConfig config, Component component) {
    List<StateBinding> all = new ArrayList<>();
    for (StateBinding binding : component.bindings()) {
      all.add(new StateBinding(binding.topic(), (payload, state) -> {
        binding.ingest().apply(payload, state);
        state.live();
      }));
    }
    if (config.jsonAttributesTopic() != null) {
      ValueTemplate template = config.jsonAttributesTemplate();
      all.add(new StateBinding(config.jsonAttributesTopic(), (payload, state) -> {
        state.jsonAttributes = jsonAttributes(template, payload);
        state.live();
      }));
    }
    for (AvailabilitySource source : config.availability()) {
      all.add(new StateBinding(source.topic(), (payload, state) -> {
        Boolean available = source.read(payload);
        if (available != null) {
          state.availabilityByTopic.put(source.topic(), available);
          state.latestAvailability = available;
        }
      }));
    }
    return all;
  }

  private static ObjectNode jsonAttributes(ValueTemplate template, Payload payload)
      throws MalformedPayloadException {
    JsonNode value = template == ValueTemplate.RAW ? payload.json() : template.evaluate(payload);
    if (value.isTextual()) {
      value = Payload.of(value.textValue()).json();
    }
    if (!(value instanceof ObjectNode object)) {
      throw new MalformedPayloadException("JSON attributes must be a JSON object");
    }
    return object;
  }

  EntityId id() {
    return id;
  }

  DiscoveryTopic topic() {
    return topic;
  }

  ObjectNode rawConfig() {
    return rawConfig;
  }

  EntityConfig config() {
    return config;
  }

  Component component() {
    return component;
  }

  EntityState state() {
    return state;
  }

  List<StateBinding> bindings() {
    return bindings;
  }

  /** Whether the entity is available: connected, and its availability topics say so. */
  boolean available(boolean connected) {
    if (!connected) {
      return false;
    }
    List<AvailabilitySource> sources = config.availability();
    if (sources.isEmpty()) {
      return true;
    }
    switch (config.availabilityMode()) {
      case ALL:
        return sources.stream()
            .allMatch(s -> Boolean.TRUE.equals(state.availabilityByTopic.get(s.topic())));
      case ANY:
        return state.availabilityByTopic.containsValue(Boolean.TRUE);
      default:
        return Boolean.TRUE.equals(state.latestAvailability);
    }
  }

  /** The full update for the registry; attributes from later layers win over earlier ones. */
  EntityUpdate update(String adapterId, boolean connected) {
    ObjectNode attributes = Json.object();
    if (state.restored != null) {
      attributes.setAll(state.restored);
    }
    attributes.setAll(state.jsonAttributes);
    attributes.setAll(staticAttributes);
    attributes.setAll(state.attributes);
    return new EntityUpdate(id, state.state, attributes, SOURCE, adapterId, config.name(),
        config.area(), available(connected));
  }
}
