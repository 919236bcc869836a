package io.pma.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one shard contributes to the stats; built on the shard's loop. */
record ShardReport(Map<String, Long> byTopic, List<WebsocketStats.Client> clients) {

  static ShardReport of(HubShard shard, boolean withClients) {
    Map<String, Long> byTopic = new TreeMap<>();
    List<WebsocketStats.Client> clients = new ArrayList<>();
    for (Session session : shard.sessions()) {
      if (session.isClosed()) {
        continue; // closing: no longer subscribed, gone once its channel is
      }
      for (String topic : session.topics()) {
        byTopic.merge(topic, 1L, Long::sum);
      }
      if (withClients) {
        clients.add(new WebsocketStats.Client(session.clientId(),
            session.principal() == null ? null : session.principal().userId(),
            session.remoteAddress(), session.connectedAt(), List.copyOf(session.topics()),
            session.queueDepth(), session.messagesSent()));
      }
    }
    return new ShardReport(byTopic, clients);
  }
}
