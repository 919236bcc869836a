package io.pma.automation;

import java.util.List;

/**
 * Where rules and their recent runs are kept. Calls block (database I/O): the REST layer calls it
 * on worker threads, the engine through ordered blocking tasks of its context.
 */
public interface AutomationStore {

  /** Every stored rule that still parses; others are logged and skipped. */
  List<Rule> loadRules();

  /** Stores a new rule; fails with {@link io.pma.store.StoreException} if the id exists. */
  void insert(Rule rule);

  /** Replaces a stored rule; returns false when there is none with its id. */
  boolean update(Rule rule);

  /** Deletes a rule and its runs; returns false when there was none. */
  boolean delete(String id);

  /** Stores a run (or its newer record) and keeps only the newest {@code keep} of its rule. */
  void saveRun(RunRecord run, int keep);

  /** The newest runs of a rule, newest first. */
  List<RunRecord> recentRuns(String automationId, int limit);
}
