package io.pma.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The Lua scripts PMA runs in Redis (resources under {@code /redis/}). */
final class Scripts {
  static final String PUBLISH = load("publish.lua");
  static final String LEASE = load("lease.lua");
  static final String RELEASE = load("release.lua");

  private Scripts() {}

  private static String load(String name) {
    try (InputStream in = Scripts.class.getResourceAsStream("/redis/" + name)) {
      if (in == null) {
        throw new IllegalStateException("/redis/" + name + " missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /redis/" + name, e);
    }
  }
}
