package io.pma.adapter.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.adapter.ActionException;
import io.pma.adapter.Adapter;
import io.pma.adapter.AdapterLoop;
import io.pma.adapter.AdapterStatusReporter;
import io.pma.adapter.EntityAction;
import io.pma.bus.Broker;
import io.pma.domain.AdapterStatus;
import io.pma.domain.Entity;
import io.pma.domain.EntityId;
import io.pma.domain.EntityUpdate;
import io.pma.domain.SyncStatus;
import io.pma.registry.ChangeKind;
import io.pma.registry.EntityRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The demo devices as an adapter. Device readings live on its {@link AdapterLoop} (the
 * {@link Adapter} threading contract): actions and syncs hop onto it, the drift timer fires on it.
 */
public final class DemoAdapter implements Adapter {
  public static final String ID = "demo";
  private static final EntityId MOTION = EntityId.parse("binary_sensor.hallway_motion");

  private final Vertx vertx;
  private final AdapterLoop loop;
  private final EntityRegistry registry;
  private final Broker broker;
  private final AdapterStatusReporter reporter;
  private final Clock clock;
  private final long tickMs;
  private final Random random = new Random();
  private final Map<EntityId, DemoDevice> devices = new LinkedHashMap<>();
  private long timer = -1;
  private int motionTicks;

  public DemoAdapter(Vertx vertx, EntityRegistry registry, Broker broker, Clock clock,
      long tickMs) {
    this.vertx = vertx;
    this.loop = AdapterLoop.create(vertx);
    this.registry = registry;
    this.broker = broker;
    this.clock = clock;
    this.tickMs = tickMs;
    this.reporter = new AdapterStatusReporter(ID, "demo", "Demo devices", broker, registry, clock);
    DemoHome.devices().forEach(d -> devices.put(d.id(), d));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String type() {
    return "demo";
  }

  @Override
  public Future<Void> start() {
    return loop.call(() -> {
      reporter.connecting(0);
      resumeStoredReadings();
      syncHere();
      reporter.connected();
      timer = vertx.setPeriodic(tickMs, t -> tick());
      return Future.succeededFuture();
    });
  }

  /**
   * The virtual devices continue from the readings PMA stored before a restart, as real devices
   * would still be where they were left.
   */
  private void resumeStoredReadings() {
    for (DemoDevice device : devices.values().toArray(DemoDevice[]::new)) {
      registry.get(device.id()).filter(e -> ID.equals(e.adapterId()))
          .ifPresent(e -> devices.put(device.id(), device.with(e.state(), e.attributes())));
    }
  }

  @Override
  public Future<Void> stop() {
    return loop.call(() -> {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
      reporter.disconnected("stopped");
      return Future.succeededFuture();
    });
  }

  @Override
  public AdapterStatus status() {
    return reporter.status();
  }

  @Override
  public Future<Void> execute(EntityAction action) {
    return loop.call(() -> {
      DemoDevice device = devices.get(action.entity().entityId());
      if (device == null) {
        throw ActionException.unsupported(action.entity().entityId().toString(),
            action.action());
      }
      report(DemoActions.apply(device, action.action(), action.parameters()));
      return Future.succeededFuture();
    });
  }

  @Override
  public Future<SyncStatus> sync() {
    return loop.call(() -> Future.succeededFuture(syncHere()));
  }

  private SyncStatus syncHere() {
    Instant started = now();
    broker.publish(new SyncStatus(ID, "demo", SyncStatus.SYNCING, started, null, null,
        devices.size(), 0, 0, 0, null));
    int added = 0;
    int updated = 0;
    for (DemoDevice device : devices.values()) {
      ChangeKind kind = report(device);
      added += kind == ChangeKind.ADDED ? 1 : 0;
      updated += kind == ChangeKind.CHANGED ? 1 : 0;
    }
    int removed = 0;
    for (Entity stale : registry.all()) {
      if (ID.equals(stale.adapterId()) && !devices.containsKey(stale.entityId())) {
        removed += registry.remove(stale.entityId(), "demo") ? 1 : 0;
      }
    }
    Instant finished = now();
    SyncStatus done = new SyncStatus(ID, "demo", SyncStatus.COMPLETED, started, finished,
        Duration.between(started, finished).toMillis(), devices.size(), added, updated, removed,
        null);
    broker.publish(done);
    return done;
  }

  /** One step of the simulated world: sensors drift, the motion sensor fires and clears. */
  void tick() {
    for (DemoDevice device : devices.values().toArray(DemoDevice[]::new)) {
      if ("sensor".equals(device.domain())) {
        report(drift(device));
      }
    }
    DemoDevice motion = devices.get(MOTION);
    if ("on".equals(motion.state()) && ++motionTicks >= 2) {
      report(motion.with("off", motion.attributes()));
    } else if ("off".equals(motion.state()) && random.nextDouble() < 0.15) {
      motionTicks = 0;
      report(motion.with("on", motion.attributes()));
    }
    reporter.eventReceived();
  }

  private DemoDevice drift(DemoDevice sensor) {
    double value = Double.parseDouble(sensor.state());
    double step = Math.max(Math.abs(value) * 0.01, 0.1) * (random.nextDouble() * 2 - 1);
    boolean integer = sensor.state().indexOf('.') < 0;
    double next = Math.max(0, value + step);
    String text = integer ? Long.toString(Math.round(next))
        : String.format(Locale.ROOT, "%.1f", next);
    return sensor.with(text, sensor.attributes());
  }

  private ChangeKind report(DemoDevice device) {
    devices.put(device.id(), device);
    return registry.apply(new EntityUpdate(device.id(), device.state(),
        (ObjectNode) device.attributes(), "demo", ID, device.name(), device.area(), true));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
