package io.pma.config;

/** Validation used by the config records; messages name the key as written in YAML. */
final class Checks {
  private Checks() {}

  static void range(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(key + " must be between " + min + " and " + max
          + " (got " + value + ")");
    }
  }

  static void notBlank(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + " must be set");
    }
  }
}
