package io.pma.adapter.homeassistant;

import io.pma.Await;
import io.pma.bus.MemoryBroker;
import io.pma.bus.Published;
import io.pma.config.HomeAssistantConfig;
import io.pma.domain.AdapterState;
import io.pma.domain.AdapterStatus;
import io.pma.domain.Entity;
import io.pma.domain.EntityId;
import io.pma.domain.PmaEvent;
import io.pma.domain.SyncStatus;
import io.pma.registry.EntityRegistry;
import io.pma.registry.WriteBehind;
import io.pma.store.sqlite.SqliteDatabase;
import io.pma.store.sql.SqlEntityStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * A real registry (SQLite behind it), broker and adapter against a {@link FakeHomeAssistant}, with
 * every published event recorded. Timings are short so reconnects happen within a test.
 */
final class HaTestRig implements AutoCloseable {
  static final String TOKEN = "fake-long-lived-token";
  static final String ADAPTER_ID = "ha_test";

  final Vertx vertx = Vertx.vertx();
  final FakeHomeAssistant ha = FakeHomeAssistant.start(vertx, TOKEN);
  final MemoryBroker broker = new MemoryBroker(Clock.systemUTC());
  final List<Published> published = new CopyOnWriteArrayList<>();
  private final SqliteDatabase database;
  private final WriteBehind writeBehind;
  final EntityRegistry registry;
  private HomeAssistantAdapter adapter;

  HaTestRig() {
    try {
      Path dir = Files.createTempDirectory("pma-ha-test");
      database = new SqliteDatabase(dir.resolve("pma.db"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    writeBehind = new WriteBehind(new SqlEntityStore(database), 50);
    registry = new EntityRegistry(broker, Clock.systemUTC(), writeBehind);
    broker.subscribe(published::add);
  }

  /** Fast timings: 3 s calls (a cold JVM on a busy machine needs them), 50..400 ms reconnects, 300 ms auth retry. */
  HomeAssistantConfig config(String token, List<String> eventTypes) {
    return new HomeAssistantConfig(ADAPTER_ID, null, ha.url(), token, null, eventTypes, 3_000,
        30_000, 50, 400, 300, null);
  }

  HomeAssistantAdapter start() {
    return start(c -> c);
  }

  HomeAssistantAdapter start(UnaryOperator<HomeAssistantConfig> tweak) {
    adapter = new HomeAssistantAdapter(tweak.apply(config(TOKEN, null)), vertx, broker, registry,
        Clock.systemUTC());
    adapter.start();
    return adapter;
  }

  /** Starts and waits for the first sync to complete. */
  HomeAssistantAdapter startSynced() {
    HomeAssistantAdapter started = start();
    awaitSyncs(1);
    return started;
  }

  AdapterStatus adapterStatus() {
    return adapter.status();
  }

  Optional<Entity> entity(String id) {
    return registry.get(EntityId.parse(id));
  }

  <T extends PmaEvent> List<T> events(Class<T> type) {
    return published.stream().map(Published::event).filter(type::isInstance).map(type::cast)
        .toList();
  }

  List<AdapterState> statusTrail() {
    return events(AdapterStatus.class).stream().map(AdapterStatus::status).toList();
  }

  List<SyncStatus> finishedSyncs() {
    return events(SyncStatus.class).stream()
        .filter(s -> !SyncStatus.SYNCING.equals(s.status())).toList();
  }

  void awaitSyncs(int count) {
    Await.until("sync #" + count + " to finish", () -> finishedSyncs().size() >= count);
  }


  /** The future's value, or its failure as the thrown ExecutionException's cause. */
  static <T> T join(Future<T> future) throws ExecutionException {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("no completion within 10 s", e);
    }
  }

  static Duration seconds(long n) {
    return Duration.ofSeconds(n);
  }

  @Override
  public void close() {
    if (adapter != null) {
      try {
        join(adapter.stop());
      } catch (ExecutionException e) {
        throw new AssertionError(e);
      }
    }
    ha.close();
    writeBehind.close();
    database.close();
    vertx.close();
  }
}
