package io.pma.hub;

import io.pma.domain.PmaEvent;
import io.pma.topic.Glob;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * The glob subscriptions of one topic family: one group per distinct glob, each group in a trie
 * node under the glob's longer literal end: its prefix ({@code sensor.kitchen_} for
 * {@code sensor.kitchen_*}) in a trie read forwards, or its suffix ({@code .kitchen} for
 * {@code *.kitchen}) in a trie read backwards. A key can only match a glob that it starts (ends)
 * with that literal, so matching walks both tries along the key and tests only the groups met on
 * the way, each once for all its subscriptions; only globs with stars at both ends are tested for
 * every key. Empty groups and nodes are removed, so memory follows what is subscribed now.
 * Confined to the shard's event loop.
 */
final class GlobTrie {
  private final Map<String, Group> byGlob = new HashMap<>();
  private final Node prefixes = new Node(null, '\0');
  private final Node suffixes = new Node(null, '\0');
  /** Distinct globs held; read by the index to skip the walk when there are none. */
  int groups;

  void add(Subscription subscription) {
    String filter = subscription.pattern.filter();
    Group group = byGlob.get(filter);
    if (group == null) {
      Glob glob = subscription.pattern.glob();
      boolean bySuffix = glob.suffix().length() > glob.prefix().length();
      group = new Group(glob, bySuffix ? nodeFor(suffixes, glob.suffix(), true)
          : nodeFor(prefixes, glob.prefix(), false));
      group.node.attach(group);
      byGlob.put(filter, group);
      groups++;
    }
    group.subscriptions.add(subscription);
  }

  void remove(Subscription subscription) {
    Group group = byGlob.get(subscription.pattern.filter());
    group.subscriptions.remove(subscription);
    if (group.subscriptions.isEmpty()) {
      byGlob.remove(subscription.pattern.filter());
      groups--;
      group.node.detach(group);
      group.node.prune();
    }
  }

  /** Reports the matching subscriptions; returns how many globs were tested. */
  int match(String key, PmaEvent event, SubscriptionIndex.Sink sink) {
    return walk(prefixes, key, false, event, sink) + walk(suffixes, key, true, event, sink);
  }

  private static int walk(Node root, String key, boolean backwards, PmaEvent event,
      SubscriptionIndex.Sink sink) {
    int tested = 0;
    Node node = root;
    for (int i = 0; ; i++) {
      for (int g = 0; g < node.groups.size(); g++) {
        Group group = node.groups.get(g);
        tested++;
        if (group.glob.matches(key)) {
          group.subscriptions.forEachAccepting(event, sink);
        }
      }
      if (i == key.length() || node.children.isEmpty()) {
        return tested;
      }
      node = node.children.get(key.charAt(backwards ? key.length() - 1 - i : i));
      if (node == null) {
        return tested;
      }
    }
  }

  private static Node nodeFor(Node root, String literal, boolean backwards) {
    Node node = root;
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(backwards ? literal.length() - 1 - i : i);
      Node parent = node;
      node = node.children.computeIfAbsent(c, k -> new Node(parent, c));
    }
    return node;
  }

  private static final class Group {
    final Glob glob;
    final Node node;
    final SubscriptionIndex.SlotList subscriptions = new SubscriptionIndex.SlotList();
    int slot;

    Group(Glob glob, Node node) {
      this.glob = glob;
      this.node = node;
    }
  }

  private static final class Node {
    final Node parent;
    final char edge;
    final Map<Character, Node> children = new HashMap<>(4);
    final ArrayList<Group> groups = new ArrayList<>(1);

    Node(Node parent, char edge) {
      this.parent = parent;
      this.edge = edge;
    }

    void attach(Group group) {
      group.slot = groups.size();
      groups.add(group);
    }

    /** O(1): the last group moves into the freed slot. */
    void detach(Group group) {
      Group last = groups.remove(groups.size() - 1);
      if (last != group) {
        groups.set(group.slot, last);
        last.slot = group.slot;
      }
    }

    /** Removes this node and its empty ancestors once nothing hangs below them. */
    void prune() {
      Node node = this;
      while (node.parent != null && node.groups.isEmpty() && node.children.isEmpty()) {
        node.parent.children.remove(node.edge);
        node = node.parent;
      }
    }
  }
}
