package io.pma.automation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What a loop of runs triggering runs must end as, on one node or across a cluster. */
public final class ChainDepth {
  private ChainDepth() {}

  /**
   * {@code runs} (newest first) are five completed runs, depths 4 down to 0, under one run
   * suppressed at depth 5 for the chain limit ({@code automation.max_chain_depth}, 4).
   */
  public static void assertStoppedAtMaxDepth(List<JsonNode> runs) {
    assertThat(runs).hasSize(6);
    assertThat(runs.get(0).get("result").asText()).isEqualTo("suppressed");
    assertThat(runs.get(0).get("error").asText()).isEqualTo("chain of runs triggered by runs"
        + " is deeper than 4 (automation.max_chain_depth)");
    assertThat(runs.get(0).get("depth").asInt()).isEqualTo(5);
    assertThat(runs.subList(1, 6)).extracting(r -> r.get("depth").asInt())
        .containsExactly(4, 3, 2, 1, 0);
    assertThat(runs.subList(1, 6)).allSatisfy(r ->
        assertThat(r.get("result").asText()).isEqualTo("completed"));
  }
}
