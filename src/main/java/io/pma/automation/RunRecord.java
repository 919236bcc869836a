package io.pma.automation;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * One run of a rule as reported by {@code GET /api/v1/automations/{id}/runs} and kept in SQLite.
 * {@code result}: see {@link RunResult}; {@code error} says why a run failed, was aborted or suppressed.
 */
@JsonPropertyOrder({"execution_id", "automation_id", "trigger", "depth", "started_at",
    "finished_at", "result", "error", "steps"})
public record RunRecord(String executionId, String automationId, ObjectNode trigger, int depth,
    Instant startedAt, Instant finishedAt, RunResult result, String error, List<StepRecord> steps) {

  public RunRecord {
    steps = List.copyOf(steps);
  }
}
