package io.pma.registry;

import io.pma.domain.Entity;
import java.util.List;

/**
 * Entities read in one atomic step with the seq of the last entity event they reflect: every later
 * entity event has a greater seq.
 */
public record Snapshot(List<Entity> entities, long seq) {}
