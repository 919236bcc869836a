package io.pma.history;

import io.pma.store.sql.SqlDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The interned entity ids of the history tables: each entity id is a small integer in every
 * state row. Several nodes may intern the same id at once; the unique key makes that harmless.
 * Thread-safe (the cache is concurrent; the table only grows).
 */
final class EntityIds {
  private final ConcurrentHashMap<String, Integer> cache = new ConcurrentHashMap<>();

  /** The id of {@code entityId}, created when new. Runs on the caller's connection. */
  int intern(Connection c, String entityId) throws SQLException {
    Integer known = cache.get(entityId);
    if (known != null) {
      return known;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO history_entities(entity_id)"
        + " VALUES (?) ON CONFLICT(entity_id) DO NOTHING")) {
      ps.setString(1, entityId);
      ps.executeUpdate();
    }
    Integer id = lookup(c, entityId);
    if (id == null) {
      throw new SQLException("entity id " + entityId + " was not interned");
    }
    return id;
  }

  /** The id of {@code entityId}, or null when it was never recorded. */
  Integer find(SqlDatabase database, String entityId) {
    Integer known = cache.get(entityId);
    return known != null ? known : database.withConnection(c -> lookup(c, entityId));
  }

  /** As {@link #find(SqlDatabase, String)}, on a connection the caller already holds. */
  Integer find(Connection c, String entityId) throws SQLException {
    Integer known = cache.get(entityId);
    return known != null ? known : lookup(c, entityId);
  }

  private Integer lookup(Connection c, String entityId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id FROM history_entities WHERE entity_id=?")) {
      ps.setString(1, entityId);
      ResultSet rs = ps.executeQuery();
      if (!rs.next()) {
        return null;
      }
      int id = rs.getInt(1);
      cache.put(entityId, id);
      return id;
    }
  }
}
