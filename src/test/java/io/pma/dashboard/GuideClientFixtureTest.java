package io.pma.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The guide's JavaScript client fixture")
class GuideClientFixtureTest {

  @Test
  @DisplayName("is the guide's code block, unchanged")
  void fixtureMatchesTheGuide() {
    Optional<Path> guide = GuideClient.guide();
    assumeTrue(guide.isPresent(), "websocket-guide.md is not beside this checkout");
    assertThat(GuideClient.source()).isEqualTo(GuideClient.fromGuide(guide.get()));
  }
}
