package io.pma.bench;

import java.util.List;

/**
 * What one subscriber does: its topics, whether it offers permessage-deflate, measures latency
 * (probe) or stops reading after subscribing (stall).
 */
record ClientSpec(int index, List<String> topics, boolean deflate, boolean probe, boolean stall) {
  String subscribeMessage() {
    StringBuilder json = new StringBuilder("{\"type\":\"subscribe\",\"request_id\":\"s")
        .append(index).append("\",\"data\":{\"topics\":[");
    for (int i = 0; i < topics.size(); i++) {
      json.append(i == 0 ? "\"" : ",\"").append(topics.get(i)).append('"');
    }
    return json.append("]}}").toString();
  }
}
