package io.pma.store.sql;

import com.fasterxml.jackson.core.type.TypeReference;
import io.pma.domain.Json;
import io.pma.store.AccessToken;
import io.pma.store.AccessTokenStore;
import io.pma.store.StoreException;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/** Access tokens and retired sessions in SQL; topics as a JSON array. */
public final class SqlAccessTokenStore implements AccessTokenStore {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  /** Retired sessions are kept this long past their expiry, as tokens are accepted that long. */
  private static final Duration JWT_CLOCK_SKEW = Duration.ofMinutes(1);
  private final SqlDatabase database;

  public SqlAccessTokenStore(SqlDatabase database) {
    this.database = database;
  }

  @Override
  public void insert(AccessToken t) {
    database.update("INSERT INTO access_tokens(id, user_id, name, topics, created_at,"
        + " expires_at, revoked_at, parent_id) VALUES (?,?,?,?,?,?,?,?)", t.id(), t.userId(),
        t.name(), t.topics() == null ? null : Json.write(t.topics()), t.createdAt().toString(),
        t.expiresAt().toString(), t.revokedAt() == null ? null : t.revokedAt().toString(),
        t.parentId());
  }

  @Override
  public Optional<AccessToken> find(String id) {
    return database.first("SELECT * FROM access_tokens WHERE id=?", SqlAccessTokenStore::read, id);
  }

  @Override
  public List<AccessToken> list(String userId) {
    return userId == null
        ? database.list("SELECT * FROM access_tokens ORDER BY created_at",
            SqlAccessTokenStore::read)
        : database.list("SELECT * FROM access_tokens WHERE user_id=? ORDER BY created_at",
            SqlAccessTokenStore::read, userId);
  }

  @Override
  public List<AccessToken> children(String parentId) {
    return database.list("SELECT * FROM access_tokens WHERE parent_id=? ORDER BY created_at",
        SqlAccessTokenStore::read, parentId);
  }

  @Override
  public boolean revoke(String id, Instant at) {
    return database.update(
        "UPDATE access_tokens SET revoked_at=? WHERE id=? AND revoked_at IS NULL", at.toString(),
        id) > 0;
  }

  @Override
  public boolean retireSession(String id, String userId, Instant expiresAt, Instant now) {
    return database.withConnection(c -> {
      try (PreparedStatement prune = c.prepareStatement(
          "DELETE FROM retired_sessions WHERE expires_at < ?")) {
        prune.setString(1, now.minus(JWT_CLOCK_SKEW).toString());
        prune.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO retired_sessions(id, user_id, expires_at) VALUES (?,?,?)")) {
        ps.setString(1, id);
        ps.setString(2, userId);
        ps.setString(3, expiresAt.toString());
        ps.executeUpdate();
        return true;
      } catch (SQLException e) {
        if (SqlDatabase.isUniqueViolation(e)) {
          return false;
        }
        throw e;
      }
    });
  }

  @Override
  public Map<String, Instant> revokedUnexpired(Instant now) {
    return database.withConnection(c -> {
      Map<String, Instant> revoked = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, expires_at FROM access_tokens"
          + " WHERE revoked_at IS NOT NULL AND expires_at > ?"
          + " UNION ALL SELECT id, expires_at FROM retired_sessions WHERE expires_at > ?")) {
        ps.setString(1, now.toString());
        ps.setString(2, now.toString());
        ResultSet rs = ps.executeQuery();
        while (rs.next()) {
          revoked.put(rs.getString(1), Instant.parse(rs.getString(2)));
        }
      }
      return revoked;
    });
  }

  @Override
  public Optional<Instant> revokedUntil(String id) {
    return database.first("SELECT expires_at FROM access_tokens"
        + " WHERE id=? AND revoked_at IS NOT NULL"
        + " UNION ALL SELECT expires_at FROM retired_sessions WHERE id=?",
        rs -> Instant.parse(rs.getString(1)), id, id);
  }

  private static AccessToken read(ResultSet rs) throws SQLException {
    String topics = rs.getString("topics");
    String revoked = rs.getString("revoked_at");
    try {
      return new AccessToken(rs.getString("id"), rs.getString("user_id"), rs.getString("name"),
          topics == null ? null : Json.MAPPER.readValue(topics, STRINGS),
          rs.getString("parent_id"),
          Instant.parse(rs.getString("created_at")), Instant.parse(rs.getString("expires_at")),
          revoked == null ? null : Instant.parse(revoked));
    } catch (IOException e) {
      throw new StoreException("corrupt topics of token " + rs.getString("id"), e);
    }
  }
}
