package io.pma.bus;

import io.pma.domain.Context;
import io.pma.domain.PmaEvent;
import java.time.Instant;

/**
 * An event as the broker delivered it: with its cluster-wide sequence number, its context (why it
 * happened, the same on every node) and its publish time.
 */
public record Published(long seq, PmaEvent event, Context context, Instant publishedAt,
    long publishedNanos) {}
