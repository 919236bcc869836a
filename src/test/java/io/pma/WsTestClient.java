package io.pma;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.domain.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real /ws client on the JDK's WebSocket implementation, for tests outside the hub's own: sends
 * protocol messages and hands out what the server sends, in order, awaiting with a timeout.
 */
public final class WsTestClient implements AutoCloseable {
  private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
  private final List<JsonNode> skipped = new ArrayList<>();
  private final WebSocket socket;

  private WsTestClient(String url) {
    try {
      socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .buildAsync(URI.create(url), new Collector()).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot connect to " + url, e);
    }
  }

  /** Connects to {@code url} (a /ws address, perhaps with a query) and awaits nothing. */
  public static WsTestClient open(String url) {
    return new WsTestClient(url);
  }

  /** Connects to the server's /ws and takes its {@code welcome}. */
  public static WsTestClient connect(TestServer server) {
    WsTestClient client = new WsTestClient(server.wsUrl());
    client.next("welcome");
    return client;
  }

  /** Authenticates with {@code token} and awaits {@code authentication_success}. */
  public WsTestClient authenticate(String token) {
    send(Json.object().put("type", "authenticate")
        .set("data", Json.object().put("token", token)).toString());
    next("authentication_success");
    return this;
  }

  /** Subscribes to {@code topics} and awaits {@code subscription_success}. */
  public WsTestClient subscribe(String... topics) {
    var data = Json.object();
    var list = data.putArray("topics");
    for (String topic : topics) {
      list.add(topic);
    }
    send(Json.object().put("type", "subscribe").set("data", data).toString());
    next("subscription_success");
    return this;
  }

  public void send(String json) {
    socket.sendText(json, true).join();
  }

  /**
   * The next message of {@code type}; messages of other types stay for later calls (so the order
   * of unrelated messages does not matter). Fails after {@link Await#TIMEOUT}.
   */
  public JsonNode next(String type) {
    return next(type, Await.TIMEOUT);
  }

  public JsonNode next(String type, Duration timeout) {
    for (int i = 0; i < skipped.size(); i++) {
      if (type.equals(skipped.get(i).path("type").asText())) {
        return skipped.remove(i);
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonNode message;
      try {
        message = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      if (message == null) {
        throw new AssertionError("no " + type + " within " + timeout);
      }
      if (type.equals(message.path("type").asText())) {
        return message;
      }
      skipped.add(message);
    }
  }

  @Override
  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
        .exceptionally(e -> null).join();
    socket.abort();
  }

  /** Joins fragments and parses each complete text message. */
  private final class Collector implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          inbox.add(Json.MAPPER.readTree(partial.toString()));
        } catch (IOException e) {
          throw new IllegalStateException("server sent non-JSON: " + partial, e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }
}
