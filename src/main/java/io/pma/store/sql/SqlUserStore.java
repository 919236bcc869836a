package io.pma.store.sql;

import io.pma.auth.Role;
import io.pma.store.User;
import io.pma.store.UserStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Users in SQL; roles as a comma-separated list. */
public final class SqlUserStore implements UserStore {
  /** Roles are stored sorted and comma-separated: "admin" or "admin,user". */
  private static final String IS_ADMIN = "(roles='admin' OR roles LIKE 'admin,%')";

  private final SqlDatabase database;

  public SqlUserStore(SqlDatabase database) {
    this.database = database;
  }

  @Override
  public Optional<User> findById(String id) {
    return database.first("SELECT * FROM users WHERE id=?", SqlUserStore::read, id);
  }

  @Override
  public Optional<User> findByUsername(String username) {
    return database.first("SELECT * FROM users WHERE username=?", SqlUserStore::read, username);
  }

  @Override
  public List<User> list() {
    return database.list("SELECT * FROM users ORDER BY created_at", SqlUserStore::read);
  }

  @Override
  public void insert(User user) {
    database.insertUnique("INSERT INTO users(id, username, password_hash, roles, disabled,"
        + " created_at) VALUES (?,?,?,?,?,?)", "username '" + user.username() + "' is taken",
        user.id(), user.username(), user.passwordHash(), rolesText(user.roles()),
        user.disabled() ? 1 : 0, user.createdAt().toString());
  }

  @Override
  public void update(User user) {
    database.withConnection(c -> {
      write(c, user);
      return null;
    });
  }

  @Override
  public boolean delete(String id) {
    return database.update("DELETE FROM users WHERE id=?", id) > 0;
  }

  @Override
  public boolean updateKeepingAnAdmin(User user) {
    return keepingAnAdmin(c -> {
      write(c, user);
      return null;
    });
  }

  private static void write(Connection c, User user) throws SQLException {
    SqlDatabase.update(c,
        "UPDATE users SET password_hash=?, roles=?, disabled=?, token_epoch=? WHERE id=?",
        user.passwordHash(), rolesText(user.roles()), user.disabled() ? 1 : 0, user.tokenEpoch(),
        user.id());
  }

  @Override
  public boolean deleteKeepingAnAdmin(String id) {
    return keepingAnAdmin(c -> {
      SqlDatabase.update(c, "DELETE FROM users WHERE id=?", id);
      return null;
    });
  }

  /**
   * Runs {@code change} in a transaction that first locks every active admin's row, then rolls
   * back when no active admin is left. The lock is what makes two such changes in parallel safe on
   * PostgreSQL: without it each would count the other's admin as still there (write skew), and both
   * would succeed. The no-op UPDATE is the row lock both databases understand (SQLite has no
   * SELECT ... FOR UPDATE and serialises writers anyway). After waiting for a lock, PostgreSQL
   * re-checks the row, so an admin demoted meanwhile is no longer counted.
   */
  private boolean keepingAnAdmin(SqlDatabase.Work<Void> change) {
    return database.inTransaction(c -> {
      try (PreparedStatement lock = c.prepareStatement("UPDATE users SET token_epoch=token_epoch"
          + " WHERE disabled=0 AND " + IS_ADMIN)) {
        lock.executeUpdate();
      }
      change.run(c);
      try (PreparedStatement count = c.prepareStatement(
          "SELECT COUNT(*) FROM users WHERE disabled=0 AND " + IS_ADMIN)) {
        ResultSet rs = count.executeQuery();
        if (rs.next() && rs.getLong(1) > 0) {
          return true;
        }
      }
      c.rollback();
      return false;
    });
  }

  @Override
  public long count() {
    return database.first("SELECT COUNT(*) FROM users", rs -> rs.getLong(1)).orElse(0L);
  }

  private static String rolesText(Set<Role> roles) {
    return roles.stream().map(Role::wireName).sorted().collect(Collectors.joining(","));
  }

  private static User read(ResultSet rs) throws SQLException {
    Set<Role> roles = Arrays.stream(rs.getString("roles").split(","))
        .map(Role::fromWireName).flatMap(Optional::stream).collect(Collectors.toSet());
    return new User(rs.getString("id"), rs.getString("username"), rs.getString("password_hash"),
        roles, rs.getInt("disabled") == 1, Instant.parse(rs.getString("created_at")),
        rs.getLong("token_epoch"));
  }
}
