package io.pma.adapter.mqtt;

import io.pma.Await;
import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Per test, as a JUnit extension: a real Mosquitto, a Vert.x of the test's own and the
 * zigbee2mqtt-like bridge that has published the devices' configs and states retained; all
 * closed after the test (after the class's own {@code @AfterEach}). Register it as
 * {@code @RegisterExtension final BridgedBroker mqtt = new BridgedBroker()}.
 */
final class BridgedBroker implements BeforeEachCallback, AfterEachCallback {
  private Mosquitto mosquitto;
  private Vertx vertx;
  private MqttTestClient bridge;

  @Override
  public void beforeEach(ExtensionContext context) {
    mosquitto = Mosquitto.start();
    vertx = Vertx.vertx();
    bridge = Devices.bridge(vertx, mosquitto.port(), Devices.CONFIGS, Devices.STATES);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    bridge.close();
    Await.result(vertx.close());
    mosquitto.close();
  }

  Mosquitto mosquitto() {
    return mosquitto;
  }

  Vertx vertx() {
    return vertx;
  }

  MqttTestClient bridge() {
    return bridge;
  }

  /** The bridge as it comes back after the broker lost everything: it publishes these again. */
  void bridgeReturns(List<Devices.Msg> messages) {
    bridge = Devices.bridge(vertx, mosquitto.port(), messages);
  }
}
