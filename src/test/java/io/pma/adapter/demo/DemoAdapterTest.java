package io.pma.adapter.demo;

import io.pma.domain.Refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.adapter.ActionException;
import io.pma.adapter.EntityAction;
import io.pma.domain.Context;
import io.pma.domain.Entity;
import io.pma.domain.EntityId;
import io.pma.domain.Json;
import io.pma.registry.RegistryRig;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DemoAdapterTest {
  @RegisterExtension
  final RegistryRig rig = new RegistryRig();
  private Vertx vertx;
  private DemoAdapter demo;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    demo = new DemoAdapter(vertx, rig.registry(), rig.broker(), Clock.systemUTC(), 3_600_000);
    demo.start().await();
  }

  @AfterEach
  void stop() {
    vertx.close();
  }

  private String state(String id) {
    return rig.registry().get(EntityId.parse(id)).orElseThrow().state();
  }

  private Entity entity(String id) {
    return rig.registry().get(EntityId.parse(id)).orElseThrow();
  }

  private void act(String id, String action, ObjectNode parameters) {
    demo.execute(new EntityAction(entity(id), action, parameters, Context.fresh())).await();
  }

  @Test
  @DisplayName("about 25 entities across eight domains, all owned by the demo adapter")
  void catalog() {
    Set<String> domains = rig.registry().all().stream().map(Entity::domain).collect(Collectors.toSet());
    assertThat(domains).containsExactlyInAnyOrder("light", "switch", "sensor", "binary_sensor",
        "climate", "cover", "fan", "lock");
    assertThat(rig.registry().size()).isEqualTo(25);
    assertThat(rig.registry().all()).allSatisfy(e -> assertThat(e.adapterId()).isEqualTo("demo"));
    assertThat(demo.status().status().wireName()).isEqualTo("connected");
  }

  @Test
  @DisplayName("every controllable domain obeys its actions")
  void actions() {
    act("light.kitchen", "set_brightness", Json.object().put("brightness", 100));
    assertThat(state("light.kitchen")).isEqualTo("on");
    assertThat(entity("light.kitchen").attributes().get("brightness").asInt()).isEqualTo(100);
    act("light.kitchen", "toggle", Json.object());
    assertThat(state("light.kitchen")).isEqualTo("off");
    act("light.porch", "set_color", (ObjectNode) Json.object().set("rgb_color",
        Json.MAPPER.createArrayNode().add(255).add(0).add(0)));
    Entity porch = rig.registry().get(EntityId.parse("light.porch")).orElseThrow();
    assertThat(porch.state()).isEqualTo("on");
    assertThat(porch.attributes().get("hs_color").toString()).isEqualTo("[0.0,100.0]");
    // Home Assistant's color_RGB_to_xy (the "Wide RGB D65" matrix) for pure red.
    assertThat(porch.attributes().get("xy_color").toString()).isEqualTo("[0.701,0.299]");
    act("light.porch", "set_color", Json.object().put("color_temp_kelvin", 2700));
    porch = rig.registry().get(EntityId.parse("light.porch")).orElseThrow();
    assertThat(porch.attributes().get("color_mode").asText()).isEqualTo("color_temp");
    assertThat(porch.attributes().has("hs_color")).isFalse();
    act("light.porch", "set_effect", Json.object().put("effect", "candle"));
    assertThat(rig.registry().get(EntityId.parse("light.porch")).orElseThrow().attributes()
        .get("effect").asText()).isEqualTo("candle");
    act("switch.tv", "turn_off", Json.object());
    assertThat(state("switch.tv")).isEqualTo("off");
    act("cover.garage_door", "set_position", Json.object().put("position", 40));
    assertThat(state("cover.garage_door")).isEqualTo("open");
    act("cover.garage_door", "close", Json.object());
    assertThat(state("cover.garage_door")).isEqualTo("closed");
    act("climate.bedroom", "set_temperature", Json.object().put("temperature", 22.5));
    assertThat(entity("climate.bedroom").attributes().get("temperature").asDouble())
        .isEqualTo(22.5);
    act("climate.bedroom", "set_hvac_mode", Json.object().put("hvac_mode", "heat"));
    assertThat(state("climate.bedroom")).isEqualTo("heat");
    act("fan.bedroom", "set_percentage", Json.object().put("percentage", 30));
    assertThat(state("fan.bedroom")).isEqualTo("on");
    act("lock.front_door", "unlock", Json.object());
    assertThat(state("lock.front_door")).isEqualTo("unlocked");
  }

  @Test
  @DisplayName("bad parameters and unsupported actions fail with the right kind")
  void actionErrors() {
    assertThatThrownBy(() -> act("light.kitchen", "set_brightness", Json.object()))
        .isInstanceOf(ActionException.class)
        .satisfies(e -> assertThat(((ActionException) e).kind())
            .isEqualTo(Refusal.INVALID_PARAMETERS));
    assertThatThrownBy(() -> act("sensor.office_co2", "turn_on", Json.object()))
        .isInstanceOf(ActionException.class)
        .satisfies(e -> assertThat(((ActionException) e).kind())
            .isEqualTo(Refusal.UNSUPPORTED));
    assertThatThrownBy(() -> act("climate.bedroom", "set_hvac_mode",
        Json.object().put("hvac_mode", "party"))).isInstanceOf(ActionException.class);
  }

  @Test
  @DisplayName("sensors drift and the motion sensor fires over time")
  void simulationMoves() {
    String before = state("sensor.outdoor_temperature");
    boolean drifted = false;
    boolean motion = false;
    for (int i = 0; i < 200 && !(drifted && motion); i++) {
      demo.tick();
      drifted |= !state("sensor.outdoor_temperature").equals(before);
      motion |= "on".equals(state("binary_sensor.hallway_motion"));
    }
    assertThat(drifted).isTrue();
    assertThat(motion).isTrue();
  }
}
