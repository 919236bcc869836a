package io.pma.adapter.mqtt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes messages on state, attribute and availability topics to the entities that read them,
 * and keeps the broker subscriptions to exactly the topics some entity reads (reference counted).
 * A message is decoded once and offered to every binding of its topic; a payload a binding cannot
 * read is counted and logged (at most once a minute per entity) and never stops the others.
 *
 * <p>Many entities share topics (zigbee2mqtt's {@code bridge/state} is every device's
 * availability, a device topic feeds all its entities). The broker sends a retained message only
 * to a new subscription, so an entity discovered after its topic was subscribed would never see
 * it; the router therefore keeps the last message of each exact topic it routes and offers it to
 * a late entity at once. Confined to the adapter's event loop.
 */
final class StateRouter {
  private static final Logger LOG = LoggerFactory.getLogger(StateRouter.class);

  /** Where the router's subscription changes go (the MQTT connection). */
  interface Subscriptions {
    void subscribe(String topic, int qos);

    void unsubscribe(String topic);
  }

  private record Route(DiscoveredEntity entity, StateBinding binding) {}

  private final Map<String, List<Route>> exact = new HashMap<>();
  private final Map<String, List<Route>> wildcards = new LinkedHashMap<>();
  private final Map<String, Integer> references = new HashMap<>();
  /** The last non-empty message on each subscribed exact topic, for entities that come later. */
  private final Map<String, byte[]> lastMessage = new HashMap<>();
  private final Subscriptions subscriptions;
  private final RateLimitedLog malformed = new RateLimitedLog(LOG);
  private final RateLimitedLog unsupported = new RateLimitedLog(LOG);
  private long messages;

  StateRouter(Subscriptions subscriptions) {
    this.subscriptions = subscriptions;
  }

  void add(DiscoveredEntity entity) {
    for (StateBinding binding : entity.bindings()) {
      String topic = binding.topic();
      Map<String, List<Route>> index = TopicFilter.isWildcard(topic) ? wildcards : exact;
      Route route = new Route(entity, binding);
      index.computeIfAbsent(topic, t -> new ArrayList<>()).add(route);
      if (references.merge(topic, 1, Integer::sum) == 1) {
        subscriptions.subscribe(topic, entity.config().qos());
      } else if (lastMessage.containsKey(topic)) {
        offer(List.of(route), topic, new Payload(lastMessage.get(topic)), new ArrayList<>(1));
      }
    }
  }

  void remove(DiscoveredEntity entity) {
    for (StateBinding binding : entity.bindings()) {
      String topic = binding.topic();
      Map<String, List<Route>> index = TopicFilter.isWildcard(topic) ? wildcards : exact;
      List<Route> routes = index.get(topic);
      if (routes != null) {
        routes.removeIf(r -> r.entity() == entity);
        if (routes.isEmpty()) {
          index.remove(topic);
        }
      }
      Integer left = references.computeIfPresent(topic, (t, n) -> n > 1 ? n - 1 : null);
      if (left == null) {
        lastMessage.remove(topic);
        subscriptions.unsubscribe(topic);
      }
    }
    malformed.forget(entity.id().toString());
    unsupported.forget(entity.id().toString());
  }

  /** The topics currently subscribed for entities, with their QoS. */
  Map<String, Integer> topics() {
    Map<String, Integer> topics = new LinkedHashMap<>();
    exact.forEach((topic, routes) -> topics.put(topic, routes.get(0).entity().config().qos()));
    wildcards.forEach((topic, routes) -> topics.put(topic, routes.get(0).entity().config().qos()));
    return topics;
  }

  /**
   * Offers one message to every binding of its topic; returns the entities whose state the
   * message touched (each once), in route order.
   */
  List<DiscoveredEntity> handle(String topic, byte[] body) {
    List<Route> routes = exact.get(topic);
    if (routes == null && wildcards.isEmpty()) {
      return List.of();
    }
    messages++;
    Payload payload = new Payload(body);
    List<DiscoveredEntity> touched = new ArrayList<>(2);
    if (routes != null) {
      if (payload.isEmpty()) {
        lastMessage.remove(topic);
      } else {
        lastMessage.put(topic, body);
      }
      offer(routes, topic, payload, touched);
    }
    for (Map.Entry<String, List<Route>> entry : wildcards.entrySet()) {
      if (TopicFilter.matches(entry.getKey(), topic)) {
        offer(entry.getValue(), topic, payload, touched);
      }
    }
    return touched;
  }

  private void offer(List<Route> routes, String topic, Payload payload,
      List<DiscoveredEntity> touched) {
    if (payload.isEmpty()) {
      // Retained-message deletions and keep-alive blanks carry no state.
      return;
    }
    for (Route route : routes) {
      try {
        route.binding().ingest().apply(payload, route.entity().state());
        if (!touched.contains(route.entity())) {
          touched.add(route.entity());
        }
      } catch (MalformedPayloadException e) {
        (e.unsupported() ? unsupported : malformed).warn(route.entity().id().toString(), "ignored a payload on '" + topic + "': "
            + e.getMessage() + " (payload '" + payload.preview() + "')");
      }
    }
  }

  long messages() {
    return messages;
  }

  long malformedPayloads() {
    return malformed.total();
  }

  long malformedPayloads(String entityId) {
    return malformed.count(entityId);
  }
}
