package io.pma.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.domain.EntityId;
import io.pma.domain.EntityStateChanged;
import io.pma.domain.Json;
import io.pma.domain.PmaEvent;
import io.pma.topic.TopicPattern;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How much work glob subscriptions cost an event: distinct globs under a matching prefix only. */
class SubscriptionIndexTest {
  private final SubscriptionIndex index = new SubscriptionIndex();

  @Test
  @DisplayName("a thousand subscriptions to one glob are tested once per event")
  void sameGlobTestedOnce() {
    List<Subscription> subscriptions = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      subscriptions.add(add("entity_updates:light.*"));
    }
    assertThat(match("light.kitchen")).hasSize(1000);
    assertThat(index.globTests()).isEqualTo(1);
    subscriptions.forEach(index::remove);
    assertThat(match("light.kitchen")).isEmpty();
    assertThat(index.globTests()).isEqualTo(1);
  }

  @Test
  @DisplayName("an event tests only the globs whose literal prefix its id starts with")
  void prefixPrunes() {
    for (int i = 0; i < 500; i++) {
      add("entity_updates:sensor.room" + i + "_*");
    }
    Subscription kitchen = add("entity_updates:light.k*n");
    Subscription any = add("entity_updates:*kitchen");
    assertThat(match("light.kitchen")).containsExactlyInAnyOrder(kitchen, any);
    assertThat(index.globTests()).isEqualTo(2);
    assertThat(match("sensor.room42_temperature")).hasSize(1);
    assertThat(index.globTests()).isEqualTo(2 + 1); // "sensor.room42_*" only
    index.remove(kitchen);
    assertThat(match("light.kitchen")).containsExactly(any);
  }

  @Test
  @DisplayName("globs with a leading star are found by their suffix: '*aaaa…ab<j>' costs an id of"
      + " a's nothing")
  void adversarialSuffixGlobs() {
    for (int j = 0; j < 200; j++) {
      add("entity_updates:*" + "a".repeat(124) + "b" + j);
    }
    Subscription matching = add("entity_updates:*" + "a".repeat(124));
    Subscription kitchen = add("entity_updates:*.kitchen");
    assertThat(match("sensor." + "a".repeat(248))).containsExactly(matching);
    assertThat(index.globTests()).isEqualTo(1);
    assertThat(match("light.kitchen")).containsExactly(kitchen);
    assertThat(index.globTests()).isEqualTo(2);
  }

  @Test
  @DisplayName("globs with stars at both ends each cost one linear test per event")
  void adversarialMiddleGlobs() {
    for (int j = 0; j < 200; j++) {
      add("entity_updates:*" + "a".repeat(124) + "b" + j + "*");
    }
    Subscription matching = add("entity_updates:*" + "a".repeat(124) + "*");
    assertThat(match("sensor." + "a".repeat(248))).containsExactly(matching);
    assertThat(index.globTests()).isEqualTo(201);
  }

  private Subscription add(String topic) {
    Subscription subscription = new Subscription(null, TopicPattern.parse(topic), true, Set.of());
    index.add(subscription);
    return subscription;
  }

  private List<Subscription> match(String entityId) {
    List<Subscription> matched = new ArrayList<>();
    PmaEvent event = new EntityStateChanged(EntityId.parse(entityId), "off", "on",
        Json.object(), "api", Instant.EPOCH, Instant.EPOCH);
    index.match(event, matched::add);
    return matched;
  }
}
