package io.pma.history;

/** What the recorder keeps until its batch is written: an entity change or an automation run. */
sealed interface Recorded permits RecordedChange, RecordedRun {}
