package io.pma.store.sql;

import io.pma.domain.Json;
import io.pma.domain.Notification;
import io.pma.store.NotificationMark;
import io.pma.store.NotificationStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Notifications in SQL (SQLite or PostgreSQL), ordered by insertion ({@code seq}). */
public final class SqlNotificationStore implements NotificationStore {
  private static final String COLUMNS = "id, title, message, level, source, user_id, created_at";

  private final SqlDatabase database;

  public SqlNotificationStore(SqlDatabase database) {
    this.database = database;
  }

  @Override
  public void insert(Notification n, int keep) {
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO notifications(" + COLUMNS
          + ") VALUES (?,?,?,?,?,?,?)")) {
        ps.setString(1, n.id());
        ps.setString(2, n.title());
        ps.setString(3, n.message());
        ps.setString(4, n.level());
        ps.setString(5, n.source());
        ps.setString(6, n.userId());
        ps.setString(7, Json.formatInstant(n.createdAt()));
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM notifications WHERE seq <= ("
          + "SELECT seq FROM notifications ORDER BY seq DESC LIMIT 1 OFFSET ?)")) {
        ps.setInt(1, keep);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM notification_marks WHERE"
          + " notification_id NOT IN (SELECT id FROM notifications)")) {
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public List<Notification> recent(int limit) {
    return database.list("SELECT " + COLUMNS + " FROM notifications ORDER BY seq DESC LIMIT ?",
        SqlNotificationStore::read, limit);
  }

  @Override
  public List<Notification> recentFor(String userId, int limit) {
    return database.list("SELECT " + COLUMNS + " FROM notifications"
        + " WHERE user_id IS NULL OR user_id = ? ORDER BY seq DESC LIMIT ?",
        SqlNotificationStore::read, userId, limit);
  }

  @Override
  public Map<String, NotificationMark> marksOf(String userId) {
    return database.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT notification_id, read_at, dismissed_at"
          + " FROM notification_marks WHERE user_id = ?")) {
        ps.setString(1, userId);
        Map<String, NotificationMark> marks = new HashMap<>();
        ResultSet rs = ps.executeQuery();
        while (rs.next()) {
          String dismissed = rs.getString("dismissed_at");
          marks.put(rs.getString("notification_id"), new NotificationMark(
              Instant.parse(rs.getString("read_at")), dismissed == null ? null : Instant.parse(dismissed)));
        }
        return marks;
      }
    });
  }

  @Override
  public void mark(String userId, List<String> notificationIds, boolean dismiss, Instant at) {
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO notification_marks(notification_id,"
          + " user_id, read_at, dismissed_at) VALUES (?,?,?,?) ON CONFLICT(notification_id, user_id)"
          + " DO UPDATE SET dismissed_at = COALESCE(notification_marks.dismissed_at,"
          + " excluded.dismissed_at)")) {
        for (String id : notificationIds) {
          ps.setString(1, id);
          ps.setString(2, userId);
          ps.setString(3, Json.formatInstant(at));
          ps.setString(4, dismiss ? Json.formatInstant(at) : null);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }


  private static Notification read(ResultSet rs) throws SQLException {
    return new Notification(rs.getString("id"), rs.getString("title"), rs.getString("message"),
        rs.getString("level"), rs.getString("source"), rs.getString("user_id"),
        Instant.parse(rs.getString("created_at")));
  }
}
