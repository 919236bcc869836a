package io.pma.registry;

import io.pma.bus.MemoryBroker;
import io.pma.domain.PmaEvent;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Per test, as a JUnit extension: an entity registry without a server (a memory broker whose
 * events are recorded, a write-behind into a {@link RecordingStore}); the write-behind is closed
 * after the test, after the class's own {@code @AfterEach}. Register it as
 * {@code @RegisterExtension final RegistryRig rig = new RegistryRig()}.
 */
public final class RegistryRig implements BeforeEachCallback, AfterEachCallback {
  private final List<PmaEvent> events = new CopyOnWriteArrayList<>();
  private MemoryBroker broker;
  private WriteBehind writeBehind;
  private EntityRegistry registry;

  @Override
  public void beforeEach(ExtensionContext context) {
    events.clear();
    broker = new MemoryBroker(Clock.systemUTC());
    broker.subscribe(p -> events.add(p.event()));
    writeBehind = new WriteBehind(new RecordingStore(), 1000);
    registry = new EntityRegistry(broker, Clock.systemUTC(), writeBehind);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    writeBehind.close();
  }

  public MemoryBroker broker() {
    return broker;
  }

  public EntityRegistry registry() {
    return registry;
  }

  /** Every event published on the broker since the test began, in order. */
  public List<PmaEvent> events() {
    return events;
  }
}
