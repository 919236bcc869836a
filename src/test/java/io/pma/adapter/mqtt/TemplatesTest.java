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
  @DisplayName("templates beyond the subset are refused when compiled, never half-evaluated")
  void unsupported() {
    for (String template : new String[] {"{% if value %}on{% endif %}", "{{ value_json.x + 1 }}",
        "{{ states('sensor.x') }}", "{{ value_json.x | regex_replace('a','b') }}",
        "{{ value }} {{ value }}", "plain text", "{{ now() }}"}) {
      assertThatThrownBy(() -> ValueTemplate.compile(template))
          .as(template).isInstanceOf(InvalidConfigException.class);
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
    assertThatThrownBy(() -> CommandTemplate.compile("{% if value %}1{% endif %}", Set.of("value")))
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
