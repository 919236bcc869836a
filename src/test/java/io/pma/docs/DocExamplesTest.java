package io.pma.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.Prerequisites;
import io.pma.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Docs that cannot drift: every shell example of README.md and docs/*.md runs, in the order a
 * reader meets them, against one live server (demo devices, admin password in
 * {@code PMA_ADMIN_PASSWORD}, an admin token in {@code TOKEN}) and must exit 0. curl fails on
 * any HTTP error status ({@code --fail-with-body}). An example that cannot run here (it starts
 * PMA itself, needs Home Assistant...) carries {@code <!-- doc-test: skip (reason) -->} on the line
 * before its fence.
 */
class DocExamplesTest {
  private static final Pattern FENCE = Pattern.compile("^```(sh|bash|shell)\\s*$");
  private static final Pattern SKIP = Pattern.compile("^<!-- doc-test: skip \\((.+)\\) -->$");

  /** One fenced shell example: where it is, its text, and why it is skipped (null: it runs). */
  record Example(String place, String script, String skipReason) {}

  @Test
  @DisplayName("every shell example of README.md and docs/*.md succeeds against a live server")
  void examplesRun() throws Exception {
    String curl = Prerequisites.program("curl", "curl");
    Prerequisites.program("jq", "jq");
    List<Example> examples = examples();
    List<Example> runnable = examples.stream().filter(e -> e.skipReason() == null).toList();
    assertThat(runnable).as("runnable examples").hasSizeGreaterThanOrEqualTo(3);
    try (TestServer server = TestServer.start()) {
      String token = server.adminToken();
      for (Example example : runnable) {
        String script = "set -euo pipefail\n"
            + "curl() { command " + curl + " --fail-with-body --silent --show-error"
            + " --max-time 20 \"$@\"; }\n"
            + example.script().replace("localhost:3001", "127.0.0.1:" + server.port());
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        bash.environment().put("PMA_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
        bash.environment().put("TOKEN", token);
        Process process = bash.start();
        String output = new String(process.getInputStream().readAllBytes(),
            StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("the example at %s:\n%s\nprinted:\n%s",
            example.place(), example.script(), output).isZero();
      }
    }
  }

  @Test
  @DisplayName("a skipped example says why; a marker anywhere but before a fence is an error")
  void skipMarkersAreExplained() throws IOException {
    for (Path doc : docs()) {
      List<String> lines = Files.readAllLines(doc);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains("doc-test")) {
          assertThat(lines.get(i)).as("%s:%d", doc, i + 1).matches(SKIP);
          assertThat(i + 1 < lines.size() && FENCE.matcher(lines.get(i + 1)).matches())
              .as("%s:%d: a skip marker must stand right before a shell fence", doc, i + 1)
              .isTrue();
        }
      }
    }
  }

  static List<Path> docs() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
    try (Stream<Path> files = Files.list(Path.of("docs"))) {
      files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  static List<Example> examples() throws IOException {
    List<Example> examples = new ArrayList<>();
    for (Path doc : docs()) {
      List<String> lines = Files.readAllLines(doc);
      for (int i = 0; i < lines.size(); i++) {
        if (!FENCE.matcher(lines.get(i)).matches()) {
          continue;
        }
        Matcher skip = i > 0 ? SKIP.matcher(lines.get(i - 1)) : null;
        StringBuilder script = new StringBuilder();
        int start = i + 1;
        for (i = start; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
          script.append(lines.get(i)).append('\n');
        }
        examples.add(new Example(doc + ":" + start, script.toString(),
            skip != null && skip.matches() ? skip.group(1) : null));
      }
    }
    return examples;
  }
}
