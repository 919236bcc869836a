package io.pma.adapter;

import io.pma.bus.Broker;
import io.pma.domain.AdapterState;
import io.pma.domain.AdapterStatus;
import io.pma.registry.EntityRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Keeps one adapter's status and publishes {@code pma_adapter_status} on every transition.
 * Thread-safe; adapters call it from whatever thread they run on.
 */
public final class AdapterStatusReporter {
  private final String adapterId;
  private final String adapterType;
  private final String name;
  private final Broker broker;
  private final EntityRegistry registry;
  private final Clock clock;
  private AdapterState state = AdapterState.DISCONNECTED;
  private String lastError;
  private Instant connectedSince;
  private volatile Instant lastEventAt;
  private int reconnectAttempts;

  public AdapterStatusReporter(String adapterId, String adapterType, String name, Broker broker,
      EntityRegistry registry, Clock clock) {
    this.adapterId = adapterId;
    this.adapterType = adapterType;
    this.name = name;
    this.broker = broker;
    this.registry = registry;
    this.clock = clock;
  }

  public void connecting(int attempt) {
    synchronized (this) {
      reconnectAttempts = attempt;
      state = AdapterState.CONNECTING;
    }
    publish();
  }

  public void connected() {
    synchronized (this) {
      state = AdapterState.CONNECTED;
      connectedSince = now();
      lastError = null;
      reconnectAttempts = 0;
    }
    publish();
  }

  public void disconnected(String reason) {
    transition(AdapterState.DISCONNECTED, reason);
  }

  public void error(String error) {
    transition(AdapterState.ERROR, error);
  }

  public void disabled() {
    transition(AdapterState.DISABLED, null);
  }

  /** Notes that the external system sent something; cheap, publishes nothing. */
  public void eventReceived() {
    lastEventAt = now();
  }

  private void transition(AdapterState next, String error) {
    synchronized (this) {
      state = next;
      connectedSince = null;
      if (error != null) {
        lastError = error;
      }
    }
    publish();
  }

  private void publish() {
    broker.publish(status());
  }

  public synchronized AdapterStatus status() {
    return new AdapterStatus(adapterId, adapterType, name, state,
        state == AdapterState.CONNECTED, (int) registry.countByAdapter(adapterId), lastError,
        connectedSince, lastEventAt, reconnectAttempts);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
