package io.pma.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JavaScript client class of websocket-guide.md, kept byte for byte in the test fixture
 * {@code guide/pma-websocket-client.js}, and the means to check the fixture against the guide.
 */
final class GuideClient {
  static final String RESOURCE = "/guide/pma-websocket-client.js";
  private static final Pattern JS_BLOCK = Pattern.compile("```javascript\\n(.*?)```", Pattern.DOTALL);

  private GuideClient() {}

  static String source() {
    return Fixtures.text(RESOURCE);
  }

  /** The guide next to the repository (CI lays shared/ beside the clone), if it is there. */
  static Optional<Path> guide() {
    for (Path candidate : new Path[] {
        Path.of("..", "shared", "spec", "websocket-guide.md"),
        Path.of("/work/shared/spec/websocket-guide.md")}) {
      if (Files.isReadable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The first ```javascript block of the guide. */
  static String fromGuide(Path guide) {
    try {
      Matcher m = JS_BLOCK.matcher(Files.readString(guide));
      if (!m.find()) {
        throw new IllegalStateException("no javascript block in " + guide);
      }
      return m.group(1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
