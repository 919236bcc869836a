package io.pma.adapter.mqtt;

import io.pma.domain.Refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.Await;
import io.pma.adapter.ActionException;
import io.pma.adapter.EntityAction;
import io.pma.config.MqttConfig;
import io.pma.domain.AdapterState;
import io.pma.domain.AdapterStatus;
import io.pma.domain.Context;
import io.pma.domain.Entity;
import io.pma.domain.EntityAdded;
import io.pma.domain.EntityId;
import io.pma.domain.EntityRemoved;
import io.pma.domain.EntityStateChanged;
import io.pma.domain.Json;
import io.pma.domain.SyncStatus;
import io.pma.registry.RegistryRig;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The MQTT adapter against a real Mosquitto broker, with devices publishing exactly what
 * zigbee2mqtt, ESPHome and Tasmota publish.
 */
class MqttAdapterTest {
  @RegisterExtension
  final RegistryRig rig = new RegistryRig();
  @RegisterExtension
  final BridgedBroker mqtt = new BridgedBroker();
  private MqttAdapter adapter;

  @AfterEach
  void stop() {
    if (adapter != null) {
      Await.result(adapter.stop());
    }
  }

  private MqttConfig config(String url) {
    return new MqttConfig("mqtt", "MQTT", url, "", "", "pma-test", "homeassistant", true, 200,
        false, true, "", "", "", 1, 30, 50, 400, 10, 262144, "pma/status");
  }

  private MqttAdapter startAdapter() {
    MqttAdapter started = new MqttAdapter(config(mqtt.mosquitto().url()), mqtt.vertx(), rig.registry(), rig.broker(),
        Clock.systemUTC());
    started.start();
    return started;
  }

  private SyncStatus awaitSync(int completedBefore) {
    return Await.value("a completed pma_sync_status", () -> syncs().stream()
        .filter(s -> !s.status().equals(SyncStatus.SYNCING)).skip(completedBefore)
        .findFirst().orElse(null));
  }

  private List<SyncStatus> syncs() {
    return rig.events().stream().filter(SyncStatus.class::isInstance).map(SyncStatus.class::cast)
        .toList();
  }

  private Entity entity(String id) {
    return rig.registry().get(EntityId.parse(id)).orElseThrow(() -> new AssertionError("no " + id));
  }

  private void act(String id, String action, ObjectNode parameters) {
    Await.result(adapter.execute(new EntityAction(entity(id), action, parameters, Context.fresh())));
  }

  private void awaitState(String id, String state) {
    Await.until(id + " in state " + state, () -> rig.registry().get(EntityId.parse(id))
        .map(e -> e.state().equals(state)).orElse(false));
  }

  private void awaitAvailable(String id, boolean available) {
    Await.until(id + " available=" + available, () -> rig.registry().get(EntityId.parse(id))
        .map(e -> e.available() == available).orElse(false));
  }

  @Test
  @DisplayName("retained discovery configs become entities with HA-style ids, names and state")
  void discovery() {
    adapter = startAdapter();
    SyncStatus sync = awaitSync(0);

    assertThat(sync.status()).isEqualTo(SyncStatus.COMPLETED);
    assertThat(sync.entitiesFound()).isEqualTo(10);
    assertThat(sync.entitiesAdded()).isEqualTo(10);
    assertThat(sync.source()).isEqualTo("mqtt");
    assertThat(rig.registry().all()).extracting(e -> e.entityId().toString())
        .containsExactlyInAnyOrderElementsOf(Devices.ENTITY_IDS);
    assertThat(rig.registry().all()).allSatisfy(e -> {
      assertThat(e.source()).isEqualTo("mqtt");
      assertThat(e.adapterId()).isEqualTo("mqtt");
    });
    assertThat(rig.events().stream().filter(EntityAdded.class::isInstance).count()).isEqualTo(10);

    Entity temperature = entity("sensor.bedroom_sensor_temperature");
    assertThat(temperature.name()).isEqualTo("Bedroom Sensor Temperature");
    assertThat(temperature.state()).isEqualTo("21.37");
    assertThat(temperature.available()).isTrue();
    assertThat(temperature.attributes().get("unit_of_measurement").asText()).isEqualTo("°C");
    assertThat(temperature.attributes().get("device_class").asText()).isEqualTo("temperature");
    assertThat(temperature.attributes().get("state_class").asText()).isEqualTo("measurement");
    assertThat(entity("sensor.bedroom_sensor_humidity").state()).isEqualTo("48.21");

    Entity lamp = entity("light.living_room_lamp");
    assertThat(lamp.name()).isEqualTo("Living Room Lamp");
    assertThat(lamp.state()).isEqualTo("on");
    assertThat(lamp.attributes().get("brightness").asInt()).isEqualTo(255);
    assertThat(lamp.attributes().get("color_temp").asInt()).isEqualTo(370);
    assertThat(lamp.attributes().get("supported_color_modes").toString())
        .isEqualTo("[\"color_temp\"]");

    Entity plug = entity("switch.coffee_machine");
    assertThat(plug.state()).isEqualTo("off");
    assertThat(plug.attributes().get("linkquality").asInt()).isEqualTo(72);
    assertThat(plug.attributes().get("consumption").asDouble()).isEqualTo(0.31);
    assertThat(entity("binary_sensor.hallway_motion_occupancy").state()).isEqualTo("off");
    Entity blind = entity("cover.bedroom_blind");
    assertThat(blind.state()).isEqualTo("open");
    assertThat(blind.attributes().get("current_position").asInt()).isEqualTo(40);
    Entity radiator = entity("climate.radiator_valve");
    assertThat(radiator.state()).isEqualTo("heat");
    assertThat(radiator.attributes().get("current_temperature").asDouble()).isEqualTo(19.5);
    assertThat(radiator.attributes().get("temperature").asDouble()).isEqualTo(21.0);
    assertThat(radiator.attributes().get("hvac_modes").toString()).isEqualTo("[\"off\",\"heat\"]");
    assertThat(radiator.attributes().get("min_temp").asDouble()).isEqualTo(5.0);
    assertThat(entity("lock.front_door").state()).isEqualTo("locked");
    Entity fan = entity("fan.esphome_fan_ceiling_fan");
    assertThat(fan.name()).isEqualTo("esphome-fan Ceiling Fan");
    assertThat(fan.area()).isEqualTo("Bedroom");
    assertThat(fan.state()).isEqualTo("on");
    assertThat(fan.attributes().get("percentage").asInt()).isEqualTo(66);
    assertThat(fan.attributes().get("oscillating").asBoolean()).isFalse();
    Entity desk = entity("light.desk_lamp");
    assertThat(desk.state()).isEqualTo("off");
    assertThat(desk.attributes().get("brightness").asInt()).isEqualTo(153);
    assertThat(adapter.status().status()).isEqualTo(AdapterState.CONNECTED);
    assertThat(adapter.status().entityCount()).isEqualTo(10);
  }

  @Test
  @DisplayName("a device's new state reaches the registry as pma_entity_state_changed from mqtt")
  void stateUpdates() {
    adapter = startAdapter();
    awaitSync(0);
    rig.events().clear();

    mqtt.bridge().publish("zigbee2mqtt/Bedroom Sensor", "{\"battery\":96,\"humidity\":50.1,"
        + "\"linkquality\":90,\"pressure\":1011.9,\"temperature\":22.5,\"voltage\":3001}", false);
    awaitState("sensor.bedroom_sensor_temperature", "22.5");
    awaitState("sensor.bedroom_sensor_humidity", "50.1");
    EntityStateChanged changed = Await.value("a state change event", () -> rig.events().stream()
        .filter(EntityStateChanged.class::isInstance).map(EntityStateChanged.class::cast)
        .filter(e -> e.entityId().toString().equals("sensor.bedroom_sensor_temperature"))
        .findFirst().orElse(null));
    assertThat(changed.oldState()).isEqualTo("21.37");
    assertThat(changed.newState()).isEqualTo("22.5");
    assertThat(changed.source()).isEqualTo("mqtt");

    mqtt.bridge().publish("zigbee2mqtt/Living Room Lamp", "{\"brightness\":127,\"color_mode\":"
        + "\"color_temp\",\"color_temp\":250,\"linkquality\":120,\"state\":\"ON\"}", false);
    Await.until("lamp brightness 128", () -> entity("light.living_room_lamp").attributes()
        .path("brightness").asInt() == 128);
    mqtt.bridge().publish("zigbee2mqtt/Hallway Motion", "{\"occupancy\":true}", false);
    awaitState("binary_sensor.hallway_motion_occupancy", "on");
    mqtt.bridge().publish("zigbee2mqtt/Bedroom Blind", "{\"position\":0}", false);
    awaitState("cover.bedroom_blind", "closed");
    mqtt.bridge().publish("zigbee2mqtt/Front Door", "{\"state\":\"UNLOCK\"}", false);
    awaitState("lock.front_door", "unlocked");
    mqtt.bridge().publish("esphome-fan/fan/ceiling_fan/speed_level/state", "3", false);
    Await.until("fan at 100 %", () -> entity("fan.esphome_fan_ceiling_fan").attributes()
        .path("percentage").asInt() == 100);
    mqtt.bridge().publish("stat/desk/RESULT", "{\"POWER\":\"ON\"}", false);
    awaitState("light.desk_lamp", "on");
    mqtt.bridge().publish("zigbee2mqtt/Radiator Valve", "{\"local_temperature\":20,"
        + "\"occupied_heating_setpoint\":21,\"running_state\":\"idle\",\"system_mode\":\"off\"}",
        false);
    awaitState("climate.radiator_valve", "off");
    assertThat(entity("climate.radiator_valve").attributes().get("current_temperature").asDouble())
        .isEqualTo(20.0);
  }

  @Test
  @DisplayName("actions publish the exact payloads the devices' configs declare")
  void commands() {
    adapter = startAdapter();
    awaitSync(0);
    mqtt.bridge().subscribe("zigbee2mqtt/+/set").subscribe("zigbee2mqtt/+/set/+")
        .subscribe("esphome-fan/+/+/+/command").subscribe("esphome-fan/+/+/command")
        .subscribe("cmnd/desk/+");

    act("light.living_room_lamp", "turn_on", Json.object().put("brightness", 128));
    assertThat(mqtt.bridge().next("zigbee2mqtt/Living Room Lamp/set").payload())
        .isEqualTo("{\"state\":\"ON\",\"brightness\":127}");
    act("light.living_room_lamp", "turn_on", Json.object().put("transition", 2)
        .put("color_temp", 300));
    assertThat(mqtt.bridge().next("zigbee2mqtt/Living Room Lamp/set").payload())
        .isEqualTo("{\"state\":\"ON\",\"transition\":2,\"color_temp\":300}");
    act("light.living_room_lamp", "turn_off", null);
    assertThat(mqtt.bridge().next("zigbee2mqtt/Living Room Lamp/set").payload())
        .isEqualTo("{\"state\":\"OFF\"}");
    act("light.living_room_lamp", "set_brightness", Json.object().put("brightness", 255));
    assertThat(mqtt.bridge().next("zigbee2mqtt/Living Room Lamp/set").payload())
        .isEqualTo("{\"state\":\"ON\",\"brightness\":254}");

    act("switch.coffee_machine", "toggle", null);
    assertThat(mqtt.bridge().next("zigbee2mqtt/Coffee Machine/set").payload()).isEqualTo("ON");
    act("switch.coffee_machine", "turn_off", null);
    assertThat(mqtt.bridge().next("zigbee2mqtt/Coffee Machine/set").payload()).isEqualTo("OFF");

    act("cover.bedroom_blind", "set_position", Json.object().put("position", 75));
    assertThat(mqtt.bridge().next("zigbee2mqtt/Bedroom Blind/set").payload())
        .isEqualTo("{ \"position\": 75 }");
    act("cover.bedroom_blind", "stop", null);
    assertThat(mqtt.bridge().next("zigbee2mqtt/Bedroom Blind/set").payload()).isEqualTo("STOP");
    act("cover.bedroom_blind", "close", null);
    assertThat(mqtt.bridge().next("zigbee2mqtt/Bedroom Blind/set").payload()).isEqualTo("CLOSE");

    act("climate.radiator_valve", "set_temperature", Json.object().put("temperature", 21.5));
    assertThat(mqtt.bridge().next("zigbee2mqtt/Radiator Valve/set/occupied_heating_setpoint").payload())
        .isEqualTo("21.5");
    act("climate.radiator_valve", "set_hvac_mode", Json.object().put("hvac_mode", "off"));
    assertThat(mqtt.bridge().next("zigbee2mqtt/Radiator Valve/set/system_mode").payload())
        .isEqualTo("off");

    act("lock.front_door", "unlock", null);
    assertThat(mqtt.bridge().next("zigbee2mqtt/Front Door/set").payload()).isEqualTo("UNLOCK");

    act("fan.esphome_fan_ceiling_fan", "set_percentage", Json.object().put("percentage", 50));
    assertThat(mqtt.bridge().next("esphome-fan/fan/ceiling_fan/speed_level/command").payload())
        .isEqualTo("2");
    act("fan.esphome_fan_ceiling_fan", "oscillate", Json.object().put("oscillating", true));
    assertThat(mqtt.bridge().next("esphome-fan/fan/ceiling_fan/oscillation/command").payload())
        .isEqualTo("oscillate_on");
    act("fan.esphome_fan_ceiling_fan", "turn_off", null);
    assertThat(mqtt.bridge().next("esphome-fan/fan/ceiling_fan/command").payload()).isEqualTo("OFF");

    // Tasmota's on_command_type "brightness": only the Dimmer command, scaled to 0-100.
    act("light.desk_lamp", "turn_on", Json.object().put("brightness", 128));
    assertThat(mqtt.bridge().next("cmnd/desk/Dimmer").payload()).isEqualTo("50");

    // Commands never predict state: the devices have not answered, nothing changed.
    assertThat(entity("switch.coffee_machine").state()).isEqualTo("off");
    assertThat(entity("lock.front_door").state()).isEqualTo("locked");
  }

  @Test
  @DisplayName("unsupported actions and bad parameters fail with the right kind")
  void refusedActions() {
    adapter = startAdapter();
    awaitSync(0);
    assertThatThrownBy(() -> act("sensor.bedroom_sensor_temperature", "turn_on", null))
        .isInstanceOfSatisfying(ActionException.class,
            e -> assertThat(e.kind()).isEqualTo(Refusal.UNSUPPORTED));
    assertThatThrownBy(() -> act("lock.front_door", "open", null))
        .isInstanceOfSatisfying(ActionException.class,
            e -> assertThat(e.kind()).isEqualTo(Refusal.UNSUPPORTED));
    assertThatThrownBy(() -> act("light.living_room_lamp", "set_brightness",
        Json.object().put("brightness", 300)))
        .isInstanceOfSatisfying(ActionException.class,
            e -> assertThat(e.kind()).isEqualTo(Refusal.INVALID_PARAMETERS));
    assertThatThrownBy(() -> act("climate.radiator_valve", "set_temperature",
        Json.object().put("temperature", 40)))
        .isInstanceOfSatisfying(ActionException.class,
            e -> assertThat(e.kind()).isEqualTo(Refusal.INVALID_PARAMETERS));
    assertThatThrownBy(() -> act("climate.radiator_valve", "set_hvac_mode",
        Json.object().put("hvac_mode", "cool")))
        .isInstanceOfSatisfying(ActionException.class,
            e -> assertThat(e.kind()).isEqualTo(Refusal.INVALID_PARAMETERS));
  }

  @Test
  @DisplayName("availability topics set available; the bridge going offline takes its devices")
  void availability() {
    adapter = startAdapter();
    awaitSync(0);
    mqtt.bridge().publish("zigbee2mqtt/Living Room Lamp/availability", "{\"state\":\"offline\"}", true);
    awaitAvailable("light.living_room_lamp", false);
    assertThat(entity("switch.coffee_machine").available()).isTrue();

    mqtt.bridge().publish("zigbee2mqtt/Living Room Lamp/availability", "{\"state\":\"online\"}", true);
    awaitAvailable("light.living_room_lamp", true);

    mqtt.bridge().publish("zigbee2mqtt/bridge/state", "{\"state\":\"offline\"}", true);
    awaitAvailable("switch.coffee_machine", false);
    awaitAvailable("light.living_room_lamp", false);
    assertThat(entity("fan.esphome_fan_ceiling_fan").available()).isTrue();

    mqtt.bridge().publish("tele/desk/LWT", "Offline", true);
    awaitAvailable("light.desk_lamp", false);
  }

  @Test
  @DisplayName("an empty config removes the entity and its topics are no longer read")
  void removal() {
    adapter = startAdapter();
    awaitSync(0);
    mqtt.bridge().publish(Devices.PLUG.topic(), "", true);
    EntityRemoved removed = Await.value("pma_entity_removed", () -> rig.events().stream()
        .filter(EntityRemoved.class::isInstance).map(EntityRemoved.class::cast).findFirst()
        .orElse(null));
    assertThat(rig.registry().get(EntityId.parse("switch.coffee_machine"))).isEmpty();
    assertThat(removed.entityId().toString()).isEqualTo("switch.coffee_machine");
    assertThat(removed.source()).isEqualTo("mqtt");

    mqtt.bridge().publish("zigbee2mqtt/Coffee Machine", "{\"state\":\"ON\"}", false);
    mqtt.bridge().publish("zigbee2mqtt/Bedroom Sensor", "{\"temperature\":23.1}", false);
    awaitState("sensor.bedroom_sensor_temperature", "23.1");
    assertThat(rig.registry().get(EntityId.parse("switch.coffee_machine"))).isEmpty();
  }

  @Test
  @DisplayName("malformed payloads and configs are counted, logged and never stop the adapter")
  void malformed() {
    adapter = startAdapter();
    awaitSync(0);
    mqtt.bridge().publish("zigbee2mqtt/Bedroom Sensor", "this is not json", false);
    mqtt.bridge().publish("zigbee2mqtt/Bedroom Sensor", "{\"temperature\":\"hot\"}", false);
    mqtt.bridge().publish("zigbee2mqtt/Coffee Machine", "{\"state\":\"MAYBE\"}", false);
    mqtt.bridge().publish("homeassistant/switch/broken/config", "{not json", false);
    mqtt.bridge().publish("homeassistant/switch/nocommand/config", "{\"name\":\"No Command\"}", true);
    mqtt.bridge().publish("homeassistant/vacuum/robot/config", "{\"name\":\"Robot\"}", false);
    Await.until("6 problems counted", () -> {
      MqttStats stats = Await.result(adapter.stats());
      // not JSON (read by 2 entities), "hot" for a temperature, "MAYBE" for a switch
      // and two invalid configs; an unsupported component (vacuum) is no error
      return stats.malformedPayloads() == 4 && stats.invalidConfigs() == 2;
    });
    assertThat(entity("sensor.bedroom_sensor_temperature").state()).isEqualTo("21.37");
    assertThat(entity("switch.coffee_machine").state()).isEqualTo("off");
    assertThat(rig.registry().size()).isEqualTo(10);

    SyncStatus resync = Await.result(adapter.sync());
    assertThat(resync.status()).isEqualTo(SyncStatus.COMPLETED_WITH_ERRORS);
    assertThat(resync.error()).isEqualTo("1 discovery config(s) were invalid");
    assertThat(resync.entitiesFound()).isEqualTo(10);

    mqtt.bridge().publish("zigbee2mqtt/Bedroom Sensor", "{\"temperature\":19.9,\"humidity\":40}", false);
    awaitState("sensor.bedroom_sensor_temperature", "19.9");
    assertThat(adapter.status().status()).isEqualTo(AdapterState.CONNECTED);
  }

  @Test
  @DisplayName("retained configs replayed by a resync or a new adapter create no duplicates")
  void replayIsIdempotent() {
    adapter = startAdapter();
    awaitSync(0);
    rig.events().clear();

    SyncStatus again = Await.result(adapter.sync());
    assertThat(again.status()).isEqualTo(SyncStatus.COMPLETED);
    assertThat(again.entitiesFound()).isEqualTo(10);
    assertThat(again.entitiesAdded()).isZero();
    assertThat(again.entitiesUpdated()).isZero();

    Await.result(adapter.stop());
    adapter = startAdapter();
    SyncStatus restarted = awaitSync(1);
    assertThat(restarted.entitiesFound()).isEqualTo(10);
    assertThat(restarted.entitiesAdded()).isZero();
    assertThat(rig.registry().all()).extracting(e -> e.entityId().toString())
        .containsExactlyInAnyOrderElementsOf(Devices.ENTITY_IDS);
    assertThat(rig.events()).noneMatch(EntityAdded.class::isInstance);
  }

  @Test
  @DisplayName("only a config that says optimistic takes the commanded state without a report")
  void optimistic() {
    adapter = startAdapter();
    awaitSync(0);
    mqtt.bridge().publish("homeassistant/switch/garden_pump/config",
        "{\"name\":\"Garden Pump\",\"cmd_t\":\"garden/pump/set\",\"opt\":true}", true);
    mqtt.bridge().publish("homeassistant/switch/garden_light/config",
        "{\"name\":\"Garden Light\",\"cmd_t\":\"garden/light/set\"}", true);
    awaitState("switch.garden_pump", "unknown");
    awaitState("switch.garden_light", "unknown");
    mqtt.bridge().subscribe("garden/+/set");

    act("switch.garden_pump", "turn_on", null);
    assertThat(mqtt.bridge().next("garden/pump/set").payload()).isEqualTo("ON");
    awaitState("switch.garden_pump", "on");
    act("switch.garden_light", "turn_on", null);
    assertThat(mqtt.bridge().next("garden/light/set").payload()).isEqualTo("ON");
    assertThat(entity("switch.garden_light").state()).isEqualTo("unknown");
  }

  @Test
  @DisplayName("PMA announces itself: birth online (retained), offline on stop, HA birth for devices")
  void birthAndWill() {
    mqtt.bridge().subscribe("homeassistant/status");
    adapter = startAdapter();
    assertThat(mqtt.bridge().next("homeassistant/status").payload()).isEqualTo("online");
    awaitSync(0);
    try (MqttTestClient observer = MqttTestClient.connect(mqtt.vertx(), mqtt.mosquitto().port(), "observer")) {
      observer.subscribe("pma/status");
      MqttTestClient.Message birth = observer.next("pma/status");
      assertThat(birth.payload()).isEqualTo("online");
      assertThat(birth.retained()).isTrue();

      // An intruder with PMA's client id makes the broker drop PMA's connection without a
      // DISCONNECT: the broker publishes the last will, and PMA reconnects and is born again.
      MqttTestClient intruder = MqttTestClient.connect(mqtt.vertx(), mqtt.mosquitto().port(), "pma-test");
      assertThat(observer.next("pma/status").payload()).isEqualTo("offline");
      assertThat(observer.next("pma/status").payload()).isEqualTo("online");
      Await.until("adapter reconnected", () -> adapter.status().status() == AdapterState.CONNECTED);
      intruder.close();
      Await.result(adapter.stop());
      adapter = null;
      assertThat(observer.next("pma/status").payload()).isEqualTo("offline");
    }
  }

  @Test
  @DisplayName("killing and restarting the broker heals by itself")
  void brokerRestart() {
    adapter = startAdapter();
    awaitSync(0);
    rig.events().clear();

    mqtt.mosquitto().kill();
    Await.until("adapter disconnected", () -> adapter.status().status() != AdapterState.CONNECTED);
    awaitAvailable("switch.coffee_machine", false);
    awaitAvailable("fan.esphome_fan_ceiling_fan", false);
    assertThat(rig.events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(AdapterStatus.class,
        s -> assertThat(s.status()).isEqualTo(AdapterState.DISCONNECTED)));
    Await.until("a reconnect attempt", () -> rig.events().stream()
        .filter(AdapterStatus.class::isInstance).map(AdapterStatus.class::cast)
        .anyMatch(s -> s.status() == AdapterState.CONNECTING && s.reconnectAttempts() >= 1));

    mqtt.mosquitto().restart();
    Await.until("adapter reconnected", () -> adapter.status().status() == AdapterState.CONNECTED);
    // The restarted broker kept nothing. The bridge comes back like zigbee2mqtt: it announces
    // availability and states again (not the configs: PMA remembers those).
    mqtt.bridgeReturns(Devices.STATES);
    awaitAvailable("switch.coffee_machine", true);
    awaitAvailable("fan.esphome_fan_ceiling_fan", true);
    mqtt.bridge().publish("zigbee2mqtt/Coffee Machine", "{\"state\":\"ON\"}", false);
    awaitState("switch.coffee_machine", "on");

    mqtt.bridge().subscribe("zigbee2mqtt/+/set");
    act("switch.coffee_machine", "turn_off", null);
    assertThat(mqtt.bridge().next("zigbee2mqtt/Coffee Machine/set").payload()).isEqualTo("OFF");
    assertThat(rig.registry().size()).isEqualTo(10);
  }

  @Test
  @DisplayName("a message over max_message_bytes is dropped and counted; the connection stays")
  void oversizedMessages() {
    // Retained under the discovery prefix: the broker resends it on every subscribe, so a client
    // that dropped the connection over it would flap for ever.
    String huge = "{\"name\":\"Huge\",\"stat_t\":\"huge/state\",\"pad\":\""
        + "a".repeat(300 * 1024) + "\"}";
    mqtt.bridge().publish("homeassistant/sensor/huge/blob/config", huge, true);
    adapter = startAdapter();
    SyncStatus first = awaitSync(0);
    assertThat(first.status()).isEqualTo(SyncStatus.COMPLETED);
    assertThat(first.entitiesFound()).isEqualTo(10);

    // A live oversized state message between two normal ones: only it is lost.
    mqtt.bridge().publish("zigbee2mqtt/Bedroom Sensor", "{\"temperature\":22.5}", false);
    mqtt.bridge().publish("zigbee2mqtt/Bedroom Sensor", "{\"temperature\":99,\"pad\":\""
        + "b".repeat(262_144) + "\"}", false);
    mqtt.bridge().publish("zigbee2mqtt/Bedroom Sensor", "{\"temperature\":23.5}", false);
    awaitState("sensor.bedroom_sensor_temperature", "23.5");

    // A sync makes the broker send the retained giant again.
    SyncStatus again = Await.result(adapter.sync());
    assertThat(again.status()).isEqualTo(SyncStatus.COMPLETED);
    assertThat(again.entitiesFound()).isEqualTo(10);
    Await.until("three oversized messages counted",
        () -> Await.result(adapter.stats()).oversizedMessages() == 3);
    assertThat(adapter.oversizedMessages()).isEqualTo(3);
    assertThat(rig.events()).filteredOn(AdapterStatus.class::isInstance)
        .extracting(e -> ((AdapterStatus) e).status())
        .containsOnly(AdapterState.CONNECTING, AdapterState.CONNECTED);
    assertThat(rig.registry().all()).allSatisfy(e -> assertThat(e.available()).isTrue());
    assertThat(rig.registry().get(EntityId.parse("sensor.huge"))).isEmpty();
  }

  @Test
  @DisplayName("an entity discovered late gets the retained value of topics others already read")
  void sharedTopicsReachLateEntities() {
    adapter = startAdapter();
    awaitSync(0);
    // Paired while PMA runs: zigbee2mqtt announces a new sensor of a known device. Its state
    // topic and the bridge's availability topic are already subscribed for other entities.
    mqtt.bridge().publish("homeassistant/sensor/0x00158d00045d1e2f/battery/config", "{"
        + "\"availability\":[{\"topic\":\"zigbee2mqtt/bridge/state\","
        + "\"value_template\":\"{{ value_json.state }}\"}],"
        + "\"device\":{\"identifiers\":[\"zigbee2mqtt_0x00158d00045d1e2f\"],\"name\":\"Bedroom Sensor\"},"
        + "\"device_class\":\"battery\",\"name\":\"Battery\",\"object_id\":\"bedroom_sensor_battery\","
        + "\"state_topic\":\"zigbee2mqtt/Bedroom Sensor\",\"unit_of_measurement\":\"%\","
        + "\"value_template\":\"{{ value_json.battery }}\"}", true);
    awaitState("sensor.bedroom_sensor_battery", "97");
    awaitAvailable("sensor.bedroom_sensor_battery", true);
    // A live change after that: every entity of the shared topics follows.
    mqtt.bridge().publish("zigbee2mqtt/bridge/state", "{\"state\":\"offline\"}", true);
    awaitAvailable("sensor.bedroom_sensor_battery", false);
    awaitAvailable("sensor.bedroom_sensor_temperature", false);
    mqtt.bridge().publish("zigbee2mqtt/bridge/state", "{\"state\":\"online\"}", true);
    // The last value seen, not only the retained one, reaches a late entity: here "online".
    mqtt.bridge().publish("homeassistant/binary_sensor/0x00158d0005c3d4e5/battery_low/config", "{"
        + "\"availability\":[{\"topic\":\"zigbee2mqtt/bridge/state\","
        + "\"value_template\":\"{{ value_json.state }}\"}],"
        + "\"name\":\"Battery low\",\"object_id\":\"hallway_motion_battery_low\","
        + "\"state_topic\":\"zigbee2mqtt/Hallway Motion\",\"payload_on\":true,\"payload_off\":false,"
        + "\"value_template\":\"{{ value_json.battery_low }}\"}", true);
    awaitAvailable("binary_sensor.hallway_motion_battery_low", true);
    awaitAvailable("sensor.bedroom_sensor_battery", true);
    assertThat(entity("sensor.bedroom_sensor_temperature").state()).isEqualTo("21.37");
  }

  @Test
  @DisplayName("zigbee2mqtt's Jinja templates: climate action from a {% set %} dict, cover moving")
  void jinjaTemplatesFromRealConfigs() {
    adapter = startAdapter();
    awaitSync(0);
    Await.until("radiator action from its {% set %} template", () -> "heating".equals(
        entity("climate.radiator_valve").attributes().path("hvac_action").asText()));
    mqtt.bridge().publish("zigbee2mqtt/Bedroom Blind", "{\"position\":40,\"moving\":\"DOWN\"}", false);
    awaitState("cover.bedroom_blind", "closing");
    mqtt.bridge().publish("zigbee2mqtt/Bedroom Blind", "{\"position\":0,\"moving\":null}", false);
    awaitState("cover.bedroom_blind", "closed");
    mqtt.bridge().publish("zigbee2mqtt/Bedroom Blind", "{\"position\":10,\"moving\":\"UP\"}", false);
    awaitState("cover.bedroom_blind", "opening");
    assertThat(Await.result(adapter.stats()).malformedPayloads()).isZero();
  }

  private static String plugDevice(String powerComponent) {
    return "{\"dev\":{\"ids\":\"zigbee2mqtt_0xa4c138\",\"name\":\"Kitchen Plug\",\"mf\":\"Tuya\","
        + "\"mdl\":\"TS011F\"},\"o\":{\"name\":\"Zigbee2MQTT\",\"sw\":\"2.1.3\","
        + "\"url\":\"https://www.zigbee2mqtt.io\"},\"avty_t\":\"zigbee2mqtt/bridge/state\","
        + "\"avty_tpl\":\"{{ value_json.state }}\",\"stat_t\":\"zigbee2mqtt/Kitchen Plug\",\"qos\":1,"
        + "\"cmps\":{\"plug\":{\"p\":\"switch\",\"name\":null,\"obj_id\":\"kitchen_plug\","
        + "\"cmd_t\":\"zigbee2mqtt/Kitchen Plug/set\",\"val_tpl\":\"{{ value_json.state }}\","
        + "\"pl_on\":\"ON\",\"pl_off\":\"OFF\"},\"power\":" + powerComponent + ","
        + "\"identify\":{\"p\":\"button\",\"cmd_t\":\"zigbee2mqtt/Kitchen Plug/set\"}}}";
  }

  @Test
  @DisplayName("device-based discovery: one config with dev, o and cmps; components removed singly")
  void deviceDiscovery() {
    mqtt.bridge().publish("zigbee2mqtt/Kitchen Plug", "{\"state\":\"ON\",\"power\":12.5}", true);
    mqtt.bridge().publish("homeassistant/device/0xa4c138/config", plugDevice("{\"p\":\"sensor\","
        + "\"name\":\"Power\",\"obj_id\":\"kitchen_plug_power\",\"unit_of_meas\":\"W\","
        + "\"dev_cla\":\"power\",\"stat_cla\":\"measurement\",\"val_tpl\":\"{{ value_json.power }}\"}"),
        true);
    adapter = startAdapter();
    SyncStatus sync = awaitSync(0);
    // The plug's switch, its power sensor and its identify button, beside the 10 devices.
    assertThat(sync.entitiesFound()).isEqualTo(13);
    awaitState("switch.kitchen_plug", "on");
    awaitState("sensor.kitchen_plug_power", "12.5");
    Entity plug = entity("switch.kitchen_plug");
    assertThat(plug.name()).isEqualTo("Kitchen Plug");
    assertThat(plug.available()).isTrue();
    assertThat(plug.attributes().get("origin").toString()).isEqualTo(
        "{\"name\":\"Zigbee2MQTT\",\"sw_version\":\"2.1.3\",\"support_url\":\"https://www.zigbee2mqtt.io\"}");
    Entity power = entity("sensor.kitchen_plug_power");
    assertThat(power.name()).isEqualTo("Kitchen Plug Power");
    assertThat(power.attributes().get("unit_of_measurement").asText()).isEqualTo("W");
    assertThat(power.attributes().path("origin").path("name").asText()).isEqualTo("Zigbee2MQTT");

    mqtt.bridge().subscribe("zigbee2mqtt/+/set");
    act("switch.kitchen_plug", "turn_off", null);
    assertThat(mqtt.bridge().next("zigbee2mqtt/Kitchen Plug/set").payload()).isEqualTo("OFF");

    // Replayed unchanged (a sync): nothing added, nothing changed.
    SyncStatus again = Await.result(adapter.sync());
    assertThat(again.entitiesFound()).isEqualTo(13);
    assertThat(again.entitiesAdded()).isZero();

    // Only the platform left: that component goes, the others stay.
    mqtt.bridge().publish("homeassistant/device/0xa4c138/config", plugDevice("{\"p\":\"sensor\"}"), true);
    Await.until("power sensor removed",
        () -> rig.registry().get(EntityId.parse("sensor.kitchen_plug_power")).isEmpty());
    assertThat(entity("switch.kitchen_plug").state()).isEqualTo("on");
    assertThat(rig.events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(EntityRemoved.class,
        r -> assertThat(r.entityId().toString()).isEqualTo("sensor.kitchen_plug_power")));

    // An empty config removes the whole device.
    mqtt.bridge().publish("homeassistant/device/0xa4c138/config", "", true);
    Await.until("plug removed", () -> rig.registry().get(EntityId.parse("switch.kitchen_plug")).isEmpty()
        && rig.registry().size() == 10);
    assertThat(rig.registry().size()).isEqualTo(10);
  }

  @Test
  @DisplayName("colour lights: colour state in, set_color and set_effect out (JSON and default schema)")
  void colourLights() {
    // zigbee2mqtt's Hue bulb: JSON schema, xy and color_temp, effects.
    mqtt.bridge().publish("homeassistant/light/0x0017880108f1a2b3/light/config", "{\"schema\":\"json\","
        + "\"name\":null,\"object_id\":\"hue_bulb\",\"device\":{\"identifiers\":[\"z2m_hue\"],"
        + "\"name\":\"Hue Bulb\"},\"brightness\":true,\"brightness_scale\":254,"
        + "\"supported_color_modes\":[\"xy\",\"color_temp\"],\"max_mireds\":500,\"min_mireds\":153,"
        + "\"effect\":true,\"effect_list\":[\"blink\",\"breathe\",\"okay\"],"
        + "\"state_topic\":\"zigbee2mqtt/Hue Bulb\",\"command_topic\":\"zigbee2mqtt/Hue Bulb/set\"}",
        true);
    mqtt.bridge().publish("zigbee2mqtt/Hue Bulb", "{\"state\":\"ON\",\"brightness\":254,"
        + "\"color_mode\":\"xy\",\"color\":{\"x\":0.6401,\"y\":0.33},\"color_temp\":250}", true);
    // Tasmota-like RGB bulb: default schema with colour topics (payloads "r,g,b").
    mqtt.bridge().publish("homeassistant/light/tasmota_bulb/light/config", "{\"name\":\"Tasmota Bulb\","
        + "\"object_id\":\"tasmota_bulb\",\"cmd_t\":\"cmnd/bulb/POWER\",\"stat_t\":\"stat/bulb/POWER\","
        + "\"rgb_cmd_t\":\"cmnd/bulb/Color2\",\"rgb_stat_t\":\"stat/bulb/RGB\","
        + "\"clr_temp_cmd_t\":\"cmnd/bulb/CT\",\"clr_temp_stat_t\":\"stat/bulb/CT\","
        + "\"fx_cmd_t\":\"cmnd/bulb/Scheme\",\"fx_list\":[\"0\",\"2\",\"4\"],"
        + "\"pl_on\":\"ON\",\"pl_off\":\"OFF\"}", true);
    adapter = startAdapter();
    awaitSync(0);
    Await.until("hue bulb colour", () -> entity("light.hue_bulb").attributes().has("xy_color"));
    Entity hue = entity("light.hue_bulb");
    assertThat(hue.attributes().get("xy_color").toString()).isEqualTo("[0.6401,0.33]");
    assertThat(hue.attributes().get("color_temp_kelvin").asInt()).isEqualTo(4000);
    assertThat(hue.attributes().get("supported_color_modes").toString())
        .isEqualTo("[\"xy\",\"color_temp\"]");

    mqtt.bridge().subscribe("zigbee2mqtt/+/set");
    mqtt.bridge().subscribe("cmnd/bulb/#");
    act("light.hue_bulb", "set_color", Json.MAPPER.createObjectNode().set("hs_color",
        Json.MAPPER.createArrayNode().add(0).add(100)));
    assertThat(mqtt.bridge().next("zigbee2mqtt/Hue Bulb/set").payload())
        .isEqualTo("{\"state\":\"ON\",\"color\":{\"x\":0.701,\"y\":0.299}}");
    act("light.hue_bulb", "set_color", Json.MAPPER.createObjectNode().put("color_temp_kelvin", 2500));
    assertThat(mqtt.bridge().next("zigbee2mqtt/Hue Bulb/set").payload())
        .isEqualTo("{\"state\":\"ON\",\"color_temp\":400}");
    act("light.hue_bulb", "set_effect", Json.MAPPER.createObjectNode().put("effect", "breathe"));
    assertThat(mqtt.bridge().next("zigbee2mqtt/Hue Bulb/set").payload())
        .isEqualTo("{\"state\":\"ON\",\"effect\":\"breathe\"}");
    assertThatThrownBy(() -> act("light.hue_bulb", "set_effect",
        Json.MAPPER.createObjectNode().put("effect", "disco")))
        .isInstanceOfSatisfying(ActionException.class,
            e -> assertThat(e.kind()).isEqualTo(Refusal.UNSUPPORTED));
    assertThatThrownBy(() -> act("light.hue_bulb", "set_color", Json.MAPPER.createObjectNode()))
        .isInstanceOfSatisfying(ActionException.class,
            e -> assertThat(e.kind()).isEqualTo(Refusal.INVALID_PARAMETERS));

    act("light.tasmota_bulb", "set_color", Json.MAPPER.createObjectNode().set("rgb_color",
        Json.MAPPER.createArrayNode().add(255).add(128).add(0)));
    assertThat(mqtt.bridge().next("cmnd/bulb/Color2").payload()).isEqualTo("255,128,0");
    assertThat(mqtt.bridge().next("cmnd/bulb/POWER").payload()).isEqualTo("ON");
    act("light.tasmota_bulb", "set_color", Json.MAPPER.createObjectNode().put("color_temp", 300));
    assertThat(mqtt.bridge().next("cmnd/bulb/CT").payload()).isEqualTo("300");
    act("light.tasmota_bulb", "set_effect", Json.MAPPER.createObjectNode().put("effect", "2"));
    assertThat(mqtt.bridge().next("cmnd/bulb/Scheme").payload()).isEqualTo("2");
    mqtt.bridge().publish("stat/bulb/RGB", "255,128,0", false);
    mqtt.bridge().publish("stat/bulb/CT", "300", false);
    Await.until("tasmota colour state", () -> entity("light.tasmota_bulb").attributes()
        .path("color_temp_kelvin").asInt() == 3333
        && entity("light.tasmota_bulb").attributes().has("rgb_color"));
    assertThat(entity("light.tasmota_bulb").attributes().get("rgb_color").toString())
        .isEqualTo("[255,128,0]");
    assertThat(entity("light.tasmota_bulb").attributes().get("supported_color_modes").toString())
        .isEqualTo("[\"rgb\",\"color_temp\"]");
  }
}
