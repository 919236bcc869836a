package io.pma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.domain.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operating PMA through real processes: one instance per port and per data directory, password
 * reset, backup and restore, the start-up and shutdown log lines.
 */
class OperationsTest {
  private static final Pattern GENERATED = Pattern.compile("New password for 'admin': (\\S+)");

  @TempDir
  Path dir;

  private Map<String, String> env(Path dataDir, int port) {
    Map<String, String> env = new HashMap<>();
    env.put("PMA_SERVER_HOST", "127.0.0.1");
    env.put("PMA_SERVER_PORT", Integer.toString(port));
    env.put("PMA_STORAGE_DATA_DIR", dataDir.toString());
    env.put("PMA_SERVER_EVENT_LOOPS", "1");
    env.put("PMA_DEMO_ENABLED", "false");
    return env;
  }

  private static PmaProcess started(Map<String, String> env) {
    PmaProcess pma = PmaProcess.start(env);
    pma.awaitOutput(" ready on port ");
    return pma;
  }

  @Test
  @DisplayName("a second PMA on a port in use stops with 'port N is in use' and exit 1; the first keeps it")
  void portInUse() {
    int port = LocalPorts.free();
    try (PmaProcess first = started(env(dir.resolve("a"), port));
        PmaProcess second = PmaProcess.start(env(dir.resolve("b"), port))) {
      assertThat(second.awaitExit()).isEqualTo(1);
      assertThat(second.output()).contains("pma: cannot start: port " + port + " is in use");
      assertThat(status(port, "/health")).isEqualTo(200);
      assertThat(first.alive()).isTrue();
    }
  }

  @Test
  @DisplayName("a port held by any other program is refused the same way")
  void portHeldByAnotherProgram() throws IOException {
    try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      try (PmaProcess pma = PmaProcess.start(env(dir, other.getLocalPort()))) {
        assertThat(pma.awaitExit()).isEqualTo(1);
        assertThat(pma.output()).contains("port " + other.getLocalPort() + " is in use");
      }
    }
  }

  @Test
  @DisplayName("a second PMA on the same data directory is refused with one line, exit 1")
  void dataDirectoryLock() {
    Path data = dir.resolve("data");
    try (PmaProcess first = started(env(data, LocalPorts.free()));
        PmaProcess second = PmaProcess.start(env(data, LocalPorts.free()))) {
      assertThat(second.awaitExit()).isEqualTo(1);
      assertThat(second.output()).contains("pma: cannot start: data directory " + data
          + " is in use by another PMA process");
      assertThat(first.alive()).isTrue();
    }
  }

  @Test
  @DisplayName("start-up logs one dated summary line; SIGTERM logs what was flushed")
  void startAndStopLines() {
    int port = LocalPorts.free();
    Path data = dir.resolve("data");
    try (PmaProcess pma = started(env(data, port))) {
      String summary = pma.output().lines().filter(l -> l.contains(" ready on port ")).findFirst()
          .orElseThrow();
      assertThat(summary).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}.*")
          .contains("PMA " + io.pma.cli.Version.current() + " ready on port " + port,
              "| data " + data.toAbsolutePath(), "| storage sqlite " + data + "/pma.db",
              "| broker memory", "| adapters none", "| admin http://127.0.0.1:" + port + "/");
      assertThat(pma.stop()).isNotEqualTo(-1);
      assertThat(pma.output()).containsPattern(
          "PMA stopped: \\d+ pending entity changes flushed to sqlite .*pma.db, database closed");
    }
  }

  @Test
  @DisplayName("logging.format json writes one JSON object per line")
  void jsonLogs() throws Exception {
    Map<String, String> env = env(dir.resolve("data"), LocalPorts.free());
    env.put("PMA_LOGGING_FORMAT", "json");
    try (PmaProcess pma = started(env)) {
      JsonNode summary = null;
      for (String line : pma.output().lines().filter(l -> l.startsWith("{")).toList()) {
        JsonNode node = Json.MAPPER.readTree(line);
        if (node.path("message").asText().contains(" ready on port ")) {
          summary = node;
        }
      }
      assertThat(summary).as("the summary as a JSON line").isNotNull();
      assertThat(summary.path("level").asText()).isEqualTo("INFO");
      assertThat(summary.path("@timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*");
    }
  }

  @Test
  @DisplayName("admin reset-password: refused while PMA runs; then prints a new password that logs in")
  void resetPassword() throws Exception {
    Path data = dir.resolve("data");
    int port = LocalPorts.free();
    Map<String, String> env = env(data, port);
    try (PmaProcess pma = started(env)) {
      try (PmaProcess reset = PmaProcess.start(env, "admin", "reset-password")) {
        assertThat(reset.awaitExit()).isEqualTo(1);
        assertThat(reset.output()).contains("is in use by another PMA process");
      }
      pma.stop();
    }
    String password;
    try (PmaProcess reset = PmaProcess.start(env, "admin", "reset-password", "--user", "admin")) {
      assertThat(reset.awaitExit()).isZero();
      Matcher m = GENERATED.matcher(reset.output());
      assertThat(m.find()).as(reset.output()).isTrue();
      password = m.group(1);
    }
    try (PmaProcess unknown = PmaProcess.start(env, "admin", "reset-password", "--user", "bob")) {
      assertThat(unknown.awaitExit()).isEqualTo(1);
      assertThat(unknown.output()).contains("pma: no user 'bob'");
    }
    Map<String, String> chosen = new HashMap<>(env);
    chosen.put("PMA_ADMIN_PASSWORD", "chosen-password-1");
    try (PmaProcess pma = started(chosen)) {
      assertThat(login(port, "admin", password)).isEqualTo(200);
      assertThat(pma.output()).contains("PMA_ADMIN_PASSWORD (auth.admin_password) is ignored",
          "pma admin reset-password");
      pma.stop();
    }
    try (PmaProcess reset = PmaProcess.start(chosen, "admin", "reset-password")) {
      assertThat(reset.awaitExit()).isZero();
      assertThat(reset.output()).contains("Password for 'admin' set from PMA_ADMIN_PASSWORD.");
    }
    try (PmaProcess pma = started(env)) {
      assertThat(login(port, "admin", password)).isEqualTo(401);
      assertThat(login(port, "admin", "chosen-password-1")).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("backup FILE while PMA runs, then restore: stop, replace the file, start: the data is there")
  void backupAndRestore() throws Exception {
    Path data = dir.resolve("data");
    int port = LocalPorts.free();
    Map<String, String> env = env(data, port);
    env.put("PMA_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
    Path backup = dir.resolve("pma-backup.db");
    try (PmaProcess pma = started(env)) {
      String token = token(port);
      assertThat(createUser(port, token, "before")).isEqualTo(201);
      try (PmaProcess copy = PmaProcess.start(env, "backup", backup.toString())) {
        assertThat(copy.awaitExit()).as(copy.output()).isZero();
      }
      try (PmaProcess again = PmaProcess.start(env, "backup", backup.toString())) {
        assertThat(again.awaitExit()).isEqualTo(1);
        assertThat(again.output()).contains("exists already");
      }
      assertThat(createUser(port, token, "after")).isEqualTo(201);
      pma.stop();
    }
    try (Stream<Path> files = Files.list(data)) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("pma.db"))
          .toList()) {
        Files.delete(file);
      }
    }
    Files.copy(backup, data.resolve("pma.db"));
    try (PmaProcess pma = started(env)) {
      String token = token(port);
      String users = get(port, "/api/v1/users", token).body();
      assertThat(users).contains("\"before\"").doesNotContain("\"after\"");
    }
  }

  @Test
  @DisplayName("POST /api/v1/system/backup streams a SQLite copy to admins only and leaves no file behind")
  void backupOverHttp() throws Exception {
    try (TestServer server = TestServer.start()) {
      String admin = server.adminToken();
      server.request("POST", "/api/v1/users", admin,
          "{\"username\":\"viewer\",\"password\":\"viewer-password\",\"roles\":[\"user\"]}");
      String viewer = server.login("viewer", "viewer-password");
      assertThat(post(server.port(), "/api/v1/system/backup", viewer).statusCode()).isEqualTo(403);
      assertThat(post(server.port(), "/api/v1/system/backup", null).statusCode()).isEqualTo(401);

      HttpResponse<byte[]> response = post(server.port(), "/api/v1/system/backup", admin);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.sqlite3");
      assertThat(new String(response.body(), 0, 15)).isEqualTo("SQLite format 3");
      Path copy = dir.resolve("downloaded.db");
      Files.write(copy, response.body());
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy);
          ResultSet rs = c.createStatement().executeQuery(
              "SELECT username FROM users ORDER BY username")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("admin");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("viewer");
      }
      Await.until("the temporary copy to be deleted", () -> {
        try (Stream<Path> files = Files.list(server.dataDir())) {
          return files.noneMatch(f -> f.getFileName().toString().startsWith("backup-"));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    }
  }

  /** An HTTP exchange with the PMA process listening on {@code port}. */
  private static TestServer.Response call(int port, String method, String path, String token,
      String body) {
    return TestServer.send(
        TestServer.jsonRequest("http://127.0.0.1:" + port + path, method, token, body));
  }

  private static int status(int port, String path) {
    return call(port, "GET", path, null, null).status();
  }

  private static String token(int port) {
    return call(port, "POST", "/api/v1/auth/login", null,
        loginBody("admin", TestServer.ADMIN_PASSWORD)).json().get("token").asText();
  }

  private static int login(int port, String user, String password) {
    return call(port, "POST", "/api/v1/auth/login", null, loginBody(user, password)).status();
  }

  private static String loginBody(String user, String password) {
    return Json.object().put("username", user).put("password", password).toString();
  }

  private static int createUser(int port, String token, String name) {
    return call(port, "POST", "/api/v1/users", token, "{\"username\":\"" + name
        + "\",\"password\":\"password-" + name + "\",\"roles\":[\"user\"]}").status();
  }

  private static TestServer.Response get(int port, String path, String token) {
    return call(port, "GET", path, token, null);
  }

  private static HttpResponse<byte[]> post(int port, String path, String token) throws Exception {
    HttpRequest.Builder builder = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + path)).POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
