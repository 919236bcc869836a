package io.pma.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The tuned Vert.x ceiling of issue 18: the fastest fan-out a plain Vert.x 5 server does, so that
 * {@code BENCH_SERVER=ceiling bench/run.sh l} measures it with the same generator, JVM flags, core
 * and single event loop as PMA. Each {@code PUT /api/v1/entities/{id}/state} becomes one
 * {@code pma_entity_state_changed} message of PMA's shape and size (envelope, context, data),
 * encoded once into the bytes of a complete server text frame; every subscriber gets a retained
 * duplicate of those bytes, written at Netty's WebSocket frame encoder (as PMA's
 * {@code NettyConnection} does) and flushed once per connection per loop turn.
 *
 * <p>Deliberately left out: the registry (old state = new state, as in the scenarios once the
 * entities exist), storage, permissions and tokens (any password, one fixed token), topics (every
 * {@code subscribe} means all events), outbound queues, coalescing and slow-consumer handling
 * (Netty's outbound buffer only), permessage-deflate, keep-alive pings, resume, snapshots. The
 * replies the generator waits for ({@code welcome}, {@code authentication_success},
 * {@code subscription_success}) are fixed frames. Everything runs on the one event loop.
 */
public final class CeilingServer {
  private static final String TOKEN = "ceiling-token";
  /** Any user id of PMA's form (a UUID): the context carries one for a REST change. */
  private static final String USER_ID = "6a1e2b7c-0d4f-4e8a-9b3c-5f7d1e2a4c6b";
  /** Netty's name for the frame encoder its handshake puts in the pipeline (PMA uses the same). */
  private static final String FRAME_ENCODER = "wsencoder";
  private static final DateTimeFormatter RFC3339_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final ByteBuf AUTHENTICATED = fixedFrame("{\"type\":\"authentication_success\","
      + "\"timestamp\":\"2026-01-01T12:00:00.000Z\",\"data\":{\"user_id\":\"" + USER_ID + "\","
      + "\"username\":\"admin\",\"roles\":[\"admin\"],\"expires_at\":null,"
      + "\"message\":\"Authentication successful\"}}");
  private static final ByteBuf SUBSCRIBED = fixedFrame("{\"type\":\"subscription_success\","
      + "\"timestamp\":\"2026-01-01T12:00:00.000Z\",\"data\":{\"topics\":[\"entity_updates\"],"
      + "\"subscriptions\":[\"notifications\",\"entity_updates\"]}}");
  private static final ByteBuf WELCOME = fixedFrame("{\"type\":\"welcome\","
      + "\"timestamp\":\"2026-01-01T12:00:00.000Z\",\"data\":{\"client_id\":"
      + "\"3f0c8a51-9d2e-4b7a-8c61-2e5f0a9b7d13\",\"server_time\":\"2026-01-01T12:00:00.000Z\","
      + "\"protocol_version\":1,\"authenticated\":false,\"features\":[\"snapshot\"]}}");

  /** Where each subscriber's frames enter its pipeline; touched on the event loop only. */
  private final List<ChannelHandlerContext> subscribers = new ArrayList<>();
  private final List<ChannelHandlerContext> connections = new ArrayList<>();
  private boolean flushPending;
  private long seq;
  private long messagesSent;
  private long bytesSent;

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: CeilingServer HOST PORT");
      System.exit(2);
    }
    // The same transport as PMA's default (native_transport: true), on one event loop.
    Vertx vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(1)
        .setPreferNativeTransport(true)).build();
    CeilingServer ceiling = new CeilingServer();
    vertx.createHttpServer(new HttpServerOptions().setHost(args[0])
            .setPort(Integer.parseInt(args[1])).setTcpNoDelay(true).setReuseAddress(true)
            .setHttp2ClearTextEnabled(false))
        .requestHandler(ceiling::route)
        .webSocketHandshakeHandler(CeilingServer::handshake)
        .webSocketHandler(ceiling::open)
        .listen()
        .onSuccess(s -> System.out.println("ceiling listening on " + args[0] + ":"
            + s.actualPort() + ", native transport " + vertx.isNativeTransportEnabled()))
        .onFailure(e -> {
          e.printStackTrace();
          System.exit(1);
        });
  }

  // ---- REST: only what the generator calls ----

  private void route(HttpServerRequest request) {
    String path = request.path();
    if (request.method() == HttpMethod.PUT && path.startsWith("/api/v1/entities/")
        && path.endsWith("/state")) {
      String entityId = path.substring("/api/v1/entities/".length(), path.length() - 6);
      request.body().onSuccess(body -> {
        publish(entityId, body);
        json(request, 200, "{\"entity_id\":" + Json.encode(entityId) + ",\"status\":\"ok\"}");
      });
    } else if (path.equals("/health/live")) {
      json(request, 200, "{\"status\":\"ok\"}");
    } else if (path.equals("/api/v1/auth/login") || path.equals("/api/v1/auth/tokens")) {
      json(request, 200, "{\"token\":\"" + TOKEN + "\"}");
    } else if (path.equals("/api/v1/websocket/stats")) {
      json(request, 200, stats());
    } else {
      json(request, 404, "{\"error\":\"not in the ceiling server\"}");
    }
  }

  private static void json(HttpServerRequest request, int status, String body) {
    request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(body);
  }

  /** The fields {@code ServerApi.Stats} reads; the ceiling never queues, coalesces or drops. */
  private String stats() {
    return "{\"connected_clients\":" + connections.size() + ",\"messages_sent\":" + messagesSent
        + ",\"bytes_sent\":" + bytesSent + ",\"messages_coalesced\":0,\"messages_dropped\":0,"
        + "\"slow_consumer_disconnects\":0,\"clients\":[]}";
  }

  // ---- WebSocket ----

  private static void handshake(ServerWebSocketHandshake handshake) {
    if ("/ws".equals(handshake.path())) {
      handshake.accept();
    } else {
      handshake.reject(404);
    }
  }

  /** After the 101: the welcome, then a fixed reply per client message the generator sends. */
  private void open(ServerWebSocket socket) {
    ChannelHandlerContext vertxHandler = ((WebSocketInternal) socket).channelHandlerContext();
    ChannelHandlerContext encoder = vertxHandler.pipeline().context(FRAME_ENCODER);
    // Pre-framed bytes enter at the frame encoder: only the handlers nearer the socket see them.
    ChannelHandlerContext frames = encoder != null ? encoder : vertxHandler;
    if (connections.isEmpty()) {
      System.out.println("frames enter at '" + frames.name() + "' of " + frames.pipeline().names());
    }
    connections.add(frames);
    frames.writeAndFlush(WELCOME.duplicate(), frames.voidPromise());
    socket.textMessageHandler(text -> {
      if (text.contains("\"type\":\"authenticate\"")) {
        frames.writeAndFlush(AUTHENTICATED.duplicate(), frames.voidPromise());
      } else if (text.contains("\"type\":\"subscribe\"")) {
        if (!subscribers.contains(frames)) {
          subscribers.add(frames);
        }
        frames.writeAndFlush(SUBSCRIBED.duplicate(), frames.voidPromise());
      }
    });
    socket.closeHandler(v -> {
      connections.remove(frames);
      subscribers.remove(frames);
    });
  }

  // ---- the fan-out ----

  /** Encodes the change once and writes the same frame bytes to every subscriber. */
  private void publish(String entityId, Buffer body) {
    if (subscribers.isEmpty()) {
      return;
    }
    byte[] json = event(entityId, body.toJsonObject()).getBytes(StandardCharsets.UTF_8);
    ByteBuf frame = frame(PooledByteBufAllocator.DEFAULT.directBuffer(json.length + 4), json);
    for (int i = 0; i < subscribers.size(); i++) {
      ChannelHandlerContext subscriber = subscribers.get(i);
      subscriber.write(frame.retainedDuplicate(), subscriber.voidPromise());
    }
    frame.release();
    messagesSent += subscribers.size();
    bytesSent += (long) json.length * subscribers.size();
    flushAfterThisTurn();
  }

  /**
   * One flush per connection for every event of this loop turn: the PUTs the loop reads in one
   * turn (the injector pipelines them) share a flush, as PMA's hub batches do.
   */
  private void flushAfterThisTurn() {
    if (flushPending) {
      return;
    }
    flushPending = true;
    ((ContextInternal) Vertx.currentContext()).nettyEventLoop().execute(() -> {
      flushPending = false;
      for (int i = 0; i < subscribers.size(); i++) {
        subscribers.get(i).flush();
      }
    });
  }

  /**
   * PMA's message for a REST state change, field for field: envelope, the seq, the context of a
   * REST call (a new ULID, no parent, the caller) and the entity's change with its attributes.
   */
  private String event(String entityId, JsonObject change) {
    String now = RFC3339_MILLIS.format(Instant.now());
    String state = Json.encode(change.getValue("state"));
    JsonObject attributes = change.getJsonObject("attributes", new JsonObject());
    return "{\"type\":\"pma_entity_state_changed\",\"timestamp\":\"" + now
        + "\",\"topic\":\"entity_updates\",\"seq\":" + ++seq
        + ",\"context\":{\"id\":\"" + ulid() + "\",\"parent_id\":null,\"user_id\":\"" + USER_ID
        + "\"},\"data\":{\"entity_id\":" + Json.encode(entityId) + ",\"old_state\":" + state
        + ",\"new_state\":" + state + ",\"attributes\":" + attributes.encode()
        + ",\"source\":\"api\",\"last_changed\":\"" + now + "\",\"last_updated\":\"" + now
        + "\"}}";
  }

  /** 26 Crockford base-32 characters, like PMA's context ids (the time part is not needed). */
  private static String ulid() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] id = new char[26];
    for (int i = 0; i < id.length; i++) {
      id[i] = CROCKFORD[random.nextInt(32)];
    }
    return new String(id);
  }

  /** A complete unmasked server text frame (FIN, opcode 1) holding {@code payload}. */
  private static ByteBuf frame(ByteBuf buf, byte[] payload) {
    buf.writeByte(0x81);
    if (payload.length < 126) {
      buf.writeByte(payload.length);
    } else if (payload.length <= 0xFFFF) {
      buf.writeByte(126);
      buf.writeShort(payload.length);
    } else {
      throw new IllegalArgumentException("message of " + payload.length + " bytes");
    }
    return buf.writeBytes(payload);
  }

  /** A frame written as is to every connection that needs it: never released. */
  private static ByteBuf fixedFrame(String json) {
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    return Unpooled.unreleasableBuffer(frame(Unpooled.directBuffer(payload.length + 4), payload));
  }
}
