package io.pma.adapter.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TemplatesTest {
  private static String render(String template, String payload) throws Exception {
    return ValueTemplate.compile(template).render(Payload.of(payload));
  }

  @Test
  @DisplayName("the common value_template forms read plain and JSON payloads like Home Assistant")
  void valueTemplates() throws Exception {
    assertThat(render(null, " 21.5 ")).isEqualTo("21.5");
    assertThat(render("{{ value }}", "ON")).isEqualTo("ON");
    assertThat(render("{{ value_json.temperature }}", "{\"temperature\":21.37}"))
        .isEqualTo("21.37");
    assertThat(render("{{value_json['humidity']}}", "{\"humidity\":48}")).isEqualTo("48");
    assertThat(render("{{ value_json[\"a b\"] }}", "{\"a b\":\"x\"}")).isEqualTo("x");
    assertThat(render("{{ value_json.update.state }}", "{\"update\":{\"state\":\"idle\"}}"))
        .isEqualTo("idle");
    assertThat(render("{{ value_json.list[1] }}", "{\"list\":[1,2]}")).isEqualTo("2");
    assertThat(render("{{ value_json.occupancy }}", "{\"occupancy\":true}")).isEqualTo("True");
    assertThat(render("{{ value_json.x }}", "{\"x\":null}")).isEqualTo("None");
    assertThat(render("{{ value_json.x }}", "{\"x\":21.0}")).isEqualTo("21.0");
    assertThat(render("{{ value_json.missing }}", "{\"x\":1}")).isNull();
  }

  @Test
  @DisplayName("simple filters: float, int, round, lower, upper, default, is_defined")
  void filters() throws Exception {
    assertThat(render("{{ value | float }}", "21")).isEqualTo("21.0");
    assertThat(render("{{ value | int }}", "21.7")).isEqualTo("21");
    assertThat(render("{{ value_json.t | round(1) }}", "{\"t\":21.37}")).isEqualTo("21.4");
    assertThat(render("{{ value_json.t | round }}", "{\"t\":21.5}")).isEqualTo("22");
    assertThat(render("{{ value_json.state | lower }}", "{\"state\":\"ON\"}")).isEqualTo("on");
    assertThat(render("{{ value | upper }}", "on")).isEqualTo("ON");
    assertThat(render("{{ value_json.x | default('none') }}", "{}")).isEqualTo("none");
    assertThat(render("{{ value | float(0) }}", "n/a")).isEqualTo("0");
    assertThatThrownBy(() -> render("{{ value | float }}", "n/a"))
        .isInstanceOf(MalformedPayloadException.class);
    assertThatThrownBy(() -> render("{{ value_json.x | is_defined }}", "{}"))
        .isInstanceOf(MalformedPayloadException.class);
  }

  @Test
  @DisplayName("value_json on a payload that is not JSON is a malformed payload")
  void notJson() {
    assertThatThrownBy(() -> render("{{ value_json.x }}", "ON"))
        .isInstanceOf(MalformedPayloadException.class).hasMessage("payload is not JSON");
  }

  @Test
  @DisplayName("Home Assistant's template language beyond the subset, as device configs use it")
  void jinja() throws Exception {
    // zigbee2mqtt's climate action template.
    String action = "{% set values = {None:None,'idle':'idle','heat':'heating'} %}"
        + "{{ values[value_json.running_state] }}";
    assertThat(ValueTemplate.compile(action).usesJinja()).isTrue();
    assertThat(render(action, "{\"running_state\":\"heat\"}")).isEqualTo("heating");
    assertThat(render(action, "{\"running_state\":\"idle\"}")).isEqualTo("idle");
    assertThat(render(action, "{\"battery\":90}")).isNull();
    assertThat(render("{% if value_json.state == 'on' %}ON{% else %}OFF{% endif %}",
        "{\"state\":\"on\"}")).isEqualTo("ON");
    assertThat(render("{{ 'open' if value_json.position > 0 else 'closed' }}",
        "{\"position\":40}")).isEqualTo("open");
    assertThat(render("{{ (value | float * 1.8 + 32) | round(1) }}", "21.5")).isEqualTo("70.7");
    assertThat(render("{{ value_json.x + 1 }}", "{\"x\":41}")).isEqualTo("42");
    assertThat(render("{{ value_json.occupancy | iif('ON', 'OFF') }}", "{\"occupancy\":false}"))
        .isEqualTo("OFF");
    assertThat(render("{{ iif(value_json.a, 'yes', 'no') }}", "{\"a\":1}")).isEqualTo("yes");
    assertThat(render("{{ float(value, 0) + int('7') }}", "2.5")).isEqualTo("9.5");
    assertThat(render("{{ value | int | timestamp_custom('%H:%M', false) }}", "3600"))
        .isEqualTo("01:00");
    assertThat(render("{{ value | int | timestamp_utc }}", "0"))
        .isEqualTo("1970-01-01T00:00:00Z");
    assertThat(render("{{ (value | from_json).a.b }}", "{\"a\":{\"b\":3}}")).isEqualTo("3");
    assertThat(render("{{ value_json | to_json }}", "{\"a\":[1,true]}"))
        .isEqualTo("{\"a\":[1,true]}");
    assertThat(render("{{ value_json.t | round(0, 'floor') }}", "{\"t\":21.9}"))
        .isEqualTo("21");
    assertThat(render("{{ 'on' if value | bool else 'off' }}", "yes")).isEqualTo("on");
    assertThat(render("{{ value | is_number }}", "12")).isEqualTo("true");
    // Tasmota's light state template.
    assertThat(render("{%- if value_json.POWER is defined -%}{{ value_json.POWER }}"
        + "{%- endif -%}", "{\"POWER\":\"ON\",\"Dimmer\":40}")).isEqualTo("ON");
    assertThat(render("{%- if value_json.POWER is defined -%}{{ value_json.POWER }}"
        + "{%- endif -%}", "{\"Dimmer\":40}")).isNull();
    // Nothing a render sets survives it.
    ValueTemplate once = ValueTemplate.compile(
        "{% if seen is defined %}again{% else %}first{% endif %}{% set seen = value %}");
    assertThat(once.render(Payload.of("1"))).isEqualTo("first");
    assertThat(once.render(Payload.of("2"))).isEqualTo("first");
    // A non-JSON payload leaves value_json undefined; value still works.
    assertThat(render("{{ value_json.x | default(value) }}", "ON")).isEqualTo("ON");
  }

  @Test
  @DisplayName("Home Assistant's failing filters fail the message, never the config")
  void jinjaErrors() throws Exception {
    for (String template : new String[] {"{{ value | float + 1 }}", "{{ (value | int) * 2 }}",
        "{{ value_json.x | is_defined }}{% if true %}{% endif %}",
        "{{ value | bool }}{% if true %}{% endif %}", "{{ value | from_json }}"}) {
      ValueTemplate compiled = ValueTemplate.compile(template);
      assertThatThrownBy(() -> compiled.render(Payload.of("n/a"))).as(template)
          .isInstanceOf(MalformedPayloadException.class);
    }
  }

  @Test
  @DisplayName("the template sandbox: no files, no macros, bounded loops, no Java objects")
  void sandbox() throws Exception {
    assertThat(render("{% for i in range(100000) %}x{% endfor %}", ""))
        .hasSize(JinjaTemplate.RANGE_LIMIT);
    String nested = "{% for a in range(200) %}{% for b in range(200) %}{% if b %}{% endif %}"
        + "{% endfor %}{% endfor %}";
    assertThatThrownBy(() -> render(nested, "1")).isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("visits more than 10000 nodes");
    String wide = "{% for a in range(200) %}{% for b in range(200) %}{{ b }}{% endfor %}"
        + "{% endfor %}";
    assertThatThrownBy(() -> render(wide, "1")).isInstanceOf(MalformedPayloadException.class);
    String bomb = "{% set s = 'a' %}{% for i in range(30) %}{% set s = s ~ s %}{% endfor %}{{ s }}";
    assertThatThrownBy(() -> render(bomb, "1")).isInstanceOf(MalformedPayloadException.class);
    for (String escape : new String[] {"{% include '/etc/passwd' %}",
        "{% import '/etc/passwd' as p %}{{ p }}", "{% extends '/etc/passwd' %}",
        "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}"}) {
      assertThatThrownBy(() -> ValueTemplate.compile(escape)).as(escape)
          .isInstanceOf(InvalidConfigException.class).hasMessageContaining("is disabled");
    }
    assertThat(String.valueOf(renderOrNull("{{ value.getClass() }}", "1"))).doesNotContain("java");
    assertThat(String.valueOf(renderOrNull("{{ value.class.name }}", "1"))).doesNotContain("java");
    assertThat(String.valueOf(renderOrNull("{{ states('sensor.x') }}", "1")))
        .isEqualTo("null");
  }

  private static String renderOrNull(String template, String payload) {
    try {
      return render(template, payload);
    } catch (Exception e) {
      return null;
    }
  }

  @Test
  @DisplayName("command templates fill their holes and keep the literal text")
  void commandTemplates() throws Exception {
    CommandTemplate position = CommandTemplate.compile("{ \"position\": {{ position }} }",
        Set.of("position", "value"));
    assertThat(position.render(Map.of("position", JsonNodeFactory.instance.numberNode(75))))
        .isEqualTo("{ \"position\": 75 }");
    CommandTemplate power = CommandTemplate.compile("{\"POWER\":\"{{ value }}\"}", Set.of("value"));
    assertThat(power.render(Map.of("value", JsonNodeFactory.instance.textNode("ON"))))
        .isEqualTo("{\"POWER\":\"ON\"}");
    CommandTemplate mode = CommandTemplate.compile(
        "{% if value == 'off' %}{\"system_mode\":\"off\"}{% else %}{\"system_mode\":\"{{ value }}\","
            + "\"boost\":{{ (value == 'heat') | lower }}}{% endif %}", Set.of("value"));
    assertThat(mode.render(Map.of("value", JsonNodeFactory.instance.textNode("heat"))))
        .isEqualTo("{\"system_mode\":\"heat\",\"boost\":true}");
    assertThat(mode.render(Map.of("value", JsonNodeFactory.instance.textNode("off"))))
        .isEqualTo("{\"system_mode\":\"off\"}");
    CommandTemplate scaled = CommandTemplate.compile("{{ (position * 2.55) | round }}",
        Set.of("position"));
    assertThat(scaled.render(Map.of("position", JsonNodeFactory.instance.numberNode(40))))
        .isEqualTo("102");
    assertThatThrownBy(() -> CommandTemplate.compile("{% if value %}1", Set.of("value")))
        .isInstanceOf(InvalidConfigException.class);
  }

  @Test
  @DisplayName("numbers are written as Python writes them")
  void pythonText() {
    assertThat(PythonText.ofDouble(21)).isEqualTo("21.0");
    assertThat(PythonText.ofDouble(21.5)).isEqualTo("21.5");
    assertThat(PythonText.ofDouble(0.1)).isEqualTo("0.1");
    assertThat(PythonText.ofDouble(1e-5)).isEqualTo("1.0e-5");
    assertThat(PythonText.ofNumber(21)).isEqualTo("21");
    assertThat(PythonText.ofNumber(21.25)).isEqualTo("21.25");
  }
}
