package io.pma.history;

/**
 * What caused a change (PROTOCOL.md section 9): its id, the cause of that cause, and the user
 * behind it. Only contexts with a parent or a user are stored; plain adapter reports are not.
 */
record ChangeContext(String id, String parentId, String userId) {
  boolean worthStoring() {
    return id != null && (parentId != null || userId != null);
  }
}
