package io.pma.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pma.auth.Role;
import io.pma.cluster.PostgresProcess;
import io.pma.domain.Entity;
import io.pma.domain.EntityCustomization;
import io.pma.domain.EntityId;
import io.pma.domain.Json;
import io.pma.domain.Notification;
import io.pma.store.postgres.PostgresDatabase;
import io.pma.store.sql.SqlAccessTokenStore;
import io.pma.store.sql.SqlDatabase;
import io.pma.store.sql.SqlEntityStore;
import io.pma.store.sql.SqlNotificationStore;
import io.pma.store.sql.SqlUserStore;
import io.pma.store.sqlite.SqliteDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.provider.Arguments;

/** The same repositories behave the same on SQLite and on a real PostgreSQL. */
class SqlStoresTest {
  private static final Instant T = Instant.parse("2026-01-01T12:00:00.123Z");

  static Stream<Arguments> databases() {
    Supplier<SqlDatabase> sqlite = () -> {
      try {
        return new SqliteDatabase(Files.createTempDirectory("pma-sql").resolve("pma.db"));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    };
    Supplier<SqlDatabase> postgres = () ->
        new PostgresDatabase(PostgresProcess.shared().newDatabase(), 4);
    return Stream.of(Arguments.of("sqlite", sqlite), Arguments.of("postgres", postgres));
  }

  private static Entity lamp(String state) {
    return new Entity(EntityId.parse("light.lamp"), "Lamp", state,
        Json.object().put("brightness", 10).put("a", "b"), "api", "demo", "kitchen", true, T, T,
        null);
  }

  @OnEachDatabase
  @DisplayName("entities: upserts and deletions in one batch, loaded back unchanged")
  void entities(String name, Supplier<SqlDatabase> open) {
    try (SqlDatabase database = open.get()) {
      SqlEntityStore store = new SqlEntityStore(database);
      Entity sensor = new Entity(EntityId.parse("sensor.t"), "T", "21.5", Json.object(), "demo",
          null, null, false, T, T, null);
      store.write(List.of(lamp("on"), sensor), List.of(), Map.of());
      store.write(List.of(lamp("off")), List.of(EntityId.parse("sensor.t")), Map.of());
      assertThat(store.loadAll()).containsExactly(lamp("off"));
      assertThat(Json.write(store.loadAll().get(0))).isEqualTo(Json.write(lamp("off")));
      assertThat(database.ping()).isTrue();
    }
  }

  @OnEachDatabase
  @DisplayName("entity customisations: written, changed, loaded back, deleted when empty")
  void customizations(String name, Supplier<SqlDatabase> open) {
    try (SqlDatabase database = open.get()) {
      SqlEntityStore store = new SqlEntityStore(database);
      EntityId lampId = EntityId.parse("light.lamp");
      EntityId sensorId = EntityId.parse("sensor.t");
      EntityCustomization named = new EntityCustomization("Reading lamp", null, null, null);
      EntityCustomization all = new EntityCustomization("Desk", "Study", "💡", true);
      store.write(List.of(lamp("on")), List.of(), Map.of(lampId, named, sensorId, all));
      assertThat(store.loadCustomizations()).isEqualTo(Map.of(lampId, named, sensorId, all));
      EntityCustomization shown = new EntityCustomization(null, null, null, false);
      store.write(List.of(), List.of(),
          Map.of(lampId, shown, sensorId, EntityCustomization.NONE));
      assertThat(store.loadCustomizations()).isEqualTo(Map.of(lampId, shown));
      assertThat(store.loadAll()).containsExactly(lamp("on"));
    }
  }

  @OnEachDatabase
  @DisplayName("notification marks: per user, read then dismissed keeps the read time, gone with their notification")
  void notificationMarks(String name, Supplier<SqlDatabase> open) {
    try (SqlDatabase database = open.get()) {
      SqlNotificationStore store = new SqlNotificationStore(database);
      store.insert(new Notification("n1", "t", "m", "info", "test", null, T), 2);
      store.mark("u1", List.of("n1"), false, T);
      store.mark("u1", List.of("n1"), true, T.plusSeconds(5));
      store.mark("u1", List.of("n1"), false, T.plusSeconds(9));
      assertThat(store.marksOf("u1")).isEqualTo(Map.of("n1", new NotificationMark(T, T.plusSeconds(5))));
      assertThat(store.marksOf("u2")).isEmpty();
      store.insert(new Notification("n2", "t", "m", "info", "test", null, T), 1);
      assertThat(store.marksOf("u1")).as("n1 was pruned, and its marks with it").isEmpty();
    }
  }

  @OnEachDatabase
  @DisplayName("users: insert, unique usernames, find, update, delete")
  void users(String name, Supplier<SqlDatabase> open) {
    try (SqlDatabase database = open.get()) {
      SqlUserStore users = new SqlUserStore(database);
      User alice = new User("u1", "alice", "hash", Set.of(Role.USER), false, T, 0);
      users.insert(alice);
      assertThatThrownBy(() -> users.insert(new User("u2", "alice", "h", Set.of(Role.USER), false,
          T, 0))).isInstanceOf(StoreException.class).hasMessageContaining("is taken");
      assertThat(users.findByUsername("alice")).contains(alice);
      User changed = alice.withRoles(Set.of(Role.ADMIN, Role.USER)).withDisabled(true);
      users.update(changed);
      assertThat(users.findById("u1")).contains(changed);
      assertThat(users.count()).isEqualTo(1);
      assertThat(users.delete("u1")).isTrue();
      assertThat(users.delete("u1")).isFalse();
      assertThat(users.list()).isEmpty();
    }
  }

  @OnEachDatabase
  @DisplayName("access tokens: insert, list per user, revoke once, revoked and unexpired ids")
  void accessTokens(String name, Supplier<SqlDatabase> open) {
    try (SqlDatabase database = open.get()) {
      SqlAccessTokenStore tokens = new SqlAccessTokenStore(database);
      AccessToken panel = new AccessToken("t1", "u1", "panel", List.of("entity_updates"), null,
          T, T.plusSeconds(3600), null);
      AccessToken old = new AccessToken("t2", "u2", "old", null, null, T, T.plusSeconds(10),
          null);
      tokens.insert(panel);
      tokens.insert(old);
      assertThat(tokens.list("u1")).containsExactly(panel);
      assertThat(tokens.list(null)).hasSize(2);
      assertThat(tokens.revoke("t1", T.plusSeconds(5))).isTrue();
      assertThat(tokens.revoke("t1", T.plusSeconds(6))).isFalse();
      tokens.revoke("t2", T.plusSeconds(5));
      assertThat(tokens.revokedUnexpired(T.plusSeconds(60)).keySet()).containsExactly("t1");
      assertThat(tokens.find("t1").orElseThrow().revokedAt()).isEqualTo(T.plusSeconds(5));
    }
  }

  @OnEachDatabase
  @DisplayName("token lineage: children by parent; a session is retired once; both count as revoked")
  void lineageAndRetiredSessions(String name, Supplier<SqlDatabase> open) {
    try (SqlDatabase database = open.get()) {
      SqlAccessTokenStore tokens = new SqlAccessTokenStore(database);
      AccessToken parent = new AccessToken("p", "u1", "kiosk", List.of("entity_updates:light.*"),
          null, T, T.plusSeconds(3600), null);
      AccessToken child = new AccessToken("c", "u1", "lamp", List.of("entity_updates:light.a"),
          "p", T, T.plusSeconds(60), null);
      tokens.insert(parent);
      tokens.insert(child);
      assertThat(tokens.children("p")).containsExactly(child);
      assertThat(tokens.retireSession("s1", "u1", T.plusSeconds(600), T)).isTrue();
      assertThat(tokens.retireSession("s1", "u1", T.plusSeconds(600), T))
          .as("the second exchange of one session token").isFalse();
      tokens.revoke("p", T);
      assertThat(tokens.revokedUnexpired(T)).containsOnlyKeys("p", "s1");
      assertThat(tokens.revokedUntil("s1")).contains(T.plusSeconds(600));
      assertThat(tokens.revokedUntil("c")).isEmpty();
    }
  }

  @OnEachDatabase
  @DisplayName("notifications: newest first, broadcasts plus one user's, only the newest kept")
  void notifications(String name, Supplier<SqlDatabase> open) {
    try (SqlDatabase database = open.get()) {
      SqlNotificationStore store = new SqlNotificationStore(database);
      Notification everyone = new Notification("n1", "All", "m", "info", "system", null, T);
      Notification alice = new Notification("n2", "Alice", "m", "warning", "user:bob", "u1", T);
      Notification bob = new Notification("n3", "Bob", "", "error", "automation:a", "u2", T);
      store.insert(everyone, 10);
      store.insert(alice, 10);
      store.insert(bob, 10);
      assertThat(store.recent(10)).containsExactly(bob, alice, everyone);
      assertThat(store.recent(1)).containsExactly(bob);
      assertThat(store.recentFor("u1", 10)).containsExactly(alice, everyone);
      store.insert(new Notification("n4", "Last", "m", "success", "system", null, T), 2);
      assertThat(store.recent(10)).extracting(Notification::id).containsExactly("n4", "n3");
    }
  }
}
