package io.pma.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.Json;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rule documents: what a valid one becomes, and the precise error for each invalid field. */
class RuleValidationTest {
  private static final String NOTIFY = "{\"type\":\"notify\",\"message\":\"m\"}";
  private static final String MANUAL = "{\"type\":\"manual\"}";

  static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** A valid rule with {@code overrides} applied (a JSON null removes the field). */
  static JsonNode rule(String overrides) {
    ObjectNode rule = (ObjectNode) json("{\"name\":\"n\",\"triggers\":[" + MANUAL
        + "],\"actions\":[" + NOTIFY + "]}");
    json(overrides).fields().forEachRemaining(f -> {
      if (f.getValue().isNull()) {
        rule.remove(f.getKey());
      } else {
        rule.set(f.getKey(), f.getValue());
      }
    });
    return rule;
  }

  static String trigger(String trigger) {
    return "{\"triggers\":[" + trigger + "]}";
  }

  static String condition(String condition) {
    return "{\"conditions\":[" + condition + "]}";
  }

  static String action(String action) {
    return "{\"actions\":[" + action + "]}";
  }

  @Test
  @DisplayName("a rule with every kind of trigger, condition and action is read and written back canonically")
  void everyKindRoundTrips() {
    String document = RuleDocuments.EVERY_KIND;
    Rule rule = RuleParser.parse(json(document));
    assertThat(Json.write(rule)).isEqualTo("{\"id\":\"everything\",\"name\":\"Everything\","
        + "\"description\":\"all\",\"enabled\":false,\"mode\":\"queued\",\"max\":3,\"triggers\":["
        + "{\"type\":\"state\",\"entity_id\":\"binary_sensor.*\",\"attribute\":\"x\","
        + "\"from\":\"off\",\"to\":[\"on\",\"open\"],\"for\":\"90s\"},"
        + "{\"type\":\"numeric\",\"entity_id\":\"sensor.t\",\"attribute\":\"a\",\"above\":1.0,"
        + "\"below\":2.5,\"for\":\"2s\"},"
        + "{\"type\":\"time\",\"at\":\"07:30\"},{\"type\":\"time\",\"at\":\"07:30:15\"},"
        + "{\"type\":\"cron\",\"cron\":\"0 7 * * mon-fri\"},"
        + "{\"type\":\"interval\",\"every\":\"5m\"},"
        + "{\"type\":\"event\",\"event_type\":\"call_*\",\"data\":{\"domain\":\"light\"}},"
        + "{\"type\":\"manual\"}],\"conditions\":["
        + "{\"type\":\"state\",\"entity_id\":\"light.a\",\"state\":\"on\",\"for\":\"500ms\"},"
        + "{\"type\":\"numeric\",\"entity_id\":\"sensor.t\",\"below\":3.0},"
        + "{\"type\":\"time\",\"after\":\"22:00\",\"before\":\"06:00\","
        + "\"weekdays\":[\"sat\",\"sun\"]},"
        + "{\"type\":\"and\",\"conditions\":[{\"type\":\"or\",\"conditions\":[{\"type\":\"not\","
        + "\"conditions\":[{\"type\":\"state\",\"entity_id\":\"light.b\",\"attribute\":\"mode\","
        + "\"state\":[\"a\",\"b\"]}]}]}]}],\"actions\":["
        + "{\"type\":\"entity_action\",\"entity_id\":\"light.a\",\"action\":\"turn_on\","
        + "\"parameters\":{\"brightness\":10}},"
        + "{\"type\":\"entity_action\",\"entity_id\":\"light.a\",\"action\":\"toggle\","
        + "\"parameters\":{}},"
        + "{\"type\":\"notify\",\"title\":\"t\",\"message\":\"m\",\"level\":\"warning\","
        + "\"user_id\":\"u1\"},{\"type\":\"notify\",\"title\":\"\",\"message\":\"plain\","
        + "\"level\":\"info\"},"
        + "{\"type\":\"delay\",\"delay\":\"1500ms\"},"
        + "{\"type\":\"wait_for_state\",\"entity_id\":\"light.a\",\"state\":\"off\","
        + "\"timeout\":\"1h\",\"continue_on_timeout\":true},"
        + "{\"type\":\"fire_event\",\"event_type\":\"my_event\",\"data\":{\"k\":1}},"
        + "{\"type\":\"choose\",\"choices\":[{\"conditions\":[{\"type\":\"state\","
        + "\"entity_id\":\"light.a\",\"state\":\"on\"}],\"actions\":[{\"type\":\"delay\","
        + "\"delay\":\"1s\"}]}],\"default\":[{\"type\":\"notify\",\"title\":\"\","
        + "\"message\":\"d\",\"level\":\"info\"}]},"
        + "{\"type\":\"choose\",\"choices\":[{\"conditions\":[{\"type\":\"time\","
        + "\"weekdays\":[\"mon\"]}],\"actions\":[{\"type\":\"notify\",\"title\":\"\","
        + "\"message\":\"m\",\"level\":\"info\"}]}]}],"
        + "\"created_at\":\"1970-01-01T00:00:00.000Z\",\"updated_at\":\"1970-01-01T00:00:00.000Z\"}");
    assertThat(RuleParser.parse(json(Json.write(rule)))).isEqualTo(rule);
  }

  @Test
  @DisplayName("defaults: enabled, mode single without max, no conditions, empty description")
  void defaults() {
    Rule rule = RuleParser.parse(rule("{}"));
    assertThat(rule.enabled()).isTrue();
    assertThat(rule.mode()).isEqualTo(RunMode.SINGLE);
    assertThat(rule.max()).isNull();
    assertThat(rule.description()).isEmpty();
    assertThat(rule.conditions()).isEmpty();
    assertThat(rule.id()).isNull();
    assertThat(RuleParser.parse(rule("{\"mode\":\"parallel\"}")).max()).isEqualTo(10);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        // the rule itself
        Arguments.of("{\"name\":null}", "name", "is required"),
        Arguments.of("{\"name\":\"  \"}", "name", "must not be empty"),
        Arguments.of("{\"name\":5}", "name", "must be a string"),
        Arguments.of("{\"name\":\"" + "x".repeat(256) + "\"}", "name", "at most 255"),
        Arguments.of("{\"description\":[]}", "description", "must be a string"),
        Arguments.of("{\"id\":\"has space\"}", "id", "1 to 64 letters, digits, '_' or '-'"),
        Arguments.of("{\"nmae\":\"x\"}", "nmae", "is not a known field"),
        Arguments.of("{\"enabled\":\"yes\"}", "enabled", "must be true or false"),
        Arguments.of("{\"mode\":\"sometimes\"}", "mode",
            "must be one of single, restart, queued, parallel"),
        Arguments.of("{\"max\":3}", "max", "applies only to mode queued or parallel"),
        Arguments.of("{\"mode\":\"queued\",\"max\":0}", "max", "whole number from 1 to 100"),
        Arguments.of("{\"mode\":\"parallel\",\"max\":1.5}", "max", "whole number from 1 to 100"),
        Arguments.of("{\"triggers\":null}", "triggers", "is required"),
        Arguments.of("{\"triggers\":[]}", "triggers", "must have 1 to 100 items"),
        Arguments.of("{\"triggers\":{}}", "triggers", "must be a list"),
        Arguments.of("{\"conditions\":{}}", "conditions", "must be a list"),
        Arguments.of("{\"actions\":null}", "actions", "is required"),
        Arguments.of("{\"actions\":[]}", "actions", "must have 1 to 100 items"),
        // triggers
        Arguments.of(trigger("\"state\""), "triggers[0]", "must be an object"),
        Arguments.of(trigger("{}"), "triggers[0].type", "is required"),
        Arguments.of(trigger("{\"type\":\"sunset\"}"), "triggers[0].type",
            "must be one of state, numeric, time, cron, interval, event, manual"),
        Arguments.of(trigger("{\"type\":\"state\"}"), "triggers[0].entity_id", "is required"),
        Arguments.of(trigger("{\"type\":\"state\",\"entity_id\":\"Light.Kitchen\"}"),
            "triggers[0].entity_id", "must be an entity id or glob"),
        Arguments.of(trigger("{\"type\":\"state\",\"entity_id\":\"light.a\",\"to\":{}}"),
            "triggers[0].to", "must be a string or a non-empty list of strings"),
        Arguments.of(trigger("{\"type\":\"state\",\"entity_id\":\"light.a\",\"from\":[]}"),
            "triggers[0].from", "must be a string or a non-empty list of strings"),
        Arguments.of(trigger("{\"type\":\"state\",\"entity_id\":\"light.a\",\"to\":[{}]}"),
            "triggers[0].to", "must be a string or a list of strings"),
        Arguments.of(trigger("{\"type\":\"state\",\"entity_id\":\"light.a\",\"attribute\":1}"),
            "triggers[0].attribute", "must be a string"),
        Arguments.of(trigger("{\"type\":\"state\",\"entity_id\":\"light.a\",\"for\":\"2 s\"}"),
            "triggers[0].for", "must be a duration such as"),
        Arguments.of(trigger("{\"type\":\"state\",\"entity_id\":\"light.a\",\"for\":-1}"),
            "triggers[0].for", "must be a non-negative number of seconds"),
        Arguments.of(trigger("{\"type\":\"state\",\"entity_id\":\"light.a\",\"for\":\"200h\"}"),
            "triggers[0].for", "must be from 0s to 168h"),
        Arguments.of(trigger("{\"type\":\"state\",\"entity_id\":\"light.a\",\"for\":true}"),
            "triggers[0].for", "must be a duration such as \"2s\" or a number of seconds"),
        Arguments.of(trigger("{\"type\":\"state\",\"entity_id\":\"light.a\",\"too\":\"on\"}"),
            "triggers[0].too", "is not a known field (expected one of attribute, entity_id,"
                + " for, from, to, type)"),
        Arguments.of(trigger("{\"type\":\"numeric\",\"entity_id\":\"sensor.t\"}"),
            "triggers[0].above", "or 'below' is required"),
        Arguments.of(trigger("{\"type\":\"numeric\",\"entity_id\":\"sensor.t\",\"above\":5,"
            + "\"below\":1}"), "triggers[0].below", "must be greater than 'above'"),
        Arguments.of(trigger("{\"type\":\"numeric\",\"entity_id\":\"sensor.t\","
            + "\"above\":\"5\"}"), "triggers[0].above", "must be a number"),
        Arguments.of(trigger("{\"type\":\"time\"}"), "triggers[0].at", "is required"),
        Arguments.of(trigger("{\"type\":\"time\",\"at\":\"25:00\"}"), "triggers[0].at",
            "must be a time of day HH:MM or HH:MM:SS"),
        Arguments.of(trigger("{\"type\":\"time\",\"at\":\"7:30\"}"), "triggers[0].at",
            "must be a time of day HH:MM or HH:MM:SS"),
        Arguments.of(trigger("{\"type\":\"cron\",\"cron\":\"* * *\"}"), "triggers[0].cron",
            "must have 5 fields"),
        Arguments.of(trigger("{\"type\":\"cron\",\"cron\":\"61 * * * *\"}"), "triggers[0].cron",
            "minute '61' is not a value from 0 to 59"),
        Arguments.of(trigger("{\"type\":\"cron\",\"cron\":\"0 0 31 2 *\"}"), "triggers[0].cron",
            "never matches a real date"),
        Arguments.of(trigger("{\"type\":\"cron\",\"cron\":\"5-1 * * * *\"}"), "triggers[0].cron",
            "minute range '5-1' runs backwards"),
        Arguments.of(trigger("{\"type\":\"cron\",\"cron\":\"* * * * xyz\"}"), "triggers[0].cron",
            "day of week 'xyz' is not a value from 0 to 7"),
        Arguments.of(trigger("{\"type\":\"interval\",\"every\":\"500ms\"}"),
            "triggers[0].every", "must be from 1s to 744h"),
        Arguments.of(trigger("{\"type\":\"interval\"}"), "triggers[0].every", "is required"),
        Arguments.of(trigger("{\"type\":\"event\",\"event_type\":\"Door Bell\"}"),
            "triggers[0].event_type", "must be an event type or glob"),
        Arguments.of(trigger("{\"type\":\"event\",\"event_type\":\"x\",\"data\":[]}"),
            "triggers[0].data", "must be an object"),
        Arguments.of(trigger("{\"type\":\"manual\",\"at\":\"07:00\"}"), "triggers[0].at",
            "is not a known field"),
        // conditions
        Arguments.of(condition("{\"type\":\"maybe\"}"), "conditions[0].type",
            "must be one of state, numeric, time, and, or, not"),
        Arguments.of(condition("{\"type\":\"state\",\"entity_id\":\"light.a\"}"),
            "conditions[0].state", "is required"),
        Arguments.of(condition("{\"type\":\"state\",\"entity_id\":\"light.*\",\"state\":\"on\"}"),
            "conditions[0].entity_id", "must be an entity id such as light.kitchen"),
        Arguments.of(condition("{\"type\":\"state\",\"entity_id\":\"light.a\",\"state\":\"on\","
            + "\"attribute\":\"x\",\"for\":\"1s\"}"), "conditions[0].for",
            "cannot be combined with 'attribute'"),
        Arguments.of(condition("{\"type\":\"numeric\",\"entity_id\":\"sensor.t\","
            + "\"above\":3,\"below\":3}"), "conditions[0].below", "must be greater than 'above'"),
        Arguments.of(condition("{\"type\":\"time\"}"), "conditions[0].after",
            "or 'before' or 'weekdays' is required"),
        Arguments.of(condition("{\"type\":\"time\",\"weekdays\":[\"mon\",\"funday\"]}"),
            "conditions[0].weekdays[1]", "must be one of mon, tue, wed, thu, fri, sat, sun"),
        Arguments.of(condition("{\"type\":\"time\",\"weekdays\":[]}"), "conditions[0].weekdays",
            "must have 1 to 100 items"),
        Arguments.of(condition("{\"type\":\"time\",\"after\":\"08:00\",\"before\":\"08:00\"}"),
            "conditions[0].before", "must differ from 'after'"),
        Arguments.of(condition("{\"type\":\"and\"}"), "conditions[0].conditions", "is required"),
        Arguments.of(condition("{\"type\":\"or\",\"conditions\":[" + MANUAL_CONDITION_OK
            + ",{\"type\":\"not\",\"conditions\":[{\"type\":\"numeric\",\"entity_id\":\"x\","
            + "\"above\":1}]}]}"), "conditions[0].conditions[1].conditions[0].entity_id",
            "must be an entity id"),
        Arguments.of(condition(nested(9)), "conditions[0]" + ".conditions[0]".repeat(8)
            + ".conditions", "nests deeper than 8 levels"),
        // actions
        Arguments.of(action("{\"type\":\"call\"}"), "actions[0].type",
            "must be one of entity_action, notify, delay, wait_for_state, fire_event, choose"),
        Arguments.of(action("{\"type\":\"entity_action\",\"action\":\"turn_on\"}"),
            "actions[0].entity_id", "is required"),
        Arguments.of(action("{\"type\":\"entity_action\",\"entity_id\":\"light.a\","
            + "\"action\":\"Turn On\"}"), "actions[0].action",
            "must be a lower-case action name such as turn_on"),
        Arguments.of(action("{\"type\":\"entity_action\",\"entity_id\":\"light.a\","
            + "\"action\":\"turn_on\",\"parameters\":\"x\"}"), "actions[0].parameters",
            "must be an object"),
        Arguments.of(action("{\"type\":\"notify\"}"), "actions[0].message", "is required"),
        Arguments.of(action("{\"type\":\"notify\",\"message\":\"" + "m".repeat(2001) + "\"}"),
            "actions[0].message", "must be at most 2000 characters"),
        Arguments.of(action("{\"type\":\"notify\",\"message\":\"m\",\"title\":\""
            + "t".repeat(201) + "\"}"), "actions[0].title", "must be at most 200 characters"),
        Arguments.of(action("{\"type\":\"notify\",\"message\":\"m\",\"level\":\"loud\"}"),
            "actions[0].level", "must be one of info, success, warning, error"),
        Arguments.of(action("{\"type\":\"notify\",\"message\":\"m\",\"user_id\":\"a b\"}"),
            "actions[0].user_id", "must be a user id"),
        Arguments.of(action("{\"type\":\"delay\"}"), "actions[0].delay", "is required"),
        Arguments.of(action("{\"type\":\"delay\",\"delay\":\"25h\"}"), "actions[0].delay",
            "must be from 0s to 24h"),
        Arguments.of(action("{\"type\":\"wait_for_state\",\"entity_id\":\"light.a\","
            + "\"state\":\"on\"}"), "actions[0].timeout", "is required"),
        Arguments.of(action("{\"type\":\"wait_for_state\",\"entity_id\":\"light.a\","
            + "\"timeout\":\"1m\"}"), "actions[0].state", "is required"),
        Arguments.of(action("{\"type\":\"wait_for_state\",\"entity_id\":\"light.a\","
            + "\"state\":\"on\",\"timeout\":\"1m\",\"continue_on_timeout\":\"yes\"}"),
            "actions[0].continue_on_timeout", "must be true or false"),
        Arguments.of(action("{\"type\":\"fire_event\",\"event_type\":\"a*\"}"),
            "actions[0].event_type", "must be an event type of lower-case letters"),
        Arguments.of(action("{\"type\":\"fire_event\",\"event_type\":\"a\",\"data\":3}"),
            "actions[0].data", "must be an object"),
        Arguments.of(action("{\"type\":\"choose\"}"), "actions[0].choices", "is required"),
        Arguments.of(action("{\"type\":\"choose\",\"choices\":[{\"conditions\":["
            + MANUAL_CONDITION_OK + "]}]}"), "actions[0].choices[0].actions", "is required"),
        Arguments.of(action("{\"type\":\"choose\",\"choices\":[{\"conditions\":["
            + MANUAL_CONDITION_OK + "],\"actions\":[" + NOTIFY + "],\"else\":[]}]}"),
            "actions[0].choices[0].else", "is not a known field"),
        Arguments.of(action("{\"type\":\"choose\",\"choices\":[{\"conditions\":["
            + MANUAL_CONDITION_OK + "],\"actions\":[{\"type\":\"delay\",\"delay\":\"x\"}]}]}"),
            "actions[0].choices[0].actions[0].delay", "must be a duration"),
        Arguments.of(action("{\"type\":\"choose\",\"choices\":[{\"conditions\":["
            + MANUAL_CONDITION_OK + "],\"actions\":[" + NOTIFY + "]}],\"default\":[{}]}"),
            "actions[0].default[0].type", "is required"));
  }

  private static final String MANUAL_CONDITION_OK =
      "{\"type\":\"state\",\"entity_id\":\"light.a\",\"state\":\"on\"}";

  private static String nested(int depth) {
    String inner = MANUAL_CONDITION_OK;
    for (int i = 0; i < depth; i++) {
      inner = "{\"type\":\"and\",\"conditions\":[" + inner + "]}";
    }
    return inner;
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("invalid")
  @DisplayName("an invalid field is reported alone, under its path")
  void invalidField(String overrides, String field, String reason) {
    RuleValidationException e = catchThrowableOfType(RuleValidationException.class,
        () -> RuleParser.parse(rule(overrides)));
    assertThat(e).as("no error for " + overrides).isNotNull();
    assertThat(e.errors()).hasSize(1);
    assertThat(e.errors().get(0).name()).isEqualTo(field);
    assertThat(e.errors().get(0).reason()).contains(reason);
    assertThat(e.getMessage()).isEqualTo(field + " " + e.errors().get(0).reason());
  }

  @Test
  @DisplayName("every invalid field of a document is reported at once, in document order")
  void allErrorsAtOnce() {
    assertThatThrownBy(() -> RuleParser.parse(json("{\"name\":\"\",\"mode\":\"x\","
        + "\"triggers\":[{\"type\":\"time\",\"at\":\"9\"},{\"type\":\"state\"}],"
        + "\"actions\":[{\"type\":\"delay\"}]}")))
        .isInstanceOf(RuleValidationException.class)
        .hasMessage("5 invalid fields: name must not be empty; mode must be one of single,"
            + " restart, queued, parallel; triggers[0].at must be a time of day HH:MM or"
            + " HH:MM:SS; triggers[1].entity_id is required; actions[0].delay is required");
  }

  @Test
  @DisplayName("a document that is not an object is reported as the body")
  void notAnObject() {
    assertThatThrownBy(() -> RuleParser.parse(json("[1]")))
        .hasMessage("body must be an object");
  }
}
