package io.pma.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pma.domain.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Builds {@link PmaConfig} from, in rising priority: built-in defaults, the YAML file, and
 * environment variables {@code PMA_<SECTION>_<KEY>} (lists as comma-separated values). Any error
 * becomes one {@link ConfigException} line naming the key.
 */
public final class ConfigLoader {
  private static final ObjectMapper YAML = Json.configure(new ObjectMapper(new YAMLFactory()));
  /** Short names documented in API.md and the README, mapped to their config keys. */
  private static final Map<String, String> ALIASES = Map.of(
      "PMA_JWT_SECRET", "auth.jwt_secret",
      "PMA_ADMIN_PASSWORD", "auth.admin_password",
      "PMA_PORT", "server.port",
      "PMA_LOG_LEVEL", "logging.level");
  /** Variables that are not one key each: one Home Assistant instance (see below). */
  private static final Set<String> OTHER_VARIABLES = Set.of("PMA_HA_URL", "PMA_HA_TOKEN");
  private static final ConfigKeys KEYS = new ConfigKeys(YAML);

  private ConfigLoader() {}

  public static PmaConfig load(Path file, Map<String, String> env) {
    ObjectNode tree = defaults();
    if (file != null) {
      merge(tree, readFile(file), "");
    }
    applyEnvironment(tree, env);
    return bind(tree);
  }

  private static ObjectNode defaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/pma-defaults.yaml")) {
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("built-in defaults unreadable", e);
    }
  }

  private static JsonNode readFile(Path file) {
    if (!Files.isReadable(file)) {
      throw new ConfigException("config file " + file + " cannot be read");
    }
    try {
      JsonNode node = YAML.readTree(file.toFile());
      if (node == null || node.isMissingNode() || node.isNull()) {
        return YAML.createObjectNode();
      }
      if (!node.isObject()) {
        throw new ConfigException("config file " + file + " must be a YAML mapping");
      }
      return node;
    } catch (IOException e) {
      throw new ConfigException("config file " + file + " is not valid YAML: "
          + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  /** Deep-merges {@code overlay} into {@code base}; unknown keys are kept so binding rejects them. */
  private static void merge(ObjectNode base, JsonNode overlay, String path) {
    Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode current = base.get(field.getKey());
      if (current instanceof ObjectNode currentObject && field.getValue().isObject()) {
        merge(currentObject, field.getValue(), path + field.getKey() + ".");
      } else {
        base.set(field.getKey(), field.getValue());
      }
    }
  }

  private static void applyEnvironment(ObjectNode tree, Map<String, String> env) {
    refuseUnknownVariables(env);
    ALIASES.forEach((name, key) -> {
      if (env.containsKey(name)) {
        set(tree, key, env.get(name));
      }
    });
    for (ConfigKeys.Key key : KEYS.all()) {
      String value = env.get(key.variable());
      if (value != null) {
        set(tree, key.path(), value);
      }
    }
    addHomeAssistantFromUrl(tree, env.get("PMA_HA_URL"));
    String haToken = env.get("PMA_HA_TOKEN");
    if (haToken != null && tree.get("homeassistant") instanceof ArrayNode instances) {
      for (JsonNode instance : instances) {
        if (instance instanceof ObjectNode object && !object.hasNonNull("token")) {
          object.put("token", haToken);
        }
      }
    }
  }

  /** {@code PMA_HA_URL} configures one instance when the file lists none (containers, tests). */
  private static void addHomeAssistantFromUrl(ObjectNode tree, String url) {
    if (url == null || url.isBlank()) {
      return;
    }
    ArrayNode instances = tree.get("homeassistant") instanceof ArrayNode list ? list
        : tree.putArray("homeassistant");
    if (instances.isEmpty()) {
      instances.addObject().put("url", url);
    }
  }

  /**
   * A {@code PMA_*} variable that names no key is a typo as surely as an unknown YAML key, and
   * stops start-up the same way, with the nearest known name.
   */
  private static void refuseUnknownVariables(Map<String, String> env) {
    Set<String> known = new TreeSet<>(ALIASES.keySet());
    known.addAll(OTHER_VARIABLES);
    KEYS.all().forEach(key -> known.add(key.variable()));
    for (String name : new TreeSet<>(env.keySet())) {
      if (name.startsWith("PMA_") && !known.contains(name)) {
        throw new ConfigException("unknown environment variable " + name + " (did you mean "
            + ConfigKeys.nearest(name, known) + "?)");
      }
    }
  }

  private static void set(ObjectNode tree, String dottedKey, String value) {
    String[] parts = dottedKey.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.get(parts[i]) instanceof ObjectNode child ? child : node.putObject(parts[i]);
    }
    boolean list = KEYS.all().stream().anyMatch(k -> k.path().equals(dottedKey) && k.list());
    set(node, parts[parts.length - 1], list, value);
  }

  private static void set(ObjectNode parent, String field, boolean isList, String value) {
    if (isList) {
      ArrayNode list = parent.putArray(field);
      for (String item : value.split(",")) {
        if (!item.isBlank()) {
          list.add(item.trim());
        }
      }
    } else {
      parent.set(field, TextNode.valueOf(value));
    }
  }

  private static PmaConfig bind(ObjectNode tree) {
    try {
      return YAML.treeToValue(tree, PmaConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException("unknown config key '" + path(e, e.getPropertyName()) + "'");
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new ConfigException("invalid config: " + cause.getMessage());
    } catch (JsonMappingException e) {
      throw new ConfigException("invalid config value for '" + path(e, null) + "': "
          + e.getOriginalMessage().lines().findFirst().orElse("").replaceAll(" \\(.*", ""));
    } catch (IOException e) {
      throw new ConfigException("invalid config: " + e.getMessage());
    }
  }

  private static String path(JsonMappingException e, String leaf) {
    String joined = e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."));
    if (leaf != null && !joined.endsWith(leaf)) {
      joined = joined.isEmpty() ? leaf : joined + "." + leaf;
    }
    return joined.replace(".[", "[");
  }
}
