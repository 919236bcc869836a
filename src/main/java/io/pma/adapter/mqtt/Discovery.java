package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.Entity;
import io.pma.domain.EntityId;
import io.pma.registry.ChangeKind;
import io.pma.registry.EntityRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns discovery config messages into entities: a config creates or updates the entity of its
 * discovery topic, an empty payload removes it. A config replayed unchanged (retained, after a
 * reconnect) changes nothing: the entity keeps its id and the registry sees an identical update.
 * Entity ids stay with their discovery topic for the life of the process; a collision with another
 * entity gets Home Assistant's {@code _2}, {@code _3} suffix. Confined to the adapter's event loop.
 */
final class Discovery {
  private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);

  /** What one config message did. */
  enum Outcome { ADDED, UPDATED, UNCHANGED, REMOVED, INVALID, IGNORED }

  private final String adapterId;
  private final int defaultQos;
  private final EntityRegistry registry;
  private final StateRouter router;
  private final RateLimitedLog invalid = new RateLimitedLog(LOG);
  private final Map<String, DiscoveredEntity> byTopic = new HashMap<>();
  private final Map<EntityId, DiscoveredEntity> byId = new HashMap<>();
  /** Component ids announced by each device-based config topic. */
  private final Map<String, Set<String>> componentsByDevice = new HashMap<>();
  private boolean connected;

  Discovery(String adapterId, int defaultQos, EntityRegistry registry, StateRouter router) {
    this.adapterId = adapterId;
    this.defaultQos = defaultQos;
    this.registry = registry;
    this.router = router;
  }

  Outcome handle(DiscoveryTopic topic, Payload payload) {
    if (payload.isEmpty()) {
      return remove(topic);
    }
    ObjectNode config;
    try {
      config = normalizedObject(payload);
    } catch (MalformedPayloadException e) {
      invalid.warn(topic.topic(), "ignored an unreadable discovery config: " + e.getMessage());
      return Outcome.INVALID;
    }
    return handleConfig(topic, config);
  }

  private static ObjectNode normalizedObject(Payload payload) throws MalformedPayloadException {
    JsonNode json = payload.json();
    if (!(json instanceof ObjectNode object)) {
      throw new MalformedPayloadException("config must be a JSON object");
    }
    return DiscoveryPayload.normalize(object);
  }

  /**
   * A device-based config ({@code <prefix>/device/<object_id>/config}): one message with the
   * shared {@code device}, {@code origin} and options (availability, state_topic, qos...) and the
   * device's entities under {@code components}, each keyed by a component id and naming its
   * {@code platform}. Each component is handled like a single-component config on the virtual
   * topic {@code <config topic> <component id>}, its own options winning over the shared ones. A
   * component that says nothing but its platform is removed; an empty payload removes them all.
   */
  List<Outcome> handleDevice(DiscoveryTopic topic, Payload payload) {
    Set<String> known = componentsByDevice.computeIfAbsent(topic.topic(), t -> new HashSet<>());
    if (payload.isEmpty()) {
      componentsByDevice.remove(topic.topic());
      List<Outcome> outcomes = new ArrayList<>();
      for (String id : known) {
        outcomes.add(remove(componentTopic(topic, id, "")));
      }
      return outcomes;
    }
    ObjectNode shared;
    try {
      shared = normalizedObject(payload);
      if (!(shared.remove("components") instanceof ObjectNode components)) {
        throw new MalformedPayloadException("device config needs a 'components' (cmps) object");
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (Map.Entry<String, JsonNode> entry : components.properties()) {
        outcomes.add(handleComponent(topic, shared, entry.getKey(), entry.getValue(), known));
      }
      return outcomes;
    } catch (MalformedPayloadException e) {
      invalid.warn(topic.topic(), "ignored an unreadable device discovery config: "
          + e.getMessage());
      return List.of(Outcome.INVALID);
    }
  }

  private Outcome handleComponent(DiscoveryTopic device, ObjectNode shared, String id,
      JsonNode value, Set<String> known) {
    String where = device.topic() + " " + id;
    if (!(value instanceof ObjectNode own)) {
      invalid.warn(where, "ignored a device component that is not a JSON object");
      return Outcome.INVALID;
    }
    DiscoveryPayload.normalize(own);
    String platform = own.path("platform").asText("");
    if (platform.isEmpty()) {
      invalid.warn(where, "ignored a device component without 'platform' (p)");
      return Outcome.INVALID;
    }
    DiscoveryTopic topic = componentTopic(device, id, platform);
    if (own.size() == 1) {
      // Home Assistant's convention: only the platform left means the component is gone.
      known.remove(id);
      return remove(topic);
    }
    known.add(id);
    ObjectNode merged = shared.deepCopy();
    merged.setAll(own);
    merged.remove("platform");
    return handleConfig(topic, merged);
  }

  private static DiscoveryTopic componentTopic(DiscoveryTopic device, String id, String platform) {
    return new DiscoveryTopic(device.topic() + " " + id, platform, device.objectId(), id);
  }

  private Outcome handleConfig(DiscoveryTopic topic, ObjectNode config) {
    if (!Components.SUPPORTED.contains(topic.component())) {
      // Bridges announce many components PMA does not model (button, select, update...):
      // normal, so neither an error of the pass nor worth more than a debug line.
      LOG.debug("{}: component '{}' is not supported; config ignored", topic.topic(),
          topic.component());
      return Outcome.IGNORED;
    }
    DiscoveredEntity existing = byTopic.get(topic.topic());
    if (existing != null && existing.rawConfig().equals(config)) {
      return outcome(apply(existing));
    }
    try {
      return place(topic, config, existing);
    } catch (InvalidConfigException e) {
      invalid.warn(topic.topic(), "ignored an invalid discovery config: " + e.getMessage());
      return Outcome.INVALID;
    }
  }

  private Outcome place(DiscoveryTopic topic, ObjectNode config, DiscoveredEntity existing)
      throws InvalidConfigException {
    ConfigReader reader = new ConfigReader(config);
    EntityConfig common = EntityConfig.parse(reader, topic.component(), defaultQos);
    Component component = Components.parse(topic.component(), reader, common);
    DiscoveredEntity entity;
    if (existing != null) {
      entity = new DiscoveredEntity(existing.id(), topic, config, common, component,
          existing.state());
    } else {
      EntityId id = allocate(EntityIds.derive(topic.component(), topic, common));
      entity = new DiscoveredEntity(id, topic, config, common, component, restored(id, common));
    }
    byTopic.put(topic.topic(), entity);
    byId.put(entity.id(), entity);
    // Add before removing so that topics both versions read stay subscribed throughout.
    router.add(entity);
    if (existing != null) {
      router.remove(existing);
    }
    return outcome(apply(entity));
  }

  private Outcome remove(DiscoveryTopic topic) {
    DiscoveredEntity entity = byTopic.remove(topic.topic());
    if (entity == null) {
      return Outcome.IGNORED;
    }
    byId.remove(entity.id());
    router.remove(entity);
    registry.remove(entity.id(), DiscoveredEntity.SOURCE);
    LOG.info("MQTT entity {} removed by an empty config on {}", entity.id(), topic.topic());
    return Outcome.REMOVED;
  }

  private EntityId allocate(EntityId wanted) {
    EntityId candidate = wanted;
    for (int n = 2; taken(candidate); n++) {
      candidate = new EntityId(wanted.domain(), wanted.objectId() + "_" + n);
    }
    return candidate;
  }

  private boolean taken(EntityId id) {
    return byId.containsKey(id)
        || registry.get(id).filter(e -> !adapterId.equals(e.adapterId())).isPresent();
  }

  /** State for a new entity: what storage remembers of it when this adapter owned it. */
  private EntityState restored(EntityId id, EntityConfig config) {
    EntityState state = new EntityState();
    Optional<Entity> stored = registry.get(id).filter(e -> adapterId.equals(e.adapterId()));
    stored.ifPresent(entity -> {
      state.state = entity.state();
      state.restored = entity.attributes().deepCopy();
      state.latestAvailability = entity.available();
      config.availability().forEach(s -> state.availabilityByTopic.put(s.topic(), entity.available()));
    });
    return state;
  }

  private static Outcome outcome(ChangeKind kind) {
    switch (kind) {
      case ADDED:
        return Outcome.ADDED;
      case CHANGED:
        return Outcome.UPDATED;
      default:
        return Outcome.UNCHANGED;
    }
  }

  /** Reports an entity's current state to the registry. */
  ChangeKind apply(DiscoveredEntity entity) {
    return registry.apply(entity.update(adapterId, connected));
  }

  void applyAll(Collection<DiscoveredEntity> entities) {
    for (DiscoveredEntity entity : entities) {
      apply(entity);
    }
  }

  /**
   * The broker connection came or went: every entity's availability follows it. When it went,
   * entities this adapter owned in an earlier run and has not rediscovered go unavailable too.
   */
  void connectionChanged(boolean nowConnected) {
    connected = nowConnected;
    applyAll(new ArrayList<>(byId.values()));
    if (!nowConnected) {
      markOrphansUnavailable();
    }
  }

  /**
   * Entities this adapter owned in an earlier run and that no config describes now (not
   * rediscovered after a complete pass, or the broker is gone) cannot be reached: unavailable.
   * They are not removed, since only an empty config says a device is gone for good.
   */
  void markOrphansUnavailable() {
    for (Entity stale : orphans()) {
      registry.apply(new io.pma.domain.EntityUpdate(stale.entityId(), stale.state(),
          stale.attributes(), stale.source(), adapterId, null, null, false));
    }
  }

  /** Entities in the registry owned by this adapter that no current config describes. */
  List<Entity> orphans() {
    return registry.all().stream()
        .filter(e -> adapterId.equals(e.adapterId()) && !byId.containsKey(e.entityId()))
        .toList();
  }

  Optional<DiscoveredEntity> entity(EntityId id) {
    return Optional.ofNullable(byId.get(id));
  }

  int size() {
    return byId.size();
  }

  long invalidConfigs() {
    return invalid.total();
  }
}
