package io.pma.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.pma.automation.AutomationStore;
import io.pma.automation.Rule;
import io.pma.automation.RuleParser;
import io.pma.automation.RuleValidationException;
import io.pma.automation.RunRecord;
import io.pma.domain.Json;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Automation rules and their recent runs in SQL, both as the JSON the REST API serves. */
public final class SqlAutomationStore implements AutomationStore {
  private static final Logger LOG = LoggerFactory.getLogger(SqlAutomationStore.class);

  private final SqlDatabase database;

  public SqlAutomationStore(SqlDatabase database) {
    this.database = database;
  }

  @Override
  public List<Rule> loadRules() {
    return database.list("SELECT id, definition, created_at, updated_at FROM automations"
        + " ORDER BY id", SqlAutomationStore::read).stream().flatMap(Optional::stream).toList();
  }

  private static Optional<Rule> read(ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    try {
      Rule rule = RuleParser.parse(Json.MAPPER.readTree(rs.getString("definition")));
      return Optional.of(rule.withId(id).withTimes(
          Instant.parse(rs.getString("created_at")), Instant.parse(rs.getString("updated_at"))));
    } catch (JsonProcessingException | RuleValidationException e) {
      LOG.error("stored automation '{}' is not a valid rule and is not loaded: {}", id,
          e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public void insert(Rule rule) {
    database.insertUnique("INSERT INTO automations(id, name, enabled, definition, created_at,"
        + " updated_at) VALUES (?,?,?,?,?,?)", "automation '" + rule.id() + "' exists",
        rule.id(), rule.name(), rule.enabled() ? 1 : 0, Json.write(rule),
        rule.createdAt().toString(), rule.updatedAt().toString());
  }

  @Override
  public boolean update(Rule rule) {
    return database.update("UPDATE automations SET name=?, enabled=?, definition=?,"
        + " updated_at=? WHERE id=?", rule.name(), rule.enabled() ? 1 : 0, Json.write(rule),
        rule.updatedAt().toString(), rule.id()) > 0;
  }

  @Override
  public boolean delete(String id) {
    return database.update("DELETE FROM automations WHERE id=?", id) > 0;
  }

  /**
   * A run of a rule deleted meanwhile is not stored (the EXISTS guard). {@code position} numbers a
   * rule's runs in the order they were first stored, to order runs with the same start.
   */
  @Override
  public void saveRun(RunRecord run, int keep) {
    database.inTransaction(c -> {
      SqlDatabase.update(c, "INSERT INTO automation_runs(execution_id, automation_id,"
          + " started_at, record, position) SELECT ?,?,?,?, COALESCE((SELECT MAX(position) FROM"
          + " automation_runs WHERE automation_id=?), 0) + 1 WHERE EXISTS (SELECT 1 FROM"
          + " automations WHERE id=?) ON CONFLICT(execution_id) DO UPDATE SET"
          + " record=excluded.record", run.executionId(), run.automationId(),
          Json.formatInstant(run.startedAt()), Json.write(run), run.automationId(),
          run.automationId());
      SqlDatabase.update(c, "DELETE FROM automation_runs WHERE automation_id=? AND execution_id"
          + " NOT IN (SELECT execution_id FROM automation_runs WHERE automation_id=?"
          + " ORDER BY started_at DESC, position DESC LIMIT ?)", run.automationId(),
          run.automationId(), keep);
      return null;
    });
  }

  @Override
  public List<RunRecord> recentRuns(String automationId, int limit) {
    return database.withConnection(c -> {
      List<RunRecord> runs = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT record FROM automation_runs"
          + " WHERE automation_id=? ORDER BY started_at DESC, position DESC LIMIT ?")) {
        ps.setString(1, automationId);
        ps.setInt(2, limit);
        ResultSet rs = ps.executeQuery();
        while (rs.next()) {
          try {
            runs.add(Json.MAPPER.readValue(rs.getString(1), RunRecord.class));
          } catch (JsonProcessingException e) {
            LOG.warn("skipping an unreadable run of automation '{}': {}", automationId,
                e.getOriginalMessage());
          }
        }
      }
      return runs;
    });
  }
}
