package io.pma.bus;

import io.pma.domain.PmaEvent;
import java.time.Instant;

/** An event as the broker delivered it: with its cluster-wide sequence number and publish time. */
public record Published(long seq, PmaEvent event, Instant publishedAt, long publishedNanos) {}
