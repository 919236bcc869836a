package io.pma.history;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One item of an entity's history as {@code GET /api/v1/history} returns it: the state, the
 * attributes in force (null when not asked for), when the state last changed and when the entity
 * last updated (epoch ms), and the id of the context that caused it when one was stored.
 */
public record HistoryItem(String state, ObjectNode attributes, long lastChanged,
    long lastUpdated, String contextId) {}
