package io.pma.history;

import io.pma.domain.Context;

/**
 * An automation run started: its context, its rule's name and the entity whose change triggered
 * it (null for time triggers), kept so that the logbook can name the rule behind its effects.
 */
record RecordedRun(Context context, String automation, String triggerEntity)
    implements Recorded {}
