package io.pma.history;

import io.pma.domain.Entity;
import io.pma.domain.EntityId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds logbook entries of one entity from its recorded state changes and their contexts. Numbers
 * are left out (a temperature's every change is a chart, not a logbook line). The cause: a stored
 * context of an automation run, or whose parent is one, is that automation ("by automation Motion
 * light (triggered by Hallway Motion)"); one with a user is that user ("by admin"); a change
 * without a stored context is the device's own report ("adapter"). One query per entity and
 * request; contexts are read once each. Runs on a worker thread.
 */
final class LogbookQuery {
  private final Connection c;
  private final Function<EntityId, Optional<Entity>> entities;
  private final Function<String, String> usernames;
  private final Map<Long, LogbookEntry.Cause> causes = new HashMap<>();

  LogbookQuery(Connection connection, Function<EntityId, Optional<Entity>> entities,
      Function<String, String> usernames) {
    this.c = connection;
    this.entities = entities;
    this.usernames = usernames;
  }

  /** The entity's first {@code limit} logbook entries in (start, end], in time order. */
  List<LogbookEntry> entries(EntityId id, int entity, long start, long end, int limit)
      throws SQLException {
    Optional<Entity> known = entities.apply(id);
    String name = known.map(Entity::name).orElse(id.toString());
    String deviceClass = known.map(e -> e.attributes().path("device_class").asText(null))
        .orElse(null);
    String adapter = known.map(e -> e.adapterId() != null ? e.adapterId() : e.source())
        .orElse(null);
    List<LogbookEntry> entries = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT ts, txt, context FROM history_states"
        + " WHERE entity=? AND ts>? AND ts<=? AND num IS NULL ORDER BY ts LIMIT ?")) {
      ps.setInt(1, entity);
      ps.setLong(2, start);
      ps.setLong(3, end);
      ps.setInt(4, limit);
      ResultSet rs = ps.executeQuery();
      while (rs.next()) {
        String state = rs.getString(2);
        long context = rs.getLong(3);
        LogbookEntry.Cause cause = rs.wasNull()
            ? new LogbookEntry.Cause(null, null, null, "adapter", adapter) : cause(context);
        String message = LogbookPhrases.phrase(id.domain(), deviceClass, state) + by(cause);
        entries.add(new LogbookEntry(rs.getLong(1), id.toString(), name, state, message, cause));
      }
    }
    return entries;
  }

  private String by(LogbookEntry.Cause cause) {
    return switch (cause.kind()) {
      case "user" -> " by " + cause.sourceName();
      case "automation" -> " by automation " + cause.sourceName() + triggeredBy(cause);
      default -> "";
    };
  }

  /** The entity whose change triggered the run, kept in the run's context row. */
  private final Map<String, String> triggers = new HashMap<>();

  private String triggeredBy(LogbookEntry.Cause cause) {
    String trigger = triggers.get(cause.id());
    if (trigger == null) {
      return "";
    }
    String name = entities.apply(EntityId.parse(trigger)).map(Entity::name).orElse(trigger);
    return " (triggered by " + name + ")";
  }

  private LogbookEntry.Cause cause(long row) throws SQLException {
    LogbookEntry.Cause known = causes.get(row);
    if (known != null) {
      return known;
    }
    LogbookEntry.Cause cause = read("id=?", row, null);
    causes.put(row, cause);
    return cause;
  }

  private LogbookEntry.Cause read(String where, long row, String contextId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT context_id, parent_id, user_id,"
        + " automation, trigger_entity FROM history_contexts WHERE " + where)) {
      if (contextId != null) {
        ps.setString(1, contextId);
      } else {
        ps.setLong(1, row);
      }
      ResultSet rs = ps.executeQuery();
      if (!rs.next()) {
        return new LogbookEntry.Cause(null, null, null, "system", null);
      }
      String id = rs.getString(1);
      String parent = rs.getString(2);
      String user = rs.getString(3);
      String automation = rs.getString(4);
      if (automation != null) {
        remember(id, rs.getString(5));
        return new LogbookEntry.Cause(id, parent, user, "automation", automation);
      }
      if (user != null) {
        return new LogbookEntry.Cause(id, parent, user, "user", usernames.apply(user));
      }
      if (parent != null) {
        LogbookEntry.Cause run = read("context_id=?", 0, parent);
        if ("automation".equals(run.kind())) {
          remember(id, triggers.get(run.id()));
          return new LogbookEntry.Cause(id, parent, null, "automation", run.sourceName());
        }
      }
      return new LogbookEntry.Cause(id, parent, user, "system", null);
    }
  }

  private void remember(String contextId, String triggerEntity) {
    if (triggerEntity != null) {
      triggers.put(contextId, triggerEntity);
    }
  }
}
