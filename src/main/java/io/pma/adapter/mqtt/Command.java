package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The messages that carry out one action, in order, and the state they should lead to. The
 * assumed state is applied only for entities whose config says {@code optimistic: true}; all
 * others wait for the device to report.
 */
record Command(List<Publication> publications, String assumedState, ObjectNode assumedAttributes) {

  static Command of(Publication publication, String assumedState) {
    return new Command(List.of(publication), assumedState, null);
  }
}
