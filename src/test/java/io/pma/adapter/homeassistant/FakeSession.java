package io.pma.adapter.homeassistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.Json;
import io.vertx.core.http.ServerWebSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One client connection of the fake: its auth state, last command id and event subscriptions.
 * Fields are touched only under the fake server's lock.
 */
final class FakeSession {
  private static final String ALL = "*";
  private final FakeHomeAssistant ha;
  private final ServerWebSocket socket;
  private final Map<Integer, String> subscriptions = new LinkedHashMap<>();
  private boolean authenticated;
  private boolean admin;
  private boolean closed;
  private int lastId;

  FakeSession(FakeHomeAssistant ha, ServerWebSocket socket) {
    this.ha = ha;
    this.socket = socket;
    socket.textMessageHandler(this::onText);
    // Binary frames are only for HA's binary handlers, which PMA never registers: disconnect.
    socket.binaryMessageHandler(b -> close());
    socket.closeHandler(v -> ha.onClosed(this));
  }

  private void onText(String text) {
    JsonNode message = FakeHomeAssistant.parse(text);
    if (message == null) {
      close(); // HA: "Received invalid JSON." ends the connection
      return;
    }
    if (!authenticatedUnderLock()) {
      ha.onAuth(this, message);
    } else if (message.isArray()) {
      message.forEach(m -> ha.onCommand(this, m));
    } else {
      ha.onCommand(this, message);
    }
  }

  private boolean authenticatedUnderLock() {
    synchronized (ha) {
      return authenticated;
    }
  }

  boolean authenticated() {
    return authenticated && !closed;
  }

  void authenticate(boolean asAdmin) {
    authenticated = true;
    admin = asAdmin;
  }

  boolean admin() {
    return admin;
  }

  int lastId() {
    return lastId;
  }

  void lastId(int id) {
    lastId = id;
  }

  void subscribe(int id, String eventType) {
    subscriptions.put(id, eventType == null ? ALL : eventType);
  }

  boolean unsubscribe(int id) {
    return subscriptions.remove(id) != null;
  }

  /** Sends {@code event} once per subscription that matches its type, as HA does. */
  void deliver(String eventType, ObjectNode event) {
    if (!authenticated) {
      return;
    }
    subscriptions.forEach((id, type) -> {
      if (ALL.equals(type) || type.equals(eventType)) {
        ObjectNode message = Json.object();
        message.put("id", id);
        message.put("type", "event");
        message.set("event", event);
        send(message);
      }
    });
  }

  void send(ObjectNode message) {
    if ("result".equals(message.path("type").asText()) && !message.path("success").asBoolean()) {
      ha.recordError(message);
    }
    if (!closed) {
      socket.writeTextMessage(Json.write(message));
    }
  }

  void close() {
    if (!closed) {
      closed = true;
      socket.close();
    }
  }
}
