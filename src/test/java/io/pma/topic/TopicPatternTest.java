package io.pma.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TopicPatternTest {
  @Test
  @DisplayName("topics parse with and without filters; '*' means the whole family")
  void parses() {
    assertThat(TopicPattern.parse("entity_updates:light.kitchen").filter())
        .isEqualTo("light.kitchen");
    assertThat(TopicPattern.parse("entity_updates:*").isWildcard()).isTrue();
    assertThat(TopicPattern.parse("system_status").family()).isEqualTo(TopicFamily.SYSTEM_STATUS);
    assertThat(TopicPattern.parse("entity_updates:*").toString()).isEqualTo("entity_updates");
  }

  @Test
  @DisplayName("unknown names and malformed filters get the protocol's reasons")
  void rejects() {
    assertThatThrownBy(() -> TopicPattern.parse("weather")).hasMessage("unknown topic");
    assertThatThrownBy(() -> TopicPattern.parse("entity_updates:Not A Valid Id!"))
        .hasMessage("invalid filter");
    assertThatThrownBy(() -> TopicPattern.parse("system_status:x")).hasMessage("invalid filter");
    assertThatThrownBy(() -> TopicPattern.parse("system_events:reboot"))
        .hasMessage("invalid filter");
  }

  @Test
  @DisplayName("globs match within a family only")
  void matches() {
    TopicPattern lights = TopicPattern.parse("entity_updates:light.*");
    assertThat(lights.matches(TopicFamily.ENTITY_UPDATES, "light.kitchen")).isTrue();
    assertThat(lights.matches(TopicFamily.ENTITY_UPDATES, "switch.kitchen")).isFalse();
    assertThat(lights.matches(TopicFamily.HA_EVENTS, "light.kitchen")).isFalse();
    assertThat(TopicPattern.parse("entity_updates:*.kitchen")
        .matches(TopicFamily.ENTITY_UPDATES, "switch.kitchen")).isTrue();
    assertThat(Glob.matches("a*b*c", "axxbyyc")).isTrue();
    assertThat(Glob.matches("a*b*c", "axxbyy")).isFalse();
  }

  @Test
  @DisplayName("coverage: a specific topic is covered by a glob or the bare family, not the reverse")
  void coverage() {
    TopicPattern kitchen = TopicPattern.parse("entity_updates:light.kitchen");
    assertThat(kitchen.isCoveredBy(TopicPattern.parse("entity_updates:light.*"))).isTrue();
    assertThat(kitchen.isCoveredBy(TopicPattern.parse("entity_updates"))).isTrue();
    assertThat(TopicPattern.parse("entity_updates")
        .isCoveredBy(TopicPattern.parse("entity_updates:light.*"))).isFalse();
  }
}
