package io.pma.api;

import static io.pma.ProblemResponses.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.Await;
import io.pma.ServerRig;
import io.pma.TestServer.Response;
import io.pma.TestServer;
import io.pma.bus.Published;
import io.pma.domain.EntityAdded;
import io.pma.domain.EntityStateChanged;
import io.pma.domain.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /api/v1/entities/states} through the real server (API.md, "Entities"). */
class BulkStatesApiTest {
  private static final String PATH = "/api/v1/entities/states";
  @RegisterExtension
  static final ServerRig rig = new ServerRig(ServerRig.STILL_DEMO);

  private static Response post(String tokenOrNull, String body) {
    return rig.server().request("POST", PATH, tokenOrNull, body);
  }

  /** An item with ~300 bytes of attributes, as a feeder would send it. */
  private static ObjectNode item(String entityId, String state) {
    ObjectNode item = Json.object().put("entity_id", entityId).put("state", state);
    item.putObject("attributes").put("friendly_name", "Bulk sensor " + entityId)
        .put("unit_of_measurement", "°C").put("device_class", "temperature")
        .put("state_class", "measurement").put("manufacturer", "Acme Sensors Ltd")
        .put("model", "TH-2000 wireless temperature and humidity probe")
        .put("sw_version", "4.12.7-build-2291").put("battery", 87).put("rssi", -67)
        .put("linkquality", 142).put("last_seen", "2026-12-04T05:33:22.123Z");
    return item;
  }

  private static String state(String entityId) {
    return rig.server().request("GET", "/api/v1/entities/" + entityId, rig.admin(), null).json()
        .get("state").asText();
  }

  @Test
  @DisplayName("items are applied in order, unknown entities are created, each change is one event")
  void appliesInOrder() throws Exception {
    List<Published> events = new CopyOnWriteArrayList<>();
    rig.server().server().broker().subscribe(p -> {
      if (p.event() instanceof EntityAdded a && a.entityId().toString().startsWith("sensor.bulk_order")
          || p.event() instanceof EntityStateChanged c
          && c.entityId().toString().startsWith("sensor.bulk_order")) {
        events.add(p);
      }
    });
    ArrayNode body = Json.MAPPER.createArrayNode();
    body.add(item("sensor.bulk_order_a", "1"));
    body.add(item("sensor.bulk_order_b", "1"));
    body.add(item("sensor.bulk_order_a", "2"));
    body.add(item("sensor.bulk_order_a", "2"));
    Response r = post(rig.admin(), body.toString());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("count").asInt()).isEqualTo(4);
    assertThat(r.json().get("results").toString()).isEqualTo("["
        + "{\"entity_id\":\"sensor.bulk_order_a\",\"result\":\"added\"},"
        + "{\"entity_id\":\"sensor.bulk_order_b\",\"result\":\"added\"},"
        + "{\"entity_id\":\"sensor.bulk_order_a\",\"result\":\"changed\"},"
        + "{\"entity_id\":\"sensor.bulk_order_a\",\"result\":\"unchanged\"}]");
    Await.until("three events", () -> events.size() >= 3);
    assertThat(events).extracting(p -> p.event().type()).containsExactly("pma_entity_added",
        "pma_entity_added", "pma_entity_state_changed");
    assertThat(events.get(1).seq()).isGreaterThan(events.get(0).seq());
    assertThat(events.get(2).seq()).isGreaterThan(events.get(1).seq());
    assertThat(state("sensor.bulk_order_a")).isEqualTo("2");
    JsonNode entity = rig.server().request("GET", "/api/v1/entities/sensor.bulk_order_b", rig.admin(), null)
        .json();
    assertThat(entity.get("source").asText()).isEqualTo("api");
    assertThat(entity.at("/attributes/model").asText()).startsWith("TH-2000");
  }

  @Test
  @DisplayName("1,000 realistic items (far over the 64 KiB of single requests) are accepted")
  void thousandRealisticItems() {
    ArrayNode body = Json.MAPPER.createArrayNode();
    IntStream.range(0, BulkStatesResource.MAX_ITEMS)
        .forEach(i -> body.add(item("sensor.bulk_many_" + i, Integer.toString(i))));
    String text = body.toString();
    assertThat(text.length()).isGreaterThan(300_000);
    Response r = post(rig.admin(), text);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("count").asInt()).isEqualTo(1000);
    assertThat(state("sensor.bulk_many_999")).isEqualTo("999");
  }

  @Test
  @DisplayName("1,001 items are 422, a body over 1 MiB is 413; nothing is applied")
  void tooMany() {
    ArrayNode body = Json.MAPPER.createArrayNode();
    IntStream.range(0, BulkStatesResource.MAX_ITEMS + 1)
        .forEach(i -> body.add(Json.object().put("entity_id", "sensor.bulk_over_" + i)
            .put("state", "1")));
    assertProblem(post(rig.admin(), body.toString()), 422, "at most 1000 items");
    ArrayNode big = Json.MAPPER.createArrayNode();
    String padding = "x".repeat(2000);
    IntStream.range(0, 600).forEach(i -> big.add(item("sensor.bulk_big_" + i, "1")
        .put("note", padding)));
    assertThat(big.toString().length()).isGreaterThan(BulkStatesResource.MAX_BODY_BYTES);
    assertThat(post(rig.admin(), big.toString()).status()).isEqualTo(413);
    assertThat(rig.server().request("GET", "/api/v1/entities/sensor.bulk_over_0", rig.admin(), null).status())
        .isEqualTo(404);
    assertThat(rig.server().request("GET", "/api/v1/entities/sensor.bulk_big_0", rig.admin(), null).status())
        .isEqualTo(404);
  }

  @Test
  @DisplayName("malformed bodies are 400 or 415; invalid items are one 422 naming each by index")
  void malformed() {
    assertProblem(post(rig.admin(), "[{\"entity_id\":"), 400, "malformed JSON");
    assertProblem(post(rig.admin(), "{\"entity_id\":\"sensor.x\",\"state\":\"1\"}"), 400, "array");
    Response notJson = TestServer.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(rig.server().url(PATH)))
        .header("Authorization", "Bearer " + rig.admin()).header("Content-Type", "text/plain")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("[]")).build());
    assertThat(notJson.status()).isEqualTo(415);
    String body = "[{\"entity_id\":\"sensor.bulk_bad_ok\",\"state\":\"1\"},"
        + "{\"entity_id\":\"Not An Id\",\"state\":\"1\"},"
        + "{\"entity_id\":\"sensor.bulk_bad_2\"},"
        + "42,"
        + "{\"entity_id\":\"sensor.bulk_bad_4\",\"state\":\"1\",\"attributes\":[1]},"
        + "{\"entity_id\":\"sensor.bulk_bad_5\",\"state\":{\"nested\":true}}]";
    Response r = post(rig.admin(), body);
    assertProblem(r, 422, "nothing was applied");
    List<String> names = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    r.json().get("invalid_params").forEach(p -> {
      names.add(p.get("name").asText());
      indexes.add(p.get("index").asInt());
      assertThat(p.get("reason").asText()).isNotBlank();
    });
    assertThat(names).containsExactly("[1].entity_id", "[2].state", "[3]", "[4].attributes",
        "[5].state");
    assertThat(indexes).containsExactly(1, 2, 3, 4, 5);
    assertThat(rig.server().request("GET", "/api/v1/entities/sensor.bulk_bad_ok", rig.admin(), null).status())
        .as("all or nothing: the valid first item was not applied").isEqualTo(404);
    assertThat(post(rig.admin(), "[]").json().get("count").asInt()).isZero();
  }

  @Test
  @DisplayName("no token is 401; a kiosk token is 403 for items outside its topics; adapter-owned is 409")
  void unauthorised() {
    String body = "[{\"entity_id\":\"light.bulk_kiosk\",\"state\":\"on\"},"
        + "{\"entity_id\":\"sensor.bulk_kiosk\",\"state\":\"1\"}]";
    assertThat(post(null, body).status()).isEqualTo(401);
    assertThat(post("not-a-token", body).status()).isEqualTo(401);
    String kiosk = rig.server().createToken(rig.admin(),
        "{\"name\":\"bulk kiosk\",\"expires_in_days\":1,\"topics\":[\"entity_updates:light.*\"]}")
        .get("token").asText();
    Response refused = post(kiosk, body);
    assertProblem(refused, 403, "outside the topics");
    assertThat(refused.json().at("/invalid_params/0/name").asText()).isEqualTo("[1].entity_id");
    assertThat(rig.server().request("GET", "/api/v1/entities/light.bulk_kiosk", rig.admin(), null).status())
        .isEqualTo(404);
    assertThat(post(kiosk, "[{\"entity_id\":\"light.bulk_kiosk\",\"state\":\"on\"}]").status())
        .isEqualTo(200);
    Response owned = post(rig.admin(), "[{\"entity_id\":\"sensor.bulk_owned_ok\",\"state\":\"1\"},"
        + "{\"entity_id\":\"light.kitchen\",\"state\":\"on\"}]");
    assertProblem(owned, 409, "owned by an adapter");
    assertThat(owned.json().at("/invalid_params/0/index").asInt()).isEqualTo(1);
    assertThat(rig.server().request("GET", "/api/v1/entities/sensor.bulk_owned_ok", rig.admin(), null)
        .status()).isEqualTo(404);
  }

  @Test
  @DisplayName("parallel requests are each applied whole and in their own order")
  void parallel() {
    int requests = 8;
    int steps = 200;
    List<CompletableFuture<Response>> calls = new ArrayList<>();
    for (int r = 0; r < requests; r++) {
      ArrayNode body = Json.MAPPER.createArrayNode();
      for (int step = 1; step <= steps; step++) {
        body.add(item("sensor.bulk_parallel_" + r, Integer.toString(step)));
        body.add(item("sensor.bulk_parallel_shared", r + ":" + step));
      }
      String text = body.toString();
      calls.add(CompletableFuture.supplyAsync(() -> post(rig.admin(), text)));
    }
    calls.forEach(call -> assertThat(call.join().status()).as(call.join().body()).isEqualTo(200));
    for (int r = 0; r < requests; r++) {
      assertThat(state("sensor.bulk_parallel_" + r)).isEqualTo(Integer.toString(steps));
    }
    assertThat(state("sensor.bulk_parallel_shared")).endsWith(":" + steps);
  }
}
