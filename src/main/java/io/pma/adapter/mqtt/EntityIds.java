package io.pma.adapter.mqtt;

import io.pma.domain.EntityId;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Derives entity ids in Home Assistant's form {@code <component>.<object_id>}: from
 * {@code default_entity_id}, else {@code object_id}, else the friendly name, else
 * {@code unique_id}, else the discovery topic's node and object id, each slugified.
 */
final class EntityIds {
  private EntityIds() {}

  static EntityId derive(String domain, DiscoveryTopic topic, EntityConfig config) {
    String fromDefault = fromDefaultEntityId(domain, config.defaultEntityId());
    for (String candidate : new String[] {fromDefault, config.objectId(), config.name(),
        config.uniqueId(), topic.discoveryId()}) {
      String slug = slugify(candidate);
      if (slug != null) {
        return new EntityId(domain, slug);
      }
    }
    return new EntityId(domain, domain);
  }

  private static String fromDefaultEntityId(String domain, String defaultEntityId) {
    if (defaultEntityId == null) {
      return null;
    }
    int dot = defaultEntityId.indexOf('.');
    if (dot < 0) {
      return defaultEntityId;
    }
    return defaultEntityId.substring(0, dot).equals(domain) ? defaultEntityId.substring(dot + 1)
        : null;
  }

  /**
   * Home Assistant's slugify: accents dropped, lower-case, every run of other characters becomes
   * one '_', no '_' at either end. Null when nothing is left.
   */
  static String slugify(String text) {
    if (text == null) {
      return null;
    }
    String plain = Normalizer.normalize(text, Normalizer.Form.NFKD)
        .replaceAll("\\p{M}", "")
        .replace("ß", "ss")
        .toLowerCase(Locale.ROOT);
    String slug = plain.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    return slug.isEmpty() ? null : slug;
  }
}
