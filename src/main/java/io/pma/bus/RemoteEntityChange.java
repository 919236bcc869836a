package io.pma.bus;

import io.pma.domain.Context;
import io.pma.domain.Entity;
import io.pma.domain.PmaEvent;

/**
 * An entity event published by another node, with the entity as that node's registry holds it
 * after the change ({@code null} when it was removed).
 */
public record RemoteEntityChange(long seq, PmaEvent event, Context context, Entity after) {}
