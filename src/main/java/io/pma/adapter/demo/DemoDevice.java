package io.pma.adapter.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.EntityId;

/** One virtual device's current reading: what the demo "hardware" reports. Immutable. */
record DemoDevice(EntityId id, String name, String area, String state, ObjectNode attributes) {
  DemoDevice with(String newState, ObjectNode newAttributes) {
    return new DemoDevice(id, name, area, newState, newAttributes);
  }

  String domain() {
    return id.domain();
  }
}
