package io.pma.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

  /**
   * The constant of {@code type} whose lower-case name is {@code text} (a config mode such as
   * {@code auto}), else an error naming {@code key} and the choices.
   */
  static <E extends Enum<E>> E choice(String key, Class<E> type, String text) {
    List<String> names = new ArrayList<>();
    for (E value : type.getEnumConstants()) {
      String name = value.name().toLowerCase(Locale.ROOT);
      if (name.equals(text)) {
        return value;
      }
      names.add(name);
    }
    String last = names.remove(names.size() - 1);
    throw new IllegalArgumentException(key + " must be " + String.join(", ", names) + " or " + last);
  }
}
