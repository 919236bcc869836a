package io.pma.adapter.homeassistant;

import io.pma.domain.Refusal;
import static io.pma.adapter.homeassistant.HomeAssistantMirrorTest.attrs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pma.adapter.ActionException;
import io.pma.adapter.EntityAction;
import io.pma.domain.Context;
import io.pma.domain.Entity;
import io.pma.domain.EntityId;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ServiceCatalogTest {
  private static ServiceCall map(String entityId, String action, String parameters) {
    Entity entity = new Entity(EntityId.parse(entityId), "x", "off", attrs("{}"), "homeassistant",
        "ha", null, true, Instant.EPOCH, Instant.EPOCH, null);
    return ServiceCatalog.map(new EntityAction(entity, action,
        parameters == null ? null : attrs(parameters), Context.fresh()));
  }

  private static String render(ServiceCall call) {
    return call.domain() + "." + call.service() + " " + call.serviceData();
  }

  @Test
  @DisplayName("each domain's actions map to HA's services and data")
  void mappings() {
    assertThat(render(map("light.a", "turn_on", "{\"brightness\":10,\"transition\":2}")))
        .isEqualTo("light.turn_on {\"brightness\":10,\"transition\":2}");
    assertThat(render(map("light.a", "toggle", null))).isEqualTo("light.toggle {}");
    assertThat(render(map("light.a", "set_brightness", "{\"brightness\":255}")))
        .isEqualTo("light.turn_on {\"brightness\":255}");
    assertThat(render(map("light.a", "set_color", "{\"hs_color\":[30,50]}")))
        .isEqualTo("light.turn_on {\"hs_color\":[30,50]}");
    assertThat(render(map("light.a", "set_color", "{\"color_temp\":153}")))
        .isEqualTo("light.turn_on {\"color_temp_kelvin\":6535}");
    assertThat(render(map("light.a", "set_effect", "{\"effect\":\"candle\"}")))
        .isEqualTo("light.turn_on {\"effect\":\"candle\"}");
    assertThat(render(map("switch.a", "toggle", null))).isEqualTo("switch.toggle {}");
    assertThat(render(map("input_boolean.a", "turn_off", null))).isEqualTo("input_boolean.turn_off {}");
    assertThat(render(map("cover.a", "close", null))).isEqualTo("cover.close_cover {}");
    assertThat(render(map("cover.a", "stop", null))).isEqualTo("cover.stop_cover {}");
    assertThat(render(map("cover.a", "set_tilt_position", "{\"tilt_position\":20}")))
        .isEqualTo("cover.set_cover_tilt_position {\"tilt_position\":20}");
    assertThat(render(map("climate.a", "set_temperature",
        "{\"target_temp_low\":18,\"target_temp_high\":23}")))
        .isEqualTo("climate.set_temperature {\"target_temp_low\":18,\"target_temp_high\":23}");
    assertThat(render(map("lock.a", "lock", "{\"code\":\"1234\"}")))
        .isEqualTo("lock.lock {\"code\":\"1234\"}");
    assertThat(render(map("fan.a", "turn_on", "{\"percentage\":60}")))
        .isEqualTo("fan.turn_on {\"percentage\":60}");
    assertThat(render(map("fan.a", "oscillate", "{\"oscillating\":true}")))
        .isEqualTo("fan.oscillate {\"oscillating\":true}");
    assertThat(render(map("media_player.a", "pause", null))).isEqualTo("media_player.media_pause {}");
    assertThat(render(map("media_player.a", "next", null)))
        .isEqualTo("media_player.media_next_track {}");
    assertThat(render(map("media_player.a", "mute", "{\"is_volume_muted\":true}")))
        .isEqualTo("media_player.volume_mute {\"is_volume_muted\":true}");
    assertThat(render(map("scene.a", "turn_on", null))).isEqualTo("scene.turn_on {}");
    assertThat(render(map("button.a", "press", null))).isEqualTo("button.press {}");
    assertThat(map("light.a", "turn_on", null).entityId()).isEqualTo("light.a");
  }

  @Test
  @DisplayName("unknown actions, unknown domains and bad values are refused with a clear reason")
  void refusals() {
    assertThatThrownBy(() -> map("sensor.t", "turn_on", null)).isInstanceOf(ActionException.class)
        .hasMessage("action 'turn_on' is not supported by sensor.t (supported: none)")
        .extracting(e -> ((ActionException) e).kind()).isEqualTo(Refusal.UNSUPPORTED);
    assertThatThrownBy(() -> map("switch.a", "open", null))
        .hasMessage("action 'open' is not supported by switch.a (supported: toggle, turn_off, turn_on)");
    assertThatThrownBy(() -> map("cover.a", "set_position", null))
        .hasMessage("parameter 'position' is required")
        .extracting(e -> ((ActionException) e).kind())
        .isEqualTo(Refusal.INVALID_PARAMETERS);
    assertThatThrownBy(() -> map("cover.a", "set_position", "{\"position\":101}"))
        .hasMessage("parameter 'position' must be a number from 0 to 100");
    assertThatThrownBy(() -> map("light.a", "set_color", "{\"rgb_color\":[1,2]}"))
        .hasMessage("parameter 'rgb_color' must be a list of three integers from 0 to 255");
    assertThatThrownBy(() -> map("media_player.a", "set_volume", "{\"volume_level\":\"loud\"}"))
        .hasMessage("parameter 'volume_level' must be a number from 0 to 1");
    assertThatThrownBy(() -> map("switch.a", "turn_on", "{\"brightness\":3}"))
        .hasMessage("unknown parameter 'brightness'; this action takes none");
    assertThatThrownBy(() -> map("climate.a", "set_temperature", "{\"hvac_mode\":\"heat\"}"))
        .hasMessage("one of the parameters target_temp_high, target_temp_low, temperature is required");
  }
}
