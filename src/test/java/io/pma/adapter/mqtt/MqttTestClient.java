package io.pma.adapter.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.pma.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The device side in tests (a zigbee2mqtt bridge, an ESPHome node...): a plain MQTT client that
 * publishes configs and states and records what arrives on the topics it subscribes to.
 */
public final class MqttTestClient implements AutoCloseable {
  /** A received message. */
  public record Message(String topic, String payload, boolean retained) {}

  private final MqttClient client;
  private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();

  private MqttTestClient(MqttClient client) {
    this.client = client;
  }

  public static MqttTestClient connect(Vertx vertx, int port, String clientId) {
    MqttClient client = MqttClient.create(vertx, new MqttClientOptions().setClientId(clientId)
        .setMaxInflightQueue(100_000).setMaxMessageSize(1_000_000));
    MqttTestClient test = new MqttTestClient(client);
    client.publishHandler(m -> test.received.add(
        new Message(m.topicName(), m.payload().toString(), m.isRetain())));
    Await.result(client.connect(port, "127.0.0.1"));
    return test;
  }

  /** Publishes at QoS 1 and returns once it is written. */
  public MqttTestClient publish(String topic, String payload, boolean retain) {
    Await.result(client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false,
        retain));
    return this;
  }

  public MqttTestClient subscribe(String filter) {
    Await.result(client.subscribe(filter, 1));
    return this;
  }

  /** The next message on {@code topic} within 10 s (messages on other topics are skipped). */
  public Message next(String topic) {
    return Await.take("message on " + topic, received, Duration.ofSeconds(10),
        message -> message.topic().equals(topic), skipped -> {});
  }

  /** Forgets what arrived so far. */
  public void clear() {
    received.clear();
  }

  @Override
  public void close() {
    if (client.isConnected()) {
      Await.result(client.disconnect());
    }
  }
}
