package io.pma.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.Json;
import io.pma.domain.Refusal;
import io.pma.domain.RefusedException;
import io.pma.store.StoreException;
import io.pma.store.sql.SqlDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads the history tables of one entity on a given connection: its states and attribute sets in
 * a time range, and the ones in force at an instant. Each call is an index range scan on the
 * (entity, ms) key. Stateless apart from a per-reader cache of parsed attribute sets; one reader
 * per query, on the query's thread.
 */
final class HistoryReader {
  /** A recorded state: its text, its number when it is one, and its context id when stored. */
  record StateRow(long ts, String state, Double number, String contextId) {}

  /** A recorded attribute set, in force from {@code ts}. */
  record AttributeRow(long ts, ObjectNode attributes) {}

  /**
   * Absent numbers and contexts come back as sentinels rather than NULL: sqlite-jdbc answers
   * {@code wasNull} with a call into SQLite of its own, a third of the cost of a row.
   */
  private static final long NO_NUMBER = -Long.MAX_VALUE; // a bigint literal in PostgreSQL too
  private static final String STATE_COLUMNS = "SELECT s.ts, COALESCE(s.num, " + NO_NUMBER + "),"
      + " s.txt, COALESCE(s.context, 0) FROM history_states s";
  private static final String ATTRIBUTE_COLUMNS = "SELECT h.ts, h.attributes, a.attributes"
      + " FROM history_attributes h JOIN history_attribute_sets a ON a.id=h.attributes";

  private final Connection c;
  /** False for minimal reads, whose items carry no context: one column fewer per row. */
  private final boolean withContexts;
  private final Map<Integer, ObjectNode> parsed = new HashMap<>();
  /** Context row id to context id: most rows have none, so they are looked up one by one. */
  private final Map<Long, String> contexts = new HashMap<>();

  /** Rows this read may still return, shared by a request's entities; null: no bound. */
  private final AtomicInteger rowsLeft;

  HistoryReader(Connection connection) {
    this(connection, true, null);
  }

  HistoryReader(Connection connection, boolean withContexts, AtomicInteger rowsLeft) {
    this.c = connection;
    this.withContexts = withContexts;
    this.rowsLeft = rowsLeft;
  }

  StateRow stateAt(int entity, long at) throws SQLException {
    List<StateRow> rows = states(STATE_COLUMNS + " WHERE s.entity=? AND s.ts<=?"
        + " ORDER BY s.ts DESC LIMIT 1", entity, at, 0);
    return rows.isEmpty() ? null : rows.get(0);
  }

  /** States with {@code after < ts <= through}, in time order. */
  List<StateRow> states(int entity, long after, long through) throws SQLException {
    return states(STATE_COLUMNS + " WHERE s.entity=? AND s.ts>? AND s.ts<=? ORDER BY s.ts",
        entity, after, through);
  }

  AttributeRow attributesAt(int entity, long at) throws SQLException {
    List<AttributeRow> rows = attributes(ATTRIBUTE_COLUMNS + " WHERE h.entity=? AND h.ts<=?"
        + " ORDER BY h.ts DESC LIMIT 1", entity, at, 0);
    return rows.isEmpty() ? null : rows.get(0);
  }

  /** Attribute sets with {@code after < ts <= through}, in time order. */
  List<AttributeRow> attributes(int entity, long after, long through) throws SQLException {
    return attributes(ATTRIBUTE_COLUMNS + " WHERE h.entity=? AND h.ts>? AND h.ts<=?"
        + " ORDER BY h.ts", entity, after, through);
  }

  private List<StateRow> states(String sql, int entity, long a, long b) throws SQLException {
    if (!withContexts) {
      sql = sql.replace(", COALESCE(s.context, 0) FROM", " FROM");
    }
    return rows(sql, entity, a, b, this::stateRow);
  }

  private StateRow stateRow(ResultSet rs) throws SQLException {
    long packed = rs.getLong(2);
    String contextId = null;
    if (withContexts) {
      long context = rs.getLong(4); // context row ids start at 1
      contextId = context == 0 ? null : contextId(context);
    }
    return packed != NO_NUMBER
        ? new StateRow(rs.getLong(1), NumericState.unpack(packed), NumericState.toDouble(packed),
            contextId)
        : new StateRow(rs.getLong(1), rs.getString(3), null, contextId);
  }

  private List<AttributeRow> attributes(String sql, int entity, long a, long b)
      throws SQLException {
    return rows(sql, entity, a, b, this::attributeRow);
  }

  /** Attribute sets are stored once and referenced by id: each is parsed once per reader. */
  private AttributeRow attributeRow(ResultSet rs) throws SQLException {
    int id = rs.getInt(2);
    ObjectNode attributes = parsed.get(id);
    if (attributes == null) {
      attributes = parse(rs.getString(3));
      parsed.put(id, attributes);
    }
    return new AttributeRow(rs.getLong(1), attributes);
  }

  /** Every row of {@code sql} for {@code entity} between {@code a} and {@code b}, counted. */
  private <T> List<T> rows(String sql, int entity, long a, long b,
      SqlDatabase.RowReader<T> reader) throws SQLException {
    List<T> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, sql, entity, a, b);
      ResultSet rs = ps.executeQuery();
      while (rs.next()) {
        countRow();
        rows.add(reader.read(rs));
      }
    }
    return rows;
  }

  /**
   * Stops a read that would hold more than {@link HistoryRequest#MAX_ROWS} rows: one request must
   * not cost memory out of proportion to itself (every entity for 31 days, say).
   */
  private void countRow() {
    if (rowsLeft != null && rowsLeft.decrementAndGet() < 0) {
      throw new RefusedException(Refusal.INVALID, "the history asked for holds more than "
          + HistoryRequest.MAX_ROWS + " changes: ask for fewer entities or a shorter range");
    }
  }

  private String contextId(long row) throws SQLException {
    String known = contexts.get(row);
    if (known != null) {
      return known;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT context_id FROM history_contexts WHERE id=?")) {
      ps.setLong(1, row);
      ResultSet rs = ps.executeQuery();
      String id = rs.next() ? rs.getString(1) : null;
      if (id != null) {
        contexts.put(row, id);
      }
      return id;
    }
  }

  private static void bind(PreparedStatement ps, String sql, int entity, long a, long b)
      throws SQLException {
    ps.setInt(1, entity);
    ps.setLong(2, a);
    if (sql.chars().filter(ch -> ch == '?').count() > 2) {
      ps.setLong(3, b);
    }
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new StoreException("corrupt attribute set in history", e);
    }
  }
}
