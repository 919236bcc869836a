package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings a discovery config into its long form: abbreviated keys ({@code stat_t}, {@code cmd_t},
 * {@code dev.ids}...) are expanded (table in {@code /mqtt/abbreviations.txt}) and the {@code ~}
 * base topic is substituted into every {@code *_topic} value that starts or ends with it.
 */
final class DiscoveryPayload {
  private static final String BASE = "~";
  private static final Map<String, String> ENTITY = new HashMap<>();
  private static final Map<String, String> DEVICE = new HashMap<>();
  private static final Map<String, String> ORIGIN = new HashMap<>();

  static {
    load();
  }

  private DiscoveryPayload() {}

  /** Expands {@code config} in place and returns it. */
  static ObjectNode normalize(ObjectNode config) {
    expand(config, ENTITY);
    if (config.get("device") instanceof ObjectNode device) {
      expand(device, DEVICE);
    }
    if (config.get("origin") instanceof ObjectNode origin) {
      expand(origin, ORIGIN);
    }
    for (ObjectNode availability : availabilityEntries(config)) {
      expand(availability, ENTITY);
    }
    JsonNode base = config.remove(BASE);
    if (base != null && base.isTextual()) {
      substituteBase(config, base.textValue());
    }
    return config;
  }

  private static void substituteBase(ObjectNode config, String base) {
    List<String> keys = new java.util.ArrayList<>();
    config.fieldNames().forEachRemaining(keys::add);
    for (String key : keys) {
      if (key.endsWith("topic") && config.get(key).isTextual()) {
        config.put(key, withBase(config.get(key).textValue(), base));
      }
    }
    for (ObjectNode availability : availabilityEntries(config)) {
      if (availability.path("topic").isTextual()) {
        availability.put("topic", withBase(availability.get("topic").textValue(), base));
      }
    }
  }

  private static String withBase(String topic, String base) {
    if (topic.startsWith(BASE)) {
      return base + topic.substring(1);
    }
    if (topic.endsWith(BASE)) {
      return topic.substring(0, topic.length() - 1) + base;
    }
    return topic;
  }

  private static List<ObjectNode> availabilityEntries(ObjectNode config) {
    JsonNode availability = config.get("availability");
    List<ObjectNode> entries = new java.util.ArrayList<>();
    if (availability instanceof ObjectNode single) {
      entries.add(single);
    } else if (availability != null && availability.isArray()) {
      availability.forEach(entry -> {
        if (entry instanceof ObjectNode object) {
          entries.add(object);
        }
      });
    }
    return entries;
  }

  private static void expand(ObjectNode node, Map<String, String> table) {
    List<String> keys = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    for (String key : keys) {
      String full = table.get(key);
      if (full != null && !full.equals(key) && !node.has(full)) {
        node.set(full, node.remove(key));
      }
    }
  }

  private static void load() {
    try (InputStream in = DiscoveryPayload.class.getResourceAsStream("/mqtt/abbreviations.txt");
        BufferedReader reader = new BufferedReader(
            new InputStreamReader(in, StandardCharsets.UTF_8))) {
      Map<String, String> section = ENTITY;
      String line;
      while ((line = reader.readLine()) != null) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("[")) {
          section = line.equals("[device]") ? DEVICE : line.equals("[origin]") ? ORIGIN : ENTITY;
          continue;
        }
        int eq = line.indexOf('=');
        section.put(line.substring(0, eq), line.substring(eq + 1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("built-in MQTT abbreviation table unreadable", e);
    }
  }
}
