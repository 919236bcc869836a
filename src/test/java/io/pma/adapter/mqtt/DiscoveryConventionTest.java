package io.pma.adapter.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DiscoveryConventionTest {
  private static ObjectNode normalize(String json) throws Exception {
    return DiscoveryPayload.normalize((ObjectNode) Json.MAPPER.readTree(json));
  }

  @Test
  @DisplayName("discovery topics: <prefix>/<component>/[<node_id>/]<object_id>/config")
  void topics() {
    DiscoveryTopic withNode = DiscoveryTopic.parse("homeassistant",
        "homeassistant/sensor/0x00158d00045d1e2f/temperature/config").orElseThrow();
    assertThat(withNode.component()).isEqualTo("sensor");
    assertThat(withNode.nodeId()).isEqualTo("0x00158d00045d1e2f");
    assertThat(withNode.objectId()).isEqualTo("temperature");
    assertThat(withNode.discoveryId()).isEqualTo("0x00158d00045d1e2f temperature");
    DiscoveryTopic plain = DiscoveryTopic.parse("ha", "ha/light/desk-lamp/config").orElseThrow();
    assertThat(plain.nodeId()).isNull();
    assertThat(plain.objectId()).isEqualTo("desk-lamp");
    assertThat(DiscoveryTopic.parse("homeassistant", "homeassistant/status")).isEmpty();
    assertThat(DiscoveryTopic.parse("homeassistant", "homeassistant/light/a b/config")).isEmpty();
    assertThat(DiscoveryTopic.parse("homeassistant", "homeassistantx/light/a/config")).isEmpty();
    assertThat(DiscoveryTopic.parse("homeassistant", "homeassistant/light/a/b/c/config"))
        .isEmpty();
  }

  @Test
  @DisplayName("abbreviations expand at the top level, in device, origin and availability")
  void abbreviations() throws Exception {
    ObjectNode config = normalize("{\"stat_t\":\"a\",\"cmd_t\":\"b\",\"uniq_id\":\"u\","
        + "\"dev\":{\"ids\":[\"x\"],\"mf\":\"Acme\",\"sa\":\"Kitchen\"},\"o\":{\"sw\":\"1.0\"},"
        + "\"avty\":[{\"t\":\"c\",\"pl_avail\":\"up\",\"val_tpl\":\"{{ value }}\"}],"
        + "\"unknown_key\":1}");
    assertThat(config.toString()).isEqualTo("{\"unknown_key\":1,\"state_topic\":\"a\","
        + "\"command_topic\":\"b\",\"unique_id\":\"u\",\"device\":{\"identifiers\":[\"x\"],"
        + "\"manufacturer\":\"Acme\",\"suggested_area\":\"Kitchen\"},"
        + "\"origin\":{\"sw_version\":\"1.0\"},\"availability\":[{\"topic\":\"c\","
        + "\"payload_available\":\"up\",\"value_template\":\"{{ value }}\"}]}");
  }

  @Test
  @DisplayName("'~' is substituted at the start or end of *_topic values and availability topics")
  void baseTopic() throws Exception {
    ObjectNode config = normalize("{\"~\":\"tasmota/desk\",\"stat_t\":\"~/state\","
        + "\"cmd_t\":\"cmnd/~\",\"json_attr_t\":\"other\",\"name\":\"~/not a topic\","
        + "\"avty\":[{\"t\":\"~/LWT\"}]}");
    assertThat(config.get("state_topic").asText()).isEqualTo("tasmota/desk/state");
    assertThat(config.get("command_topic").asText()).isEqualTo("cmnd/tasmota/desk");
    assertThat(config.get("json_attributes_topic").asText()).isEqualTo("other");
    assertThat(config.get("name").asText()).isEqualTo("~/not a topic");
    assertThat(config.get("availability").get(0).get("topic").asText())
        .isEqualTo("tasmota/desk/LWT");
    assertThat(config.has("~")).isFalse();
  }

  @Test
  @DisplayName("entity ids follow Home Assistant: slugified, lower-case [a-z0-9_]")
  void entityIds() {
    assertThat(EntityIds.slugify("Living Room Lamp")).isEqualTo("living_room_lamp");
    assertThat(EntityIds.slugify("Küche — Decke (2)")).isEqualTo("kuche_decke_2");
    assertThat(EntityIds.slugify("esphome-fan Ceiling Fan")).isEqualTo("esphome_fan_ceiling_fan");
    assertThat(EntityIds.slugify("Straße")).isEqualTo("strasse");
    assertThat(EntityIds.slugify("___")).isNull();
  }

  @Test
  @DisplayName("MQTT topic filters match + and # as the protocol says")
  void topicFilters() {
    assertThat(TopicFilter.matches("zigbee2mqtt/+/set", "zigbee2mqtt/Lamp/set")).isTrue();
    assertThat(TopicFilter.matches("zigbee2mqtt/+/set", "zigbee2mqtt/Lamp/x/set")).isFalse();
    assertThat(TopicFilter.matches("zigbee2mqtt/#", "zigbee2mqtt/Lamp/x/set")).isTrue();
    assertThat(TopicFilter.matches("zigbee2mqtt/#", "zigbee2mqtt")).isTrue();
    assertThat(TopicFilter.matches("#", "$SYS/broker")).isFalse();
  }
}
