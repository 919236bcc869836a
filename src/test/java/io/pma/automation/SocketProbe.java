package io.pma.automation;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.domain.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/** A real /ws client on its own Vert.x instance that keeps every message it receives. */
final class SocketProbe implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final WebSocketClient client = vertx.createWebSocketClient();
  private final WebSocket socket;

  SocketProbe(String url) {
    try {
      socket = client.connect(new WebSocketConnectOptions().setAbsoluteURI(url))
          .onSuccess(ws -> ws.textMessageHandler(text -> received.add(parse(text))))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot connect to " + url, e);
    }
  }

  void send(String json) {
    socket.writeTextMessage(json);
  }

  /** The first message of {@code type} matching {@code filter}, waiting at most {@code timeout}. */
  JsonNode await(String type, Predicate<JsonNode> filter, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (JsonNode message : received) {
        if (type.equals(message.path("type").asText()) && filter.test(message)) {
          return message;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + type + " within " + timeout.toMillis() + " ms: "
            + received);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  private static JsonNode parse(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + text, e);
    }
  }

  @Override
  public void close() {
    socket.close();
    vertx.close();
  }
}
