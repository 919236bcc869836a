package io.pma.automation;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * One step of a run as reported by {@code GET .../runs}: where it is in the rule
 * ({@code actions[1].choices[0].actions[0]}), its type, timing, {@link StepResult} and a
 * human-readable detail.
 */
@JsonPropertyOrder({"path", "type", "started_at", "finished_at", "result", "detail"})
public record StepRecord(String path, String type, Instant startedAt, Instant finishedAt,
    StepResult result, String detail) {

  StepRecord finish(Instant at, StepResult newResult, String newDetail) {
    return new StepRecord(path, type, startedAt, at, newResult, newDetail);
  }
}
