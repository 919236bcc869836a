package io.pma.hub;

import io.netty.buffer.ByteBuf;
import io.pma.bench.Microbenchmark;
import io.pma.domain.Context;
import io.pma.domain.EntityStateChanged;
import io.pma.domain.Json;
import io.pma.protocol.ServerMessages;
import io.pma.transport.BenchTransport;
import java.time.Instant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * The once-per-event work of the fan-out for a ~300-byte state change: the {@code data} JSON,
 * the envelope around it, the pre-framed direct buffer, and its permessage-deflate form.
 */
public class EncodingBenchmark extends Microbenchmark {
  private final FrameFactory frames = BenchTransport.frames();
  private EntityStateChanged change;
  private byte[] data;
  private byte[] message;
  private String timestamp;
  private byte[] context;

  @Setup
  public void setUp() {
    change = BenchHub.change("sensor.bench_123", 1234567890123L);
    timestamp = Json.formatInstant(Instant.now());
    data = ServerMessages.eventData(change, true);
    context = ServerMessages.context(Context.fresh());
    message = ServerMessages.event(change.type(), timestamp, "entity_updates", 42, context, data);
  }

  @Benchmark
  public byte[] eventData() {
    return ServerMessages.eventData(change, true);
  }

  @Benchmark
  public byte[] eventDataWithoutAttributes() {
    return ServerMessages.eventData(change, false);
  }

  @Benchmark
  public byte[] envelope() {
    return ServerMessages.event(change.type(), timestamp, "entity_updates", 42, context, data);
  }

  @Benchmark
  public int frame() {
    Frame frame = frames.text(message);
    int size = frame.size();
    frame.release();
    return size;
  }

  @Benchmark
  public int frameAndDeflate() {
    Frame frame = frames.text(message);
    ByteBuf deflated = BenchTransport.deflated(frame);
    int size = deflated.readableBytes();
    deflated.release();
    frame.release();
    return size;
  }
}
