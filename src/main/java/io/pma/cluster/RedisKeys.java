package io.pma.cluster;

/** The Redis keys of one PMA cluster, all under {@code broker.key_prefix}. */
record RedisKeys(String prefix) {
  /** The ordered event stream; entry ids are {@code <seq>-0}. */
  String events() {
    return prefix + ":events";
  }

  /** The last seq assigned (INCR'd by the publish script). */
  String seq() {
    return prefix + ":seq";
  }

  /** The last publish batch a node has appended, so a retried batch is never appended twice. */
  String batch(String nodeId) {
    return prefix + ":batch:" + nodeId;
  }

  /** The latest status each adapter published, by adapter id (written by the publish script). */
  String adapterStatuses() {
    return prefix + ":adapter_statuses";
  }

  String lease(String name) {
    return prefix + ":lease:" + name;
  }

  /** Pub/sub channel of token revocations and user changes. */
  String revocations() {
    return prefix + ":revocations";
  }

  /** Pub/sub channel of the entity actions addressed to one node. */
  String actions(String nodeId) {
    return prefix + ":actions:" + nodeId;
  }

  /** Pub/sub channel of the replies to actions this node relayed. */
  String replies(String nodeId) {
    return prefix + ":replies:" + nodeId;
  }
}
