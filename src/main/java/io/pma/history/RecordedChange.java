package io.pma.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.Context;
import io.pma.domain.EntityId;

/**
 * One entity change as the recorder keeps it until its batch is written: the new state when the
 * state changed (null for an attribute-only change), the attribute set in force afterwards, and
 * the context that caused it (PROTOCOL.md section 9; null only for a publisher that gave none).
 */
record RecordedChange(EntityId entityId, long ts, String state, ObjectNode attributes,
    Context context) implements Recorded {}
