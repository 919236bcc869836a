package io.pma.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.Await;
import io.pma.ServerRig;
import io.pma.TestServer.Response;
import io.pma.domain.EntityStateChanged;
import io.pma.domain.Json;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code PATCH /api/v1/entities/{id}} through a real server with the demo adapter. */
class EntityCustomizationApiTest {
  @RegisterExtension
  static final ServerRig rig = new ServerRig(ServerRig.STILL_DEMO);

  private static Response call(String method, String path, String body) {
    return rig.server().request(method, path, rig.admin(), body);
  }

  private static JsonNode entity(String id) {
    return call("GET", "/api/v1/entities/" + id, null).json();
  }

  @Test
  @DisplayName("a customisation is shown, announced, survives the adapter's reports, a resync and a restart; null resets it")
  void customisationIsKept() {
    String id = "light.living_room";
    JsonNode original = entity(id);
    List<EntityStateChanged> events = new CopyOnWriteArrayList<>();
    rig.server().server().broker().subscribe(p -> {
      if (p.event() instanceof EntityStateChanged c && c.entityId().toString().equals(id)) {
        events.add(c);
      }
    });

    Response r = call("PATCH", "/api/v1/entities/" + id,
        "{\"name\":\"Sofa lamp\",\"area\":\"Lounge\",\"icon\":\"🛋️\",\"hidden\":true}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("name").asText()).isEqualTo("Sofa lamp");
    assertThat(r.json().get("area").asText()).isEqualTo("Lounge");
    assertThat(r.json().get("icon").asText()).isEqualTo("🛋️");
    assertThat(r.json().get("hidden").asBoolean()).isTrue();
    assertThat(r.json().get("state")).isEqualTo(original.get("state"));
    Await.until("the customisation event", () -> !events.isEmpty());
    EntityStateChanged announced = events.get(0);
    assertThat(announced.oldState()).isEqualTo(announced.newState());
    JsonNode data = Json.toObject(announced);
    assertThat(data.get("name").asText()).isEqualTo("Sofa lamp");
    assertThat(data.get("area").asText()).isEqualTo("Lounge");
    assertThat(data.get("icon").asText()).isEqualTo("🛋️");
    assertThat(data.get("hidden").asBoolean()).isTrue();

    // The adapter reports the light again (an action, then a full resync): the labels stay.
    String target = "on".equals(original.get("state").asText()) ? "turn_off" : "turn_on";
    assertThat(call("POST", "/api/v1/entities/" + id + "/action",
        "{\"action\":\"" + target + "\"}").status()).isEqualTo(202);
    Await.until("the light to change", () -> !entity(id).get("state").equals(original.get("state")));
    assertThat(call("POST", "/api/v1/adapters/demo/sync", null).status()).isLessThan(300);
    JsonNode afterSync = entity(id);
    assertThat(afterSync.get("name").asText()).isEqualTo("Sofa lamp");
    assertThat(afterSync.get("area").asText()).isEqualTo("Lounge");
    assertThat(afterSync.get("hidden").asBoolean()).isTrue();

    rig.restart();
    JsonNode afterRestart = entity(id);
    assertThat(afterRestart.get("name").asText()).isEqualTo("Sofa lamp");
    assertThat(afterRestart.get("icon").asText()).isEqualTo("🛋️");
    assertThat(afterRestart.get("hidden").asBoolean()).isTrue();

    Response reset = call("PATCH", "/api/v1/entities/" + id,
        "{\"name\":null,\"area\":null,\"icon\":null,\"hidden\":null}");
    assertThat(reset.status()).as(reset.body()).isEqualTo(200);
    assertThat(reset.json().get("name")).isEqualTo(original.get("name"));
    assertThat(reset.json().get("area")).isEqualTo(original.get("area"));
    assertThat(reset.json().get("icon").isNull()).isTrue();
    assertThat(reset.json().get("hidden").asBoolean()).isFalse();
    rig.restart();
    assertThat(entity(id).get("name")).isEqualTo(original.get("name"));
  }

  @Test
  @DisplayName("only the fields sent change; a PATCH that changes nothing emits nothing")
  void partialAndIdempotent() {
    String id = "switch.coffee_maker";
    List<EntityStateChanged> events = new CopyOnWriteArrayList<>();
    rig.server().server().broker().subscribe(p -> {
      if (p.event() instanceof EntityStateChanged c && c.entityId().toString().equals(id)) {
        events.add(c);
      }
    });
    JsonNode original = entity(id);
    assertThat(call("PATCH", "/api/v1/entities/" + id, "{\"icon\":\"☕\"}").status()).isEqualTo(200);
    Await.until("the icon event", () -> events.size() == 1);
    JsonNode after = call("PATCH", "/api/v1/entities/" + id, "{\"icon\":\"☕\"}").json();
    assertThat(after.get("name")).isEqualTo(original.get("name"));
    assertThat(after.get("area")).isEqualTo(original.get("area"));
    // A second, different change is the barrier: had the repeat emitted, it would come first.
    call("PATCH", "/api/v1/entities/" + id, "{\"hidden\":false}");
    assertThat(call("PATCH", "/api/v1/entities/" + id, "{\"icon\":null}").status()).isEqualTo(200);
    Await.until("the reset event", () -> events.size() >= 2);
    assertThat(events).hasSize(2);
    assertThat(events.get(1).icon()).isNull();
    assertThat(events.get(1).hidden()).isFalse();
  }

  @Test
  @DisplayName("malformed, oversized, unauthorised and unknown input gets a clear error")
  void badInput() {
    String path = "/api/v1/entities/light.kitchen";
    assertStatus(rig.server().request("PATCH", path, null, "{\"name\":\"x\"}"), 401);
    assertStatus(call("PATCH", path, "{\"name\":"), 400);
    assertStatus(call("PATCH", path, "[\"name\"]"), 400);
    assertStatus(call("PATCH", path, "{}"), 422);
    assertStatus(call("PATCH", path, "{\"state\":\"on\"}"), 422);
    assertStatus(call("PATCH", path, "{\"name\":42}"), 422);
    assertStatus(call("PATCH", path, "{\"name\":\"   \"}"), 422);
    assertStatus(call("PATCH", path, "{\"name\":\"" + "n".repeat(256) + "\"}"), 422);
    assertStatus(call("PATCH", path, "{\"icon\":\"" + "i".repeat(65) + "\"}"), 422);
    assertStatus(call("PATCH", path, "{\"area\":\"a\\u0000b\"}"), 422);
    assertStatus(call("PATCH", path, "{\"hidden\":\"yes\"}"), 422);
    assertStatus(call("PATCH", path, "{\"name\":\"" + "n".repeat(70_000) + "\"}"), 413);
    assertStatus(call("PATCH", "/api/v1/entities/light.nowhere", "{\"name\":\"x\"}"), 404);
    assertStatus(call("PATCH", "/api/v1/entities/Not-An-Id", "{\"name\":\"x\"}"), 400);
    assertThat(entity("light.kitchen").get("name").asText()).isEqualTo("Kitchen Light");
  }

  @Test
  @DisplayName("role user is enough to customise")
  void plainUserMayCustomise() {
    assertThat(call("POST", "/api/v1/users",
        "{\"username\":\"erin\",\"password\":\"erin-password-1\",\"roles\":[\"user\"]}").status())
        .isEqualTo(201);
    String erin = rig.server().login("erin", "erin-password-1");
    Response r = rig.server().request("PATCH", "/api/v1/entities/lock.back_door", erin, "{\"icon\":\"🔒\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(entity("lock.back_door").get("icon").asText()).isEqualTo("🔒");
  }

  @Test
  @DisplayName("parallel PATCHes of different fields are all kept")
  void parallelPatches() {
    String id = "fan.bedroom";
    List<String> bodies = List.of("{\"name\":\"Ceiling fan\"}", "{\"area\":\"Loft\"}",
        "{\"icon\":\"🌀\"}", "{\"hidden\":true}");
    List<CompletableFuture<Response>> calls = IntStream.range(0, bodies.size())
        .mapToObj(i -> CompletableFuture.supplyAsync(() -> call("PATCH", "/api/v1/entities/" + id,
            bodies.get(i)))).toList();
    calls.forEach(c -> assertThat(c.join().status()).isEqualTo(200));
    JsonNode after = entity(id);
    assertThat(after.get("name").asText()).isEqualTo("Ceiling fan");
    assertThat(after.get("area").asText()).isEqualTo("Loft");
    assertThat(after.get("icon").asText()).isEqualTo("🌀");
    assertThat(after.get("hidden").asBoolean()).isTrue();
  }

  private static void assertStatus(Response r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
  }
}
