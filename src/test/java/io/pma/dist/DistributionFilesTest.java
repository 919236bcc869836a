package io.pma.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pma.Prerequisites;
import io.pma.config.ConfigLoader;
import io.pma.config.PmaConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Docker is not needed to build or test PMA, so the container files are checked here without it:
 * compose.yaml parses, each PMA node's PMA_* variables load as a configuration (an unknown one
 * would stop the node), and the Dockerfile, compose.yaml and the systemd unit agree on paths.
 * The unit is checked by systemd's own verifier.
 */
class DistributionFilesTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{([A-Z_]+):\\?[^}]*}");
  private static final String DATA_DIR = "/var/lib/pma";

  @Test
  @DisplayName("compose.yaml runs two PMA nodes on PostgreSQL, Redis and Mosquitto with valid PMA_* settings")
  void composeNodesHaveValidConfiguration() throws IOException {
    JsonNode services = yaml(ROOT.resolve("compose.yaml")).get("services");
    assertThat(services.fieldNames()).toIterable()
        .contains("pma1", "pma2", "postgres", "redis", "mosquitto");
    List<String> nodeIds = new ArrayList<>();
    List<String> volumes = new ArrayList<>();
    for (String node : List.of("pma1", "pma2")) {
      JsonNode service = services.get(node);
      PmaConfig config = ConfigLoader.load(null, environment(service.get("environment")));
      assertThat(config.storage().postgres()).as(node + " storage").isTrue();
      assertThat(config.storage().postgresUrl()).contains("@postgres:5432/");
      assertThat(config.broker().redis()).as(node + " broker").isTrue();
      assertThat(config.broker().redisUrl()).isEqualTo("redis://redis:6379");
      assertThat(config.mqtt().enabled()).as(node + " mqtt").isTrue();
      assertThat(config.mqtt().url()).isEqualTo("mqtt://mosquitto:1883");
      assertThat(service.get("environment").get("PMA_JWT_SECRET").asText())
          .as("every node signs with the same secret").contains("${PMA_JWT_SECRET:?");
      nodeIds.add(config.broker().nodeId());
      String volume = service.get("volumes").get(0).asText();
      assertThat(volume).endsWith(":" + DATA_DIR);
      volumes.add(volume);
      assertThat(service.get("read_only").asBoolean()).isTrue();
      assertThat(service.get("depends_on").fieldNames()).toIterable()
          .allMatch(services::has);
    }
    assertThat(nodeIds).doesNotHaveDuplicates();
    assertThat(volumes).as("each node its own data directory (it is locked)")
        .doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("the Dockerfile builds the release archive in one stage and runs it unprivileged with a health check")
  void dockerfile() throws IOException {
    String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
    assertThat(Pattern.compile("(?m)^FROM ").matcher(dockerfile).results().count())
        .as("multi-stage").isGreaterThanOrEqualTo(2);
    assertThat(dockerfile).contains("-Pdist package").contains("ENV PMA_STORAGE_DATA_DIR=" + DATA_DIR)
        .contains("VOLUME " + DATA_DIR).contains("ENTRYPOINT [\"/opt/pma/bin/pma\"]");
    Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
    assertThat(user.find()).isTrue();
    assertThat(user.group(1)).doesNotStartWith("0").isNotEqualTo("root");
    assertThat(dockerfile).containsPattern("(?s)HEALTHCHECK .*GET /health/ready");
    Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(.+) \\S+$").matcher(dockerfile);
    while (copy.find()) {
      for (String source : copy.group(1).split(" ")) {
        assertThat(ROOT.resolve(source)).as("COPY " + source).exists();
      }
    }
  }

  @Test
  @DisplayName("the systemd unit is hardened, points at the archive's launcher and passes systemd-analyze verify")
  void systemdUnit() throws Exception {
    Path unit = ROOT.resolve("src/dist/systemd/pma.service");
    Map<String, String> settings = new LinkedHashMap<>();
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(unit)) {
      int eq = line.indexOf('=');
      if (line.startsWith("#") || eq < 0) {
        continue;
      }
      String key = line.substring(0, eq);
      String value = line.substring(eq + 1);
      settings.put(key, value);
      if (key.equals("Environment")) {
        env.put(value.substring(0, value.indexOf('=')), value.substring(value.indexOf('=') + 1));
      }
    }
    assertThat(settings).containsEntry("DynamicUser", "yes").containsEntry("StateDirectory", "pma")
        .containsEntry("ProtectSystem", "strict").containsEntry("NoNewPrivileges", "yes")
        .containsEntry("ProtectHome", "yes").containsEntry("PrivateTmp", "yes")
        .containsEntry("CapabilityBoundingSet", "").containsEntry("ExecStart", "/opt/pma/bin/pma");
    assertThat(ConfigLoader.load(null, env).storage().dataDir()).isEqualTo(DATA_DIR);

    // The verifier wants the program to exist: point a copy at the launcher in this checkout.
    Path copy = Files.createTempDirectory("pma-unit").resolve("pma.service");
    Files.writeString(copy, Files.readString(unit).replace("ExecStart=/opt/pma/bin/pma",
        "ExecStart=" + ROOT.resolve("src/dist/bin/pma")));
    String analyze = Prerequisites.program("systemd-analyze", "systemd");
    Process verify = new ProcessBuilder(analyze, "verify", copy.toString())
        .redirectErrorStream(true).start();
    assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(output).as("systemd-analyze verify").isEmpty();
    assertThat(verify.exitValue()).isZero();
  }

  private static Map<String, String> environment(JsonNode node) {
    Map<String, String> env = new HashMap<>();
    node.fields().forEachRemaining(e -> env.put(e.getKey(),
        REQUIRED_VARIABLE.matcher(e.getValue().asText()).replaceAll("sample-value-of-$1-long-enough-for-any-check")));
    return env;
  }

  private static JsonNode yaml(Path file) throws IOException {
    return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
  }
}
