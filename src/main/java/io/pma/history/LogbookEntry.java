package io.pma.history;

/**
 * One line of the logbook: when (epoch ms), which entity, its state, what happened in words
 * ("turned on by admin") and the cause.
 */
public record LogbookEntry(long when, String entityId, String name, String state, String message,
    Cause context) {

  /**
   * Who or what caused a change: the context's ids (null when none was stored: a device's own
   * report), its kind ({@code user}, {@code automation}, {@code adapter}, {@code system}) and the
   * name to show (the user's name, the rule's name, the adapter).
   */
  public record Cause(String id, String parentId, String userId, String kind,
      String sourceName) {}
}
