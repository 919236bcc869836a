package io.pma.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.Context;
import io.pma.store.sql.SqlDatabase;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes batches of changes into the history tables, in one transaction per batch: a state row
 * when the state changed, an attribute row when the attribute set differs from the entity's last
 * recorded one, interned ids for both. Rows are keyed by (entity, ms) and written as upserts, so
 * the same change written twice (two nodes recording one stream) is stored once. Confined to the
 * recorder's thread.
 */
final class HistoryWriter {
  private static final String INSERT_STATE = "INSERT INTO history_states(entity, ts, num, txt,"
      + " context) VALUES (?,?,?,?,?) ON CONFLICT(entity, ts) DO UPDATE SET num=excluded.num,"
      + " txt=excluded.txt, context=excluded.context";
  private static final String INSERT_ATTRIBUTES = "INSERT INTO history_attributes(entity, ts,"
      + " attributes) VALUES (?,?,?) ON CONFLICT(entity, ts) DO UPDATE"
      + " SET attributes=excluded.attributes";
  private static final int ATTRIBUTE_CACHE = 10_000;

  private final SqlDatabase database;
  private final EntityIds ids;
  /** The hash of the attribute set last recorded per entity (absent = not known yet). */
  private final Map<Integer, Long> lastAttributes = new HashMap<>();
  /** Attribute-set hash to its interned id. */
  private final Map<Long, Integer> attributeSets = new HashMap<>();
  private final MessageDigest sha256;

  HistoryWriter(SqlDatabase database, EntityIds ids) {
    this.database = database;
    this.ids = ids;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JVM", e);
    }
  }

  /** Writes the batch in one transaction; throws (and writes nothing) when the database fails. */
  void write(List<? extends Recorded> batch) {
    Map<Integer, Long> recordedHere = new HashMap<>();
    database.inTransaction(c -> {
      try (PreparedStatement states = c.prepareStatement(INSERT_STATE);
          PreparedStatement attributes = c.prepareStatement(INSERT_ATTRIBUTES)) {
        for (Recorded recorded : batch) {
          if (recorded instanceof RecordedRun run) {
            run(c, run);
            continue;
          }
          RecordedChange change = (RecordedChange) recorded;
          int entity = ids.intern(c, change.entityId().toString());
          if (change.state() != null) {
            bindState(c, states, entity, change);
            states.addBatch();
          }
          long hash = hash(change.attributes());
          Long last = recordedHere.containsKey(entity) ? recordedHere.get(entity)
              : lastAttributes.containsKey(entity) ? lastAttributes.get(entity)
              : lastRecordedHash(c, entity);
          if (last == null || last != hash) {
            attributes.setInt(1, entity);
            attributes.setLong(2, change.ts());
            attributes.setInt(3, attributeSet(c, hash, change.attributes()));
            attributes.addBatch();
          }
          recordedHere.put(entity, hash);
        }
        states.executeBatch();
        attributes.executeBatch();
      }
      return null;
    });
    // Only a committed batch moves what counts as "last recorded".
    lastAttributes.putAll(recordedHere);
  }

  private void bindState(Connection c, PreparedStatement ps, int entity, RecordedChange change)
      throws SQLException {
    ps.setInt(1, entity);
    ps.setLong(2, change.ts());
    Long packed = NumericState.pack(change.state());
    if (packed != null) {
      ps.setLong(3, packed);
      ps.setNull(4, Types.VARCHAR);
    } else {
      ps.setNull(3, Types.BIGINT);
      ps.setString(4, change.state());
    }
    Long context = worthStoring(change.context()) ? context(c, change.context()) : null;
    if (context != null) {
      ps.setLong(5, context);
    } else {
      ps.setNull(5, Types.BIGINT);
    }
  }

  private Long lastRecordedHash(Connection c, int entity) throws SQLException {
    return SqlDatabase.queryFirst(c, "SELECT s.hash FROM history_attributes h"
        + " JOIN history_attribute_sets s ON s.id=h.attributes WHERE h.entity=?"
        + " ORDER BY h.ts DESC LIMIT 1", rs -> rs.getLong(1), entity).orElse(null);
  }

  private int attributeSet(Connection c, long hash, ObjectNode attributes) throws SQLException {
    Integer known = attributeSets.get(hash);
    if (known != null) {
      return known;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO history_attribute_sets(hash,"
        + " attributes) VALUES (?,?) ON CONFLICT(hash) DO NOTHING")) {
      ps.setLong(1, hash);
      ps.setString(2, attributes.toString());
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id FROM history_attribute_sets WHERE hash=?")) {
      ps.setLong(1, hash);
      ResultSet rs = ps.executeQuery();
      rs.next();
      int id = rs.getInt(1);
      if (attributeSets.size() >= ATTRIBUTE_CACHE) {
        attributeSets.clear(); // a plain bound: re-reading an id is cheap
      }
      attributeSets.put(hash, id);
      return id;
    }
  }

  private Long context(Connection c, Context context) throws SQLException {
    SqlDatabase.update(c, "INSERT INTO history_contexts(context_id, parent_id, user_id)"
        + " VALUES (?,?,?) ON CONFLICT(context_id) DO NOTHING", context.id(), context.parentId(),
        context.userId());
    return SqlDatabase.queryFirst(c, "SELECT id FROM history_contexts WHERE context_id=?",
        rs -> rs.getLong(1), context.id()).orElse(null);
  }

  /**
   * Only a context with a parent or a user gets a row: a device's own report (a fresh context)
   * names nobody, and it is most of the changes, so storing it would cost bytes per sample for
   * nothing the logbook can say.
   */
  private static boolean worthStoring(Context context) {
    return context != null && (context.parentId() != null || context.userId() != null);
  }

  /** An automation run's context, with its rule and trigger (for the logbook). */
  private void run(Connection c, RecordedRun run) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO history_contexts(context_id,"
        + " parent_id, user_id, automation, trigger_entity) VALUES (?,?,?,?,?)"
        + " ON CONFLICT(context_id) DO UPDATE SET automation=excluded.automation,"
        + " trigger_entity=excluded.trigger_entity")) {
      ps.setString(1, run.context().id());
      ps.setString(2, run.context().parentId());
      ps.setString(3, run.context().userId());
      ps.setString(4, run.automation());
      ps.setString(5, run.triggerEntity());
      ps.executeUpdate();
    }
  }

  /** 64 bits of the SHA-256 of the attributes' JSON: equal sets share one stored copy. */
  private long hash(ObjectNode attributes) {
    byte[] digest = sha256.digest(attributes.toString().getBytes(StandardCharsets.UTF_8));
    return ByteBuffer.wrap(digest).getLong();
  }
}
