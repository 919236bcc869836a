package io.pma.adapter.homeassistant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Home Assistant service call on one entity: {@code domain.service} with its service data. */
record ServiceCall(String domain, String service, String entityId, ObjectNode serviceData) {
  @Override
  public String toString() {
    return domain + "." + service + " on " + entityId;
  }
}
