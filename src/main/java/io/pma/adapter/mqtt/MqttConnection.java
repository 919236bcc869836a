package io.pma.adapter.mqtt;

import io.pma.domain.Refusal;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.pma.adapter.ActionException;
import io.pma.adapter.AdapterStatusReporter;
import io.pma.adapter.Backoff;
import io.pma.config.MqttConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.MqttConnectionException;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubAckMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.lang.reflect.Field;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one connection to the broker: connects, announces PMA on its status topic (birth "online",
 * last will "offline", both retained), subscribes to every wanted topic after each connect
 * (clean session, so nothing is assumed to survive), and reconnects forever with
 * {@link Backoff}. Every transition goes to the {@link AdapterStatusReporter}.
 *
 * <p>Runs on the adapter's context: all methods must be called on it.
 */
final class MqttConnection {
  private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);
  private static final int TOPICS_PER_SUBSCRIBE = 100;
  private static final long OVERSIZED_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  /** What the connection reports to its owner; called on the adapter's context. */
  interface Events {
    /** Connected; {@code subscribed} completes when the broker acknowledged every subscription. */
    void connected(Future<Void> subscribed);

    void lost(String reason);

    void message(String topic, byte[] body);
  }

  private enum Phase { IDLE, CONNECTING, CONNECTED, WAITING, STOPPED }

  private final Vertx vertx;
  private final MqttConfig config;
  private final BrokerUrl url;
  private final AdapterStatusReporter status;
  private final Events events;
  private final MqttClient client;
  private final Backoff backoff;
  /** Every topic filter the owner wants, with its QoS; re-sent after each connect. */
  private final Map<String, Integer> wanted = new LinkedHashMap<>();
  private final Map<Integer, Promise<Void>> pendingAcks = new HashMap<>();
  private final Map<Integer, Promise<Void>> pendingSubscriptions = new HashMap<>();
  private final AtomicLong oversized = new AtomicLong();
  private volatile long lastOversizedLog = System.nanoTime() - OVERSIZED_LOG_INTERVAL_NANOS;
  private Phase phase = Phase.IDLE;
  private long reconnectTimer = -1;

  MqttConnection(Vertx vertx, MqttConfig config, AdapterStatusReporter status, Events events) {
    this.vertx = vertx;
    this.config = config;
    this.url = BrokerUrl.parse(config.url(), config.tls());
    this.status = status;
    this.events = events;
    this.backoff = new Backoff(config.reconnectInitialMs(), config.reconnectMaxMs());
    this.client = MqttClient.create(vertx, options(config, url));
    client.publishHandler(this::received);
    client.closeHandler(v -> lost("connection closed"));
    client.exceptionHandler(e -> LOG.debug("MQTT connection error: {}", e.toString()));
    client.subscribeCompletionHandler(this::subscribed);
    client.publishCompletionHandler(id -> complete(id, null));
    client.publishCompletionExpirationHandler(id -> complete(id, new ActionException(
        Refusal.TIMEOUT, "the broker did not acknowledge the command in time")));
  }

  private static MqttClientOptions options(MqttConfig config, BrokerUrl url) {
    String clientId = config.clientId() == null || config.clientId().isBlank()
        ? "pma-" + UUID.randomUUID().toString().substring(0, 8) : config.clientId();
    MqttClientOptions options = new MqttClientOptions()
        .setClientId(clientId)
        .setCleanSession(true)
        .setKeepAliveInterval(config.keepAliveSeconds())
        .setMaxMessageSize(config.maxMessageBytes())
        .setAckTimeout(config.ackTimeoutSeconds())
        .setMaxInflightQueue(1000);
    options.setConnectTimeout(10_000);
    if (config.username() != null && !config.username().isBlank()) {
      options.setUsername(config.username());
      options.setPassword(config.password() == null ? "" : config.password());
    }
    if (!config.statusTopic().isEmpty()) {
      options.setWillFlag(true).setWillTopic(config.statusTopic()).setWillQoS(1)
          .setWillRetain(true).setWillMessageBytes(Buffer.buffer("offline"));
    }
    if (url.tls()) {
      options.setSsl(true);
      if (!config.tlsVerify()) {
        options.setTrustAll(true);
        options.setHostnameVerificationAlgorithm("");
      } else {
        options.setHostnameVerificationAlgorithm("HTTPS");
      }
      if (config.tlsCaFile() != null && !config.tlsCaFile().isBlank()) {
        options.setTrustOptions(new PemTrustOptions().addCertPath(config.tlsCaFile()));
      }
      if (!config.tlsCertFile().isBlank()) {
        options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(config.tlsCertFile())
            .setKeyPath(config.tlsKeyFile()));
      }
    }
    return options;
  }

  BrokerUrl url() {
    return url;
  }

  long oversizedMessages() {
    return oversized.get();
  }

  boolean connected() {
    return phase == Phase.CONNECTED;
  }

  void start() {
    if (phase == Phase.IDLE) {
      connect();
    }
  }

  private void connect() {
    phase = Phase.CONNECTING;
    status.connecting(backoff.failures());
    client.connect(url.port(), url.host()).onComplete(result -> {
      if (phase != Phase.CONNECTING) {
        return;
      }
      if (result.succeeded()) {
        onConnected();
      } else {
        lost(describe(result.cause()));
      }
    });
  }

  private static String describe(Throwable cause) {
    if (cause instanceof MqttConnectionException refused) {
      return "broker refused the connection: " + refused.code();
    }
    return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
  }

  private void onConnected() {
    guardAgainstOversizedMessages();
    phase = Phase.CONNECTED;
    backoff.reset();
    LOG.info("MQTT connected to {} as {}", url, client.clientId());
    status.connected();
    if (!config.statusTopic().isEmpty()) {
      client.publish(config.statusTopic(), Buffer.buffer("online"), MqttQoS.AT_LEAST_ONCE, false,
          true);
    }
    events.connected(send(wanted));
  }

  /**
   * Puts {@link OversizedPublishFilter} in front of the client's MQTT decoder, which would
   * otherwise fail the connection on a message over {@code max_message_bytes}. Vert.x exposes no
   * hook into its pipeline, so the socket is reached by reflection; done before subscribing,
   * when the broker has nothing to send yet (clean session).
   */
  private void guardAgainstOversizedMessages() {
    try {
      Field field = client.getClass().getDeclaredField("connection");
      field.setAccessible(true);
      NetSocketInternal socket = (NetSocketInternal) field.get(client);
      ChannelPipeline pipeline = socket.channelHandlerContext().pipeline();
      if (pipeline.get(OversizedPublishFilter.class) == null) {
        pipeline.addBefore("mqttDecoder", "pmaOversizedPublishFilter",
            new OversizedPublishFilter(config.maxMessageBytes(), this::dropped));
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("MQTT: cannot guard the connection against oversized messages ({}); one over "
          + "max_message_bytes will drop the connection", e.toString());
    }
  }

  /** On the connection's event loop. */
  private void dropped(String topic, int bytes) {
    oversized.incrementAndGet();
    long now = System.nanoTime();
    if (now - lastOversizedLog >= OVERSIZED_LOG_INTERVAL_NANOS) {
      lastOversizedLog = now;
      LOG.warn("MQTT: dropped a {}-byte message on '{}': larger than mqtt.max_message_bytes ({});"
          + " {} dropped so far, logged at most once a minute", bytes, topic,
          config.maxMessageBytes(), oversized.get());
    }
  }

  private void lost(String reason) {
    if (phase != Phase.CONNECTING && phase != Phase.CONNECTED) {
      return;
    }
    boolean wasConnected = phase == Phase.CONNECTED;
    phase = Phase.WAITING;
    failPending(reason);
    long delay = backoff.nextDelayMs();
    if (wasConnected) {
      LOG.warn("MQTT connection to {} lost ({}); reconnecting in {} ms", url, reason, delay);
      status.disconnected(reason);
    } else {
      LOG.warn("MQTT connection to {} failed ({}); retrying in {} ms", url, reason, delay);
      status.error(reason);
    }
    events.lost(reason);
    reconnectTimer = vertx.setTimer(delay, t -> {
      reconnectTimer = -1;
      if (phase == Phase.WAITING) {
        connect();
      }
    });
  }

  private void failPending(String reason) {
    ActionException gone = new ActionException(Refusal.UNAVAILABLE,
        "MQTT connection lost before the broker acknowledged: " + reason);
    new ArrayList<>(pendingAcks.values()).forEach(p -> p.tryFail(gone));
    pendingAcks.clear();
    new ArrayList<>(pendingSubscriptions.values()).forEach(p -> p.tryFail(reason));
    pendingSubscriptions.clear();
  }

  private void received(MqttPublishMessage message) {
    status.eventReceived();
    events.message(message.topicName(), message.payload().getBytes());
  }

  /** Wants a subscription from now on (and sends it at once when connected). */
  void subscribe(String topic, int qos) {
    wanted.put(topic, qos);
    if (phase == Phase.CONNECTED) {
      send(Map.of(topic, qos));
    }
  }

  void unsubscribe(String topic) {
    if (wanted.remove(topic) != null && phase == Phase.CONNECTED) {
      client.unsubscribe(topic);
    }
  }

  /** Subscribes again so that the broker re-delivers retained messages on these filters. */
  Future<Void> resubscribe(List<String> topics) {
    if (phase != Phase.CONNECTED) {
      return Future.failedFuture("not connected");
    }
    Map<String, Integer> again = new LinkedHashMap<>();
    topics.forEach(t -> again.put(t, wanted.getOrDefault(t, config.qos())));
    return client.unsubscribe(List.copyOf(again.keySet())).compose(id -> send(again));
  }

  /** Sends SUBSCRIBE packets in chunks; completes when every chunk is acknowledged. */
  private Future<Void> send(Map<String, Integer> topics) {
    List<Future<Void>> acks = new ArrayList<>();
    Map<String, Integer> chunk = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> entry : topics.entrySet()) {
      chunk.put(entry.getKey(), entry.getValue());
      if (chunk.size() == TOPICS_PER_SUBSCRIBE) {
        acks.add(sendChunk(chunk));
        chunk = new LinkedHashMap<>();
      }
    }
    if (!chunk.isEmpty()) {
      acks.add(sendChunk(chunk));
    }
    return Future.all(acks).mapEmpty();
  }

  private Future<Void> sendChunk(Map<String, Integer> chunk) {
    Promise<Void> acked = Promise.promise();
    client.subscribe(chunk).onSuccess(id -> pendingSubscriptions.put(id, acked))
        .onFailure(acked::tryFail);
    return acked.future();
  }

  private void subscribed(MqttSubAckMessage ack) {
    if (ack.grantedQoSLevels().contains(0x80)) {
      LOG.warn("MQTT broker refused some subscriptions (granted {})", ack.grantedQoSLevels());
    }
    Promise<Void> promise = pendingSubscriptions.remove(ack.messageId());
    if (promise != null) {
      promise.tryComplete();
    }
  }

  /**
   * Publishes; completes when the broker has it (QoS 0: written; QoS 1/2: acknowledged). Fails
   * with {@link ActionException} UNAVAILABLE while disconnected.
   */
  Future<Void> publish(Publication message) {
    if (phase != Phase.CONNECTED) {
      return Future.failedFuture(new ActionException(Refusal.UNAVAILABLE,
          "the MQTT broker " + url + " is not connected"));
    }
    Future<Integer> sent = client.publish(message.topic(), Buffer.buffer(message.payload()),
        MqttQoS.valueOf(message.qos()), false, message.retain());
    if (message.qos() == 0) {
      return sent.mapEmpty();
    }
    Promise<Void> acked = Promise.promise();
    sent.onSuccess(id -> pendingAcks.put(id, acked)).onFailure(e -> acked.tryFail(
        new ActionException(Refusal.UPSTREAM_FAILED, "publish failed: "
            + e.getMessage())));
    return acked.future();
  }

  private void complete(int messageId, ActionException failure) {
    Promise<Void> promise = pendingAcks.remove(messageId);
    if (promise == null) {
      return;
    }
    if (failure == null) {
      promise.tryComplete();
    } else {
      promise.tryFail(failure);
    }
  }

  /** Says "offline" on the status topic, disconnects and stops reconnecting. */
  Future<Void> stop() {
    boolean wasConnected = phase == Phase.CONNECTED;
    phase = Phase.STOPPED;
    if (reconnectTimer >= 0) {
      vertx.cancelTimer(reconnectTimer);
    }
    if (!wasConnected) {
      return Future.succeededFuture();
    }
    Future<?> offline = config.statusTopic().isEmpty() ? Future.succeededFuture()
        : client.publish(config.statusTopic(), Buffer.buffer("offline"), MqttQoS.AT_MOST_ONCE,
            false, true);
    return offline.transform(r -> client.disconnect()).otherwiseEmpty().mapEmpty();
  }
}
