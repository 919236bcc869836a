package io.pma.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The few plain REST calls around a run: log in, take a long-lived token, read the WebSocket
 * statistics. Used from the runner's thread only.
 */
final class ServerApi {
  /** The part of {@code GET /api/v1/websocket/stats?clients=true} a run reports. */
  record Stats(long connected, long messagesSent, long bytesSent, long coalesced, long dropped,
      long slowConsumerDisconnects, long queueDepthMax, long queueDepthTotal) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private String token;

  ServerApi(String host, int port) {
    this.base = "http://" + host + ":" + port;
  }

  /** Logs in as {@code username} and replaces the session token by a long-lived one. */
  String longLivedToken(String username, String password) throws IOException, InterruptedException {
    ObjectMapper m = JSON;
    String login = m.createObjectNode().put("username", username).put("password", password)
        .toString();
    token = call("POST", "/api/v1/auth/login", login).get("token").asText();
    String request = m.createObjectNode().put("name", "bench-" + System.currentTimeMillis())
        .put("expires_in_days", 1).toString();
    token = call("POST", "/api/v1/auth/tokens", request).get("token").asText();
    return token;
  }

  Stats stats() throws IOException, InterruptedException {
    JsonNode s = call("GET", "/api/v1/websocket/stats?clients=true", null);
    long max = 0;
    long total = 0;
    for (JsonNode client : s.path("clients")) {
      long depth = client.path("queue_depth").asLong();
      max = Math.max(max, depth);
      total += depth;
    }
    return new Stats(s.path("connected_clients").asLong(), s.path("messages_sent").asLong(),
        s.path("bytes_sent").asLong(), s.path("messages_coalesced").asLong(),
        s.path("messages_dropped").asLong(), s.path("slow_consumer_disconnects").asLong(), max,
        total);
  }

  private JsonNode call(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(90))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response = http.send(request.build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IOException(method + " " + path + ": HTTP " + response.statusCode() + " "
          + response.body());
    }
    return JSON.readTree(response.body());
  }
}
