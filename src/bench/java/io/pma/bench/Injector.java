package io.pma.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;

/**
 * Injects entity changes through {@code PUT /api/v1/entities/{id}/state} on a few keep-alive
 * connections with pipelining, paced open-loop: every millisecond it sends what the target rate
 * says is due, as far as each connection's in-flight cap allows. Each body carries
 * {@code attributes.t = System.nanoTime()} taken when the request is written. Everything runs on
 * one event loop, so its counters need no locking.
 */
final class Injector {
  /** What one paced phase achieved. */
  record Phase(long sent, long answered, long errors, double seconds, String firstError,
      Histogram roundTripMicros) {
    double rate() {
      return sent / seconds;
    }
  }

  private final EventLoop loop;
  private final Endpoint endpoint;
  private final int maxInFlight;
  private final List<Connection> connections = new ArrayList<>();
  private int nextConnection;
  private long answered;
  private long errors;
  private String firstError;
  /** Each PUT's round trip, from its write to the end of its answer (pipelined, so queueing too). */
  private Histogram roundTrips = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);

  Injector(EventLoop loop, Endpoint endpoint, int maxInFlight) {
    this.loop = loop;
    this.endpoint = endpoint;
    this.maxInFlight = maxInFlight;
  }

  void open(int count) throws InterruptedException {
    Bootstrap bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true);
    for (int i = 0; i < count; i++) {
      Connection connection = new Connection();
      Channel channel = bootstrap.clone().handler(connection)
          .connect(endpoint.host(), endpoint.port()).sync().channel();
      channel.pipeline().addFirst(new HttpResponseDecoder());
      connection.channel = channel;
      connections.add(connection);
    }
  }

  /**
   * Sends at {@code rate} per second for {@code seconds} or until {@code maxCount} were sent,
   * then waits (at most 10 s) for the answers. {@code entity} names the entity of the n-th change.
   */
  CompletableFuture<Phase> run(double rate, double seconds, long maxCount,
      LongFunction<String> entity) {
    CompletableFuture<Phase> done = new CompletableFuture<>();
    loop.execute(() -> new Pacer(rate, seconds, maxCount, entity, done).start());
    return done;
  }

  void close() {
    connections.forEach(c -> c.channel.close());
  }

  private final class Pacer {
    private final double rate;
    private final long durationNanos;
    private final long maxCount;
    private final LongFunction<String> entity;
    private final CompletableFuture<Phase> done;
    private long start;
    private long sent;
    private long answeredAtStart;
    private long errorsAtStart;
    private ScheduledFuture<?> ticker;

    Pacer(double rate, double seconds, long maxCount, LongFunction<String> entity,
        CompletableFuture<Phase> done) {
      this.rate = rate;
      this.durationNanos = (long) (seconds * 1e9);
      this.maxCount = maxCount;
      this.entity = entity;
      this.done = done;
    }

    void start() {
      start = System.nanoTime();
      answeredAtStart = answered;
      errorsAtStart = errors;
      roundTrips = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
      ticker = loop.scheduleAtFixedRate(this::tick, 0, 1, TimeUnit.MILLISECONDS);
    }

    private void tick() {
      long elapsed = System.nanoTime() - start;
      if (elapsed >= durationNanos || sent >= maxCount) {
        ticker.cancel(false);
        awaitAnswers(System.nanoTime() + TimeUnit.SECONDS.toNanos(10), elapsed);
        return;
      }
      long due = Math.min(maxCount, (long) (elapsed / 1e9 * rate) + 1) - sent;
      for (long i = 0; i < due && send(entity.apply(sent)); i++) {
        sent++;
      }
      connections.forEach(c -> c.channel.flush());
    }

    private void awaitAnswers(long deadline, long elapsed) {
      if (answered - answeredAtStart >= sent || System.nanoTime() > deadline) {
        done.complete(new Phase(sent, answered - answeredAtStart, errors - errorsAtStart,
            Math.min(elapsed, durationNanos) / 1e9, firstError, roundTrips));
        return;
      }
      loop.schedule(() -> awaitAnswers(deadline, elapsed), 5, TimeUnit.MILLISECONDS);
    }
  }

  /** Writes one request on the next connection with room; false when all are at their cap. */
  private boolean send(String entityId) {
    for (int tried = 0; tried < connections.size(); tried++) {
      Connection connection = connections.get(nextConnection);
      nextConnection = (nextConnection + 1) % connections.size();
      if (connection.inFlight < maxInFlight) {
        connection.inFlight++;
        connection.sentAt.addLast(System.nanoTime());
        connection.channel.write(request(connection.channel, entityId), connection.channel
            .voidPromise());
        return true;
      }
    }
    return false;
  }

  private ByteBuf request(Channel channel, String entityId) {
    String body = "{\"state\":\"on\",\"attributes\":{\"t\":" + System.nanoTime()
        + ",\"unit\":\"W\"}}";
    String head = "PUT /api/v1/entities/" + entityId + "/state HTTP/1.1\r\nHost: "
        + endpoint.host() + "\r\nAuthorization: Bearer " + endpoint.token()
        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n";
    ByteBuf buf = channel.alloc().buffer(head.length() + body.length());
    buf.writeCharSequence(head, StandardCharsets.US_ASCII);
    buf.writeCharSequence(body, StandardCharsets.US_ASCII);
    return buf;
  }

  /** One keep-alive connection: counts answers and failures. */
  private final class Connection extends SimpleChannelInboundHandler<HttpObject> {
    Channel channel;
    int inFlight;
    final java.util.ArrayDeque<Long> sentAt = new java.util.ArrayDeque<>();
    private int status;

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
      if (message instanceof HttpResponse response) {
        status = response.status().code();
      }
      if (message instanceof LastHttpContent) {
        inFlight--;
        answered++;
        Long sent = sentAt.pollFirst(); // HTTP/1.1 answers pipelined requests in order
        if (sent != null) {
          roundTrips.recordValue(Math.min(roundTrips.getHighestTrackableValue(),
              (System.nanoTime() - sent) / 1000));
        }
        if (status >= 300) {
          errors++;
          if (firstError == null) {
            firstError = "HTTP " + status;
          }
        }
      }
    }
  }
}
