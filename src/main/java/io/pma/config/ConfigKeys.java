package io.pma.config;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every scalar config key PMA knows ({@code server.port}, {@code system.alerts.heap_used_percent}
 * ...), read from the config records themselves, so that a key added to a record is settable from
 * the environment and known to the typo check without a second list. Sections that are lists of
 * records ({@code homeassistant}) have no per-key variables.
 */
final class ConfigKeys {
  /** A leaf key and whether it takes a list (comma-separated in the environment). */
  record Key(String path, boolean list) {
    String variable() {
      return "PMA_" + path.replace('.', '_').toUpperCase(Locale.ROOT);
    }
  }

  private final Map<String, Key> byVariable = new TreeMap<>();

  ConfigKeys(ObjectMapper mapper) {
    collect(mapper, mapper.constructType(PmaConfig.class), "");
  }

  private void collect(ObjectMapper mapper, JavaType type, String prefix) {
    BeanDescription description = mapper.getDeserializationConfig().introspect(type);
    for (BeanPropertyDefinition property : description.findProperties()) {
      JavaType propertyType = property.getPrimaryType();
      String path = prefix + property.getName();
      if (isSection(propertyType)) {
        collect(mapper, propertyType, path + ".");
      } else if (!(propertyType.isCollectionLikeType()
          && isSection(propertyType.getContentType()))) {
        Key key = new Key(path, Collection.class.isAssignableFrom(propertyType.getRawClass()));
        byVariable.put(key.variable(), key);
      }
    }
  }

  private static boolean isSection(JavaType type) {
    return type.getRawClass().isRecord()
        && type.getRawClass().getPackageName().equals(ConfigKeys.class.getPackageName());
  }

  Collection<Key> all() {
    return byVariable.values();
  }

  /** The known name nearest to {@code name} among {@code known} (Levenshtein distance). */
  static String nearest(String name, Collection<String> known) {
    return known.stream().min(Comparator.comparingInt((String k) -> distance(name, k))
        .thenComparing(k -> k)).orElse("");
  }

  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
