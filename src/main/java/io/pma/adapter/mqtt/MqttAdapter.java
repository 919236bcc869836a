package io.pma.adapter.mqtt;

import io.pma.domain.Refusal;
import io.pma.adapter.ActionException;
import io.pma.adapter.Adapter;
import io.pma.adapter.AdapterLoop;
import io.pma.adapter.AdapterStatusReporter;
import io.pma.adapter.EntityAction;
import io.pma.bus.Broker;
import io.pma.config.MqttConfig;
import io.pma.domain.AdapterStatus;
import io.pma.domain.SyncStatus;
import io.pma.registry.EntityRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Devices on an MQTT broker, announced with Home Assistant's discovery convention. Owns the
 * {@link MqttConnection}, the {@link Discovery} of entities and the {@link StateRouter} that feeds
 * their topics into the registry (source {@code mqtt}).
 *
 * <p>Everything runs on its {@link AdapterLoop} (the {@link io.pma.adapter.Adapter} threading
 * contract); the public methods may be called from any thread and hop onto it.
 */
public final class MqttAdapter implements Adapter, MqttConnection.Events {
  private static final Logger LOG = LoggerFactory.getLogger(MqttAdapter.class);
  public static final String TYPE = "mqtt";

  private final MqttConfig config;
  private final Vertx vertx;
  private final AdapterLoop loop;
  private final Broker broker;
  private final Clock clock;
  private final AdapterStatusReporter status;
  private final MqttConnection connection;
  private final StateRouter router;
  private final Discovery discovery;
  private final String discoveryTopicStart;
  private DiscoveryPass pass;
  private long commandsPublished;

  public MqttAdapter(MqttConfig config, Vertx vertx, EntityRegistry registry, Broker broker,
      Clock clock) {
    this.config = config;
    this.vertx = vertx;
    this.loop = AdapterLoop.create(vertx);
    this.broker = broker;
    this.clock = clock;
    this.status = new AdapterStatusReporter(config.id(), TYPE, config.name(), broker, registry,
        clock);
    this.connection = new MqttConnection(vertx, config, status, this);
    this.router = new StateRouter(new StateRouter.Subscriptions() {
      @Override
      public void subscribe(String topic, int qos) {
        connection.subscribe(topic, qos);
      }

      @Override
      public void unsubscribe(String topic) {
        connection.unsubscribe(topic);
      }
    });
    this.discovery = new Discovery(config.id(), config.qos(), registry, router);
    this.discoveryTopicStart = config.discoveryPrefix() + "/";
    for (String filter : DiscoveryTopic.filters(config.discoveryPrefix())) {
      connection.subscribe(filter, config.qos());
    }
  }

  @Override
  public String id() {
    return config.id();
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Future<Void> start() {
    return loop.call(() -> {
      LOG.info("MQTT adapter '{}' connecting to {} (discovery prefix '{}')", config.id(),
          connection.url(), config.discoveryPrefix());
      connection.start();
      return Future.succeededFuture();
    });
  }

  @Override
  public Future<Void> stop() {
    return loop.call(() -> {
      if (pass != null) {
        pass.fail("adapter stopped");
      }
      return connection.stop();
    });
  }

  @Override
  public AdapterStatus status() {
    return status.status();
  }

  /** Counters since start, read on the adapter's context. */
  public Future<MqttStats> stats() {
    return loop.call(() -> Future.succeededFuture(new MqttStats(router.messages(),
        router.malformedPayloads(), discovery.invalidConfigs(), connection.oversizedMessages(),
        commandsPublished,
        discovery.size(), connection.connected())));
  }

  /**
   * Messages the broker sent that were larger than {@code mqtt.max_message_bytes} and were
   * dropped unread; safe to call from any thread (the metrics scrape).
   */
  public long oversizedMessages() {
    return connection.oversizedMessages();
  }

  @Override
  public Future<Void> execute(EntityAction action) {
    return loop.call(() -> {
      String entityId = action.entity().entityId().toString();
      DiscoveredEntity entity = discovery.entity(action.entity().entityId()).orElseThrow(() ->
          new ActionException(Refusal.UNAVAILABLE, entityId
              + " has not been discovered on the MQTT broker since PMA started"));
      Command command = entity.component().command(entityId, action.action(),
          action.parameters(), entity.state());
      Future<Void> sent = Future.succeededFuture();
      for (Publication message : command.publications()) {
        sent = sent.compose(v -> publish(message));
      }
      return sent.onSuccess(v -> assume(entity, command));
    });
  }

  private Future<Void> publish(Publication message) {
    return connection.publish(message).onSuccess(v -> commandsPublished++);
  }

  /** Optimistic entities (config {@code optimistic: true}) take the commanded state at once. */
  private void assume(DiscoveredEntity entity, Command command) {
    if (!entity.config().optimistic()) {
      return;
    }
    if (command.assumedState() != null) {
      entity.state().state = command.assumedState();
    }
    if (command.assumedAttributes() != null) {
      entity.state().attributes.setAll(command.assumedAttributes());
    }
    discovery.apply(entity);
  }

  @Override
  public Future<SyncStatus> sync() {
    return loop.call(() -> {
      if (pass != null && !pass.done()) {
        return pass.result();
      }
      pass = new DiscoveryPass(config.id(), broker, clock, vertx, config.discoverySettleMs());
      if (!connection.connected()) {
        pass.fail("the MQTT broker " + connection.url() + " is not connected");
        return pass.result();
      }
      DiscoveryPass current = pass;
      connection.resubscribe(List.of(DiscoveryTopic.filters(config.discoveryPrefix())))
          .onSuccess(v -> discoverySubscribed(current))
          .onFailure(e -> current.fail("resubscribing failed: " + e.getMessage()));
      return current.result();
    });
  }

  @Override
  public void connected(Future<Void> subscribed) {
    discovery.connectionChanged(true);
    if (pass != null) {
      pass.fail("superseded by a new connection");
    }
    DiscoveryPass current = new DiscoveryPass(config.id(), broker, clock, vertx,
        config.discoverySettleMs());
    pass = current;
    subscribed.onSuccess(v -> discoverySubscribed(current))
        .onFailure(e -> current.fail("subscribing failed: " + e.getMessage()));
  }

  private void discoverySubscribed(DiscoveryPass current) {
    current.subscribed();
    current.result().onSuccess(s -> discovery.markOrphansUnavailable());
    if (config.discoveryBirth()) {
      // Devices following the convention re-announce themselves when they see this.
      connection.publish(new Publication(config.discoveryPrefix() + "/status", "online", 0, false))
          .onFailure(e -> LOG.debug("discovery birth not sent: {}", e.getMessage()));
    }
  }

  @Override
  public void lost(String reason) {
    discovery.connectionChanged(false);
    if (pass != null) {
      pass.fail("connection lost: " + reason);
    }
  }

  @Override
  public void message(String topic, byte[] body) {
    if (topic.startsWith(discoveryTopicStart)) {
      Optional<DiscoveryTopic> config = DiscoveryTopic.parse(this.config.discoveryPrefix(), topic);
      if (config.isPresent()) {
        List<Discovery.Outcome> outcomes = "device".equals(config.get().component())
            ? discovery.handleDevice(config.get(), new Payload(body))
            : List.of(discovery.handle(config.get(), new Payload(body)));
        if (pass != null && !pass.done()) {
          outcomes.forEach(pass::count);
        }
        return;
      }
    }
    discovery.applyAll(router.handle(topic, body));
  }
}
