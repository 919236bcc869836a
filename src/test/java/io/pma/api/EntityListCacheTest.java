package io.pma.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.domain.Entity;
import io.pma.domain.EntityId;
import io.pma.domain.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EntityListCacheTest {
  private static Entity entity(int i, String state) {
    return new Entity(EntityId.parse(String.format("sensor.list_%04d", i)), "List " + i, state,
        Json.object().put("n", i), "api", null, "hall", true,
        Instant.parse("2026-12-04T05:00:00Z"), Instant.parse("2026-12-04T05:00:00Z"), null);
  }

  @Test
  @DisplayName("the cached encoding equals a fresh one after changes, additions and removals")
  void equalsFreshEncoding() {
    EntityListCache cache = new EntityListCache();
    List<Entity> list = new ArrayList<>();
    assertThat(new String(cache.encode(list))).isEqualTo("[]");
    for (int i = 0; i < 3 * EntityListCache.CHUNK + 5; i++) {
      list.add(entity(i, "0"));
    }
    assertThat(cache.encode(list)).isEqualTo(Json.writeBytes(list));
    list.set(EntityListCache.CHUNK + 3, entity(EntityListCache.CHUNK + 3, "changed"));
    assertThat(cache.encode(list)).isEqualTo(Json.writeBytes(list));
    list.remove(7);
    assertThat(cache.encode(list)).isEqualTo(Json.writeBytes(list));
    list.add(entity(9999, "new"));
    assertThat(cache.encode(list)).isEqualTo(Json.writeBytes(list));
    assertThat(cache.encode(list.subList(0, 1))).isEqualTo(Json.writeBytes(list.subList(0, 1)));
  }
}
