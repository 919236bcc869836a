package io.pma.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ContextTest {
  @Test
  @DisplayName("ids are ULIDs: 26 characters of Crockford base 32, distinct, ordered by creation time")
  void ids() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      ids.add(Context.newId());
    }
    assertThat(ids).hasSize(20_000)
        .allSatisfy(id -> assertThat(id).matches("[0-9A-HJKMNP-TV-Z]{26}"));
    String earlier = Context.newId();
    long created = System.currentTimeMillis();
    while (System.currentTimeMillis() <= created) {
      Thread.onSpinWait(); // the next id is made in a later millisecond
    }
    String later = Context.newId();
    assertThat(later.substring(0, 10)).isGreaterThan(earlier.substring(0, 10));
  }

  @Test
  @DisplayName("the time part is the creation time in milliseconds")
  void timePart() {
    long before = System.currentTimeMillis();
    String id = Context.newId();
    long after = System.currentTimeMillis();
    long millis = 0;
    for (char c : id.substring(0, 10).toCharArray()) {
      millis = millis * 32 + "0123456789ABCDEFGHJKMNPQRSTVWXYZ".indexOf(c);
    }
    assertThat(millis).isBetween(before, after);
  }

  @Test
  @DisplayName("a child names its parent; JSON always has id, parent_id and user_id")
  void childAndJson() {
    Context rest = Context.origin("user-1");
    Context run = rest.child(null);
    assertThat(run.parentId()).isEqualTo(rest.id());
    assertThat(run.id()).isNotEqualTo(rest.id());
    assertThat(Json.write(run)).isEqualTo("{\"id\":\"" + run.id() + "\",\"parent_id\":\""
        + rest.id() + "\",\"user_id\":null}");
    assertThat(Json.write(Context.fresh())).contains("\"parent_id\":null,\"user_id\":null");
  }
}
