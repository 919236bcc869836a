package io.pma.automation;

/**
 * A rule as the engine holds it: its armed triggers (none while disabled), its runs under the
 * rule's mode, and its loop guard. Confined to the engine's context.
 */
final class ActiveRule {
  final Rule rule;
  final RuleRuns runs;
  final RunLimiter limiter;
  private RuleTriggers triggers;
  private boolean deleted;

  ActiveRule(Rule rule, RuleRuns.Starter starter, RunLimiter limiter) {
    this.rule = rule;
    this.runs = new RuleRuns(rule, run -> starter.start(this, run));
    this.limiter = limiter;
  }

  void arm(RuleTriggers armed) {
    triggers = armed;
    armed.arm();
  }

  /** The armed triggers, or null while the rule is disabled. */
  RuleTriggers triggers() {
    return triggers;
  }

  /** Stops triggering and aborts the runs; {@code deleted} runs are no longer stored. */
  void deactivate(String reason, boolean delete) {
    deleted = delete;
    disarm();
    runs.abortAll(reason);
  }

  /** Stops triggering; running runs go on. */
  void disarm() {
    if (triggers != null) {
      triggers.disarm();
      triggers = null;
    }
  }

  boolean deleted() {
    return deleted;
  }
}
