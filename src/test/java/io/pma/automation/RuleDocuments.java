package io.pma.automation;

/** Rule documents shared by tests. */
public final class RuleDocuments {
  /** A valid rule with every kind of trigger, condition and action. */
  public static final String EVERY_KIND = "{\"id\":\"everything\",\"name\":\"Everything\","
      + "\"description\":\"all\",\"enabled\":false,\"mode\":\"queued\",\"max\":3,\"triggers\":["
      + "{\"type\":\"state\",\"entity_id\":\"binary_sensor.*\",\"attribute\":\"x\","
      + "\"from\":\"off\",\"to\":[\"on\",\"open\"],\"for\":\"1m30s\"},"
      + "{\"type\":\"numeric\",\"entity_id\":\"sensor.t\",\"attribute\":\"a\",\"above\":1,"
      + "\"below\":2.5,\"for\":2},"
      + "{\"type\":\"time\",\"at\":\"07:30\"},{\"type\":\"time\",\"at\":\"07:30:15\"},"
      + "{\"type\":\"cron\",\"cron\":\"0 7 * * mon-fri\"},"
      + "{\"type\":\"interval\",\"every\":\"00:05:00\"},"
      + "{\"type\":\"event\",\"event_type\":\"call_*\",\"data\":{\"domain\":\"light\"}},"
      + "{\"type\":\"manual\"}],\"conditions\":["
      + "{\"type\":\"state\",\"entity_id\":\"light.a\",\"state\":\"on\",\"for\":\"500ms\"},"
      + "{\"type\":\"numeric\",\"entity_id\":\"sensor.t\",\"below\":3},"
      + "{\"type\":\"time\",\"after\":\"22:00\",\"before\":\"06:00\","
      + "\"weekdays\":[\"sat\",\"sun\"]},"
      + "{\"type\":\"and\",\"conditions\":[{\"type\":\"or\",\"conditions\":[{\"type\":\"not\","
      + "\"conditions\":[{\"type\":\"state\",\"entity_id\":\"light.b\",\"attribute\":\"mode\","
      + "\"state\":[\"a\",\"b\"]}]}]}]}],\"actions\":["
      + "{\"type\":\"entity_action\",\"entity_id\":\"light.a\",\"action\":\"turn_on\","
      + "\"parameters\":{\"brightness\":10}},"
      + "{\"type\":\"entity_action\",\"entity_id\":\"light.a\",\"action\":\"toggle\"},"
      + "{\"type\":\"notify\",\"title\":\"t\",\"message\":\"m\",\"level\":\"warning\","
      + "\"user_id\":\"u1\"},{\"type\":\"notify\",\"message\":\"plain\"},"
      + "{\"type\":\"delay\",\"delay\":1.5},"
      + "{\"type\":\"wait_for_state\",\"entity_id\":\"light.a\",\"state\":\"off\","
      + "\"timeout\":\"1h\",\"continue_on_timeout\":true},"
      + "{\"type\":\"fire_event\",\"event_type\":\"my_event\",\"data\":{\"k\":1}},"
      + "{\"type\":\"choose\",\"choices\":[{\"conditions\":[{\"type\":\"state\","
      + "\"entity_id\":\"light.a\",\"state\":\"on\"}],\"actions\":[{\"type\":\"delay\","
      + "\"delay\":\"1s\"}]}],\"default\":[{\"type\":\"notify\",\"message\":\"d\"}]},"
      + "{\"type\":\"choose\",\"choices\":[{\"conditions\":[{\"type\":\"time\","
      + "\"weekdays\":[\"mon\"]}],\"actions\":[{\"type\":\"notify\",\"message\":\"m\"}]}]}]}";

  private RuleDocuments() {}
}
