package io.pma.automation;

/**
 * The run whose action produced an event, and how many runs deep that chain already is. Used to
 * bound loops: a run started by an event of a run at depth d has depth d + 1 ({@link RunLineage}).
 */
record Cause(String executionId, String automationId, int depth) {}
