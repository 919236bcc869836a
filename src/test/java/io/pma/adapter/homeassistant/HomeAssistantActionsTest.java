package io.pma.adapter.homeassistant;

import io.pma.Await;
import io.pma.api.Problems;
import io.pma.domain.Refusal;
import static io.pma.adapter.homeassistant.HomeAssistantMirrorTest.attrs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.adapter.ActionException;
import io.pma.adapter.EntityAction;
import io.pma.domain.Context;
import io.pma.domain.EntityStateChanged;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HomeAssistantActionsTest {
  private final HaTestRig rig = new HaTestRig();
  private HomeAssistantAdapter adapter;

  @BeforeEach
  void start() {
    rig.ha.setState("light.kitchen", "off", attrs("{\"friendly_name\":\"Kitchen\"}"));
    rig.ha.setState("cover.garage", "closed", attrs("{\"current_position\":0}"));
    rig.ha.setState("climate.hall", "heat", attrs("{\"temperature\":19}"));
    rig.ha.setState("lock.front", "locked", null);
    rig.ha.setState("fan.attic", "off", null);
    rig.ha.setState("media_player.den", "paused", null);
    adapter = rig.startSynced();
  }

  @AfterEach
  void close() {
    rig.close();
  }

  private void run(String entityId, String action, String parameters) throws ExecutionException {
    HaTestRig.join(adapter.execute(new EntityAction(rig.entity(entityId).orElseThrow(), action,
        parameters == null ? null : attrs(parameters), Context.fresh())));
  }

  private JsonNode lastCall() {
    List<ObjectNode> calls = rig.ha.commands("call_service");
    ObjectNode call = calls.get(calls.size() - 1);
    call.remove("id");
    return call;
  }

  private static String call(String domain, String service, String entityId, String data) {
    return "{\"type\":\"call_service\",\"domain\":\"" + domain + "\",\"service\":\"" + service
        + "\",\"service_data\":" + data + ",\"target\":{\"entity_id\":\"" + entityId + "\"}}";
  }

  @Test
  @DisplayName("actions become the right call_service and the new state arrives through state_changed")
  void mapsActionsToServiceCalls() throws ExecutionException {
    run("light.kitchen", "set_brightness", "{\"brightness_pct\":50}");
    assertThat(lastCall()).isEqualTo(attrs(call("light", "turn_on", "light.kitchen",
        "{\"brightness_pct\":50}")));
    Await.until("on", () -> "on".equals(rig.entity("light.kitchen").orElseThrow().state()));
    assertThat(rig.entity("light.kitchen").orElseThrow().attributes().get("brightness").asInt())
        .isEqualTo(128);

    run("light.kitchen", "set_color", "{\"color_temp\":250}");
    assertThat(lastCall()).isEqualTo(attrs(call("light", "turn_on", "light.kitchen",
        "{\"color_temp_kelvin\":4000}")));
    run("light.kitchen", "set_color", "{\"rgb_color\":[255,0,10]}");
    assertThat(lastCall()).isEqualTo(attrs(call("light", "turn_on", "light.kitchen",
        "{\"rgb_color\":[255,0,10]}")));
    run("light.kitchen", "set_color", "{\"hs_color\":[30,80]}");
    assertThat(lastCall()).isEqualTo(attrs(call("light", "turn_on", "light.kitchen",
        "{\"hs_color\":[30,80]}")));
    run("light.kitchen", "set_color", "{\"xy_color\":[0.3,0.4]}");
    assertThat(lastCall()).isEqualTo(attrs(call("light", "turn_on", "light.kitchen",
        "{\"xy_color\":[0.3,0.4]}")));
    run("light.kitchen", "set_color", "{\"color_temp_kelvin\":2700}");
    assertThat(lastCall()).isEqualTo(attrs(call("light", "turn_on", "light.kitchen",
        "{\"color_temp_kelvin\":2700}")));
    run("light.kitchen", "set_effect", "{\"effect\":\"colorloop\"}");
    assertThat(lastCall()).isEqualTo(attrs(call("light", "turn_on", "light.kitchen",
        "{\"effect\":\"colorloop\"}")));
    run("light.kitchen", "turn_off", null);
    assertThat(lastCall()).isEqualTo(attrs(call("light", "turn_off", "light.kitchen", "{}")));
    run("cover.garage", "set_position", "{\"position\":30}");
    assertThat(lastCall()).isEqualTo(attrs(call("cover", "set_cover_position", "cover.garage",
        "{\"position\":30}")));
    run("cover.garage", "open", null);
    assertThat(lastCall()).isEqualTo(attrs(call("cover", "open_cover", "cover.garage", "{}")));
    run("climate.hall", "set_temperature", "{\"temperature\":21.5}");
    assertThat(lastCall()).isEqualTo(attrs(call("climate", "set_temperature", "climate.hall",
        "{\"temperature\":21.5}")));
    run("climate.hall", "set_hvac_mode", "{\"hvac_mode\":\"off\"}");
    assertThat(lastCall()).isEqualTo(attrs(call("climate", "set_hvac_mode", "climate.hall",
        "{\"hvac_mode\":\"off\"}")));
    run("lock.front", "unlock", null);
    assertThat(lastCall()).isEqualTo(attrs(call("lock", "unlock", "lock.front", "{}")));
    run("fan.attic", "set_percentage", "{\"percentage\":40}");
    assertThat(lastCall()).isEqualTo(attrs(call("fan", "set_percentage", "fan.attic",
        "{\"percentage\":40}")));
    run("media_player.den", "play", null);
    assertThat(lastCall()).isEqualTo(attrs(call("media_player", "media_play", "media_player.den",
        "{}")));
    run("media_player.den", "set_volume", "{\"volume_level\":0.3}");
    assertThat(lastCall()).isEqualTo(attrs(call("media_player", "volume_set", "media_player.den",
        "{\"volume_level\":0.3}")));

    Await.until("playing", () -> "playing".equals(rig.entity("media_player.den").orElseThrow().state()));
    assertThat(rig.entity("cover.garage").orElseThrow().state()).isEqualTo("open");
    assertThat(rig.entity("climate.hall").orElseThrow().state()).isEqualTo("off");
    assertThat(rig.entity("climate.hall").orElseThrow().attributes().get("temperature").asDouble())
        .isEqualTo(21.5);
    assertThat(rig.entity("lock.front").orElseThrow().state()).isEqualTo("unlocked");
    assertThat(rig.ha.errorsSent()).isEmpty();
  }

  @Test
  @DisplayName("a call that HA accepts without changing anything publishes no state change")
  void neverPredicts() throws ExecutionException {
    int before = rig.events(EntityStateChanged.class).size();
    run("cover.garage", "stop", null);
    assertThat(lastCall()).isEqualTo(attrs(call("cover", "stop_cover", "cover.garage", "{}")));
    // One ordered connection: once a later change has arrived, anything the call caused has too.
    rig.ha.setState("sensor.marker", "1", null);
    Await.until("marker", () -> rig.entity("sensor.marker").isPresent());
    assertThat(rig.events(EntityStateChanged.class)).hasSize(before);
  }

  @Test
  @DisplayName("unsupported actions and bad parameters fail with 422 before anything is sent")
  void rejectsBadActions() {
    int calls = rig.ha.commands("call_service").size();
    assertKind(() -> run("lock.front", "set_brightness", "{\"brightness\":3}"),
        Refusal.UNSUPPORTED, "action 'set_brightness' is not supported by lock.front");
    assertKind(() -> run("light.kitchen", "set_brightness", "{\"brightness\":300}"),
        Refusal.INVALID_PARAMETERS, "'brightness' must be an integer from 0 to 255");
    assertKind(() -> run("light.kitchen", "set_brightness", "{}"),
        Refusal.INVALID_PARAMETERS, "one of the parameters brightness, brightness_pct");
    assertKind(() -> run("cover.garage", "open", "{\"speed\":1}"),
        Refusal.INVALID_PARAMETERS, "unknown parameter 'speed'");
    assertThat(Problems.statusOf(Refusal.UNSUPPORTED)).isEqualTo(422);
    assertThat(rig.ha.commands("call_service")).hasSize(calls);
  }

  @Test
  @DisplayName("HA's error result is a 502 with HA's message; no answer is a 504")
  void upstreamErrors() {
    rig.ha.failService("light", "turn_on", "home_assistant_error", "Light kitchen is offline");
    assertKind(() -> run("light.kitchen", "turn_on", null), Refusal.UPSTREAM_FAILED,
        "Home Assistant refused light.turn_on on light.kitchen: Light kitchen is offline"
            + " (home_assistant_error)");

    rig.ha.neverAnswer("lock", "lock");
    assertKind(() -> run("lock.front", "lock", null), Refusal.TIMEOUT,
        "did not answer call_service within 3000 ms");
    assertThat(rig.adapterStatus().healthy()).isTrue();
  }

  @Test
  @DisplayName("with Home Assistant down an action fails at once with 503")
  void unavailableWhenDisconnected() {
    rig.ha.stop();
    Await.until("disconnect noticed", () -> !rig.adapterStatus().healthy());
    assertKind(() -> run("light.kitchen", "turn_on", null), Refusal.UNAVAILABLE,
        "Home Assistant 'ha_test' is not connected");
    assertThat(Problems.statusOf(Refusal.UNAVAILABLE)).isEqualTo(503);
  }

  private static void assertKind(ThrowingCallable call, Refusal kind, String message) {
    assertThatThrownBy(call).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(ActionException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((ActionException) e).kind()).isEqualTo(kind));
  }
}
