package io.pma.adapter;

import io.pma.domain.Refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pma.domain.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LightColorTest {
  private static LightColor parse(String json) throws Exception {
    return LightColor.parse((com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(json));
  }

  @Test
  @DisplayName("set_color takes exactly one of Home Assistant's colour forms")
  void parsing() throws Exception {
    assertThat(parse("{\"hs_color\":[30,100]}")).isEqualTo(new LightColor.Hs(30, 100));
    assertThat(parse("{\"rgb_color\":[255,128,0]}")).isEqualTo(new LightColor.Rgb(255, 128, 0));
    assertThat(parse("{\"xy_color\":[0.3,0.3]}")).isEqualTo(new LightColor.Xy(0.3, 0.3));
    assertThat(parse("{\"color_temp_kelvin\":2700}")).isEqualTo(new LightColor.Kelvin(2700));
    assertThat(parse("{\"color_temp\":400}")).isEqualTo(new LightColor.Kelvin(2500));
    for (String bad : new String[] {"{}", "{\"hs_color\":[1,2],\"rgb_color\":[1,2,3]}",
        "{\"hs_color\":[400,10]}", "{\"rgb_color\":[1,2]}", "{\"xy_color\":\"red\"}",
        "{\"color_temp_kelvin\":5}"}) {
      assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOfSatisfying(ActionException.class,
          e -> assertThat(e.kind()).isEqualTo(Refusal.INVALID_PARAMETERS));
    }
  }

  @Test
  @DisplayName("conversions between hs, rgb and xy agree with Home Assistant's colour utilities")
  void conversions() {
    assertThat(new LightColor.Hs(0, 100).toRgb()).isEqualTo(new LightColor.Rgb(255, 0, 0));
    assertThat(new LightColor.Hs(120, 100).toRgb()).isEqualTo(new LightColor.Rgb(0, 255, 0));
    // Values from Home Assistant's homeassistant.util.color with the same inputs.
    assertThat(new LightColor.Hs(30, 50).toRgb()).isEqualTo(new LightColor.Rgb(255, 191, 127));
    assertThat(new LightColor.Rgb(255, 0, 0).toXy()).isEqualTo(new LightColor.Xy(0.701, 0.299));
    assertThat(new LightColor.Rgb(255, 128, 0).toXy()).isEqualTo(new LightColor.Xy(0.611, 0.375));
    assertThat(new LightColor.Hs(240, 100).toXy()).isEqualTo(new LightColor.Xy(0.136, 0.04));
    assertThat(new LightColor.Rgb(0, 0, 255).toHs()).isEqualTo(new LightColor.Hs(240, 100));
    assertThat(new LightColor.Xy(0.701, 0.299).toRgb()).isEqualTo(new LightColor.Rgb(255, 0, 0));
    assertThat(new LightColor.Xy(0.4123, 0.3971).toRgb())
        .isEqualTo(new LightColor.Rgb(255, 225, 157));
    assertThat(new LightColor.Xy(0.17, 0.7).toHs()).isEqualTo(new LightColor.Hs(135.529, 100));
    assertThat(new LightColor.Kelvin(6600).toRgb().red()).isEqualTo(255);
    assertThat(new LightColor.Kelvin(2500).mireds()).isEqualTo(400);
  }
}
