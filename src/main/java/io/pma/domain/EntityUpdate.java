package io.pma.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What an owner (adapter or the REST API) reports about one entity. Null {@code name}/{@code area}
 * keep the registry's current value; {@code attributes} replace the current ones (as Home Assistant
 * does).
 */
public record EntityUpdate(
    EntityId entityId,
    String state,
    ObjectNode attributes,
    String source,
    String adapterId,
    String name,
    String area,
    boolean available) {

  public static EntityUpdate of(EntityId id, String state, ObjectNode attributes, String source,
      String adapterId) {
    return new EntityUpdate(id, state, attributes, source, adapterId, null, null, true);
  }
}
