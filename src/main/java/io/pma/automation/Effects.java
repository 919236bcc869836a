package io.pma.automation;

import io.pma.adapter.AdapterManager;
import io.pma.bus.Broker;
import io.pma.registry.EntityRegistry;

/**
 * The parts of PMA the engine watches and acts on: the registry (entities, and the snapshot the
 * engine starts from), the adapters (entity actions), the broker (events in and out) and where
 * notifications go.
 */
public record Effects(EntityRegistry registry, AdapterManager adapters, Broker broker,
    Notifier notifier) {}
