package io.pma.hub;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The body of {@code GET /api/v1/websocket/stats} (API.md); {@code clients} only when asked. */
@JsonPropertyOrder({"connected_clients", "authenticated_clients", "peak_clients",
    "total_connections", "messages_sent", "messages_received", "bytes_sent", "bytes_received",
    "messages_coalesced", "messages_dropped", "slow_consumer_disconnects", "auth_failures",
    "invalid_messages", "subscriptions", "uptime_seconds", "started_at", "clients"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebsocketStats(
    int connectedClients,
    int authenticatedClients,
    int peakClients,
    long totalConnections,
    long messagesSent,
    long messagesReceived,
    long bytesSent,
    long bytesReceived,
    long messagesCoalesced,
    long messagesDropped,
    long slowConsumerDisconnects,
    long authFailures,
    long invalidMessages,
    Subscriptions subscriptions,
    long uptimeSeconds,
    Instant startedAt,
    List<Client> clients) {

  /** Subscription counts over all connections, per canonical topic. */
  @JsonPropertyOrder({"total", "by_topic"})
  public record Subscriptions(long total, Map<String, Long> byTopic) {}

  /** One open connection. */
  @JsonPropertyOrder({"client_id", "user_id", "remote_address", "connected_at", "subscriptions",
      "queue_depth", "messages_sent"})
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Client(String clientId, String userId, String remoteAddress, Instant connectedAt,
      List<String> subscriptions, int queueDepth, long messagesSent) {}
}
