package io.pma.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pma.automation.Rule;
import io.pma.automation.RuleDocuments;
import io.pma.automation.RuleParser;
import io.pma.automation.RunRecord;
import io.pma.automation.RunResult;
import io.pma.automation.StepResult;
import io.pma.automation.StepRecord;
import io.pma.domain.Json;
import io.pma.store.sql.SqlAutomationStore;
import io.pma.store.sql.SqlDatabase;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;

/** Automation rules and runs behave the same on SQLite and on a real PostgreSQL. */
class SqlAutomationStoreTest {
  private static final Instant T = Instant.parse("2026-01-01T12:00:00.123Z");

  private static Rule rule(String id, boolean enabled) {
    try {
      return RuleParser.parse(Json.MAPPER.readTree("{\"name\":\"Rule " + id + "\",\"enabled\":"
          + enabled + ",\"triggers\":[{\"type\":\"state\",\"entity_id\":\"light.*\","
          + "\"to\":\"on\",\"for\":\"2s\"}],\"actions\":[{\"type\":\"notify\","
          + "\"message\":\"m\"}]}")).withId(id).withTimes(T, T.plusSeconds(1));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RunRecord run(String execution, String rule, Instant started, RunResult result) {
    return new RunRecord(execution, rule, Json.object().put("type", "manual"), 0, started,
        started.plusSeconds(1), result, null,
        List.of(new StepRecord("actions[0]", "notify", started, started, StepResult.OK, "sent")));
  }

  @OnEachDatabase
  @DisplayName("rules: insert, unique ids, update, load back equal, delete with their runs")
  void rules(String name, Supplier<SqlDatabase> open) {
    try (SqlDatabase database = open.get()) {
      SqlAutomationStore store = new SqlAutomationStore(database);
      store.insert(rule("a", true));
      store.insert(rule("b", false));
      assertThatThrownBy(() -> store.insert(rule("a", false)))
          .isInstanceOf(StoreException.class).hasMessageContaining("exists");
      assertThat(store.update(rule("b", true))).isTrue();
      assertThat(store.update(rule("nope", true))).isFalse();
      assertThat(store.loadRules()).containsExactly(rule("a", true), rule("b", true));
      store.saveRun(run("r1", "a", T, RunResult.COMPLETED), 10);
      assertThat(store.delete("a")).isTrue();
      assertThat(store.delete("a")).isFalse();
      assertThat(store.recentRuns("a", 10)).isEmpty();
      assertThat(store.loadRules()).containsExactly(rule("b", true));
    }
  }

  @OnEachDatabase
  @DisplayName("a rule with every kind of trigger, condition and action is loaded back equal")
  void everyKind(String name, Supplier<SqlDatabase> open) throws IOException {
    try (SqlDatabase database = open.get()) {
      SqlAutomationStore store = new SqlAutomationStore(database);
      Rule rule = RuleParser.parse(Json.MAPPER.readTree(RuleDocuments.EVERY_KIND))
          .withTimes(T, T.plusMillis(1));
      store.insert(rule);
      // Equality matters: nodes of a cluster reload a rule only when the stored one differs.
      assertThat(store.loadRules()).containsExactly(rule);
    }
  }

  @OnEachDatabase
  @DisplayName("runs: newest first (ties in save order), updated in place, pruned to keep")
  void runs(String name, Supplier<SqlDatabase> open) {
    try (SqlDatabase database = open.get()) {
      SqlAutomationStore store = new SqlAutomationStore(database);
      store.insert(rule("a", true));
      store.saveRun(run("r1", "a", T, RunResult.RUNNING), 3);
      store.saveRun(run("r2", "a", T, RunResult.COMPLETED), 3);
      store.saveRun(run("r3", "a", T.plusSeconds(5), RunResult.COMPLETED), 3);
      store.saveRun(run("r1", "a", T, RunResult.ABORTED), 3);
      assertThat(store.recentRuns("a", 10)).extracting(r -> r.executionId() + " " + r.result().wireName())
          .containsExactly("r3 completed", "r2 completed", "r1 aborted");
      store.saveRun(run("r4", "a", T.plusSeconds(6), RunResult.ERROR), 3);
      assertThat(store.recentRuns("a", 10)).extracting(RunRecord::executionId)
          .containsExactly("r4", "r3", "r2");
      assertThat(store.recentRuns("a", 1)).containsExactly(run("r4", "a", T.plusSeconds(6),
          RunResult.ERROR));
      store.saveRun(run("r9", "deleted_rule", T, RunResult.COMPLETED), 3);
      assertThat(store.recentRuns("deleted_rule", 10)).isEmpty();
    }
  }
}
