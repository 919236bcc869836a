package io.pma.hub;

import io.pma.domain.PmaEvent;
import io.pma.topic.Glob;
import io.pma.topic.TopicFamily;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The subscriptions of one event loop, indexed per topic family so that matching an event costs a
 * map lookup plus the family-wide subscriptions plus the candidate globs, never a scan of every
 * connection.
 *
 * <p>Globs are grouped by their text (a thousand dashboards on {@code light.*} are matched once)
 * and the groups hang in a trie under their literal prefix, so an event only tests the globs whose
 * prefix its key starts with. Each test is linear ({@link Glob}); how many globs there can be is
 * bounded per connection ({@code websocket.max_glob_subscriptions}). Confined to the shard's event
 * loop.
 */
final class SubscriptionIndex {
  /** Receives each (subscription, event) match during {@link #match}. */
  interface Sink {
    void matched(Subscription subscription);
  }

  private final Map<TopicFamily, Family> families = new EnumMap<>(TopicFamily.class);
  private int size;
  private long globTests;

  SubscriptionIndex() {
    for (TopicFamily family : TopicFamily.values()) {
      families.put(family, new Family());
    }
  }

  void add(Subscription subscription) {
    Family family = families.get(subscription.pattern.family());
    String filter = subscription.pattern.filter();
    if (filter.isEmpty()) {
      family.all.add(subscription);
    } else if (subscription.pattern.isGlob()) {
      family.globs.add(subscription);
    } else {
      family.exact.computeIfAbsent(filter, k -> new SlotList()).add(subscription);
    }
    family.count++;
    size++;
  }

  void remove(Subscription subscription) {
    Family family = families.get(subscription.pattern.family());
    String filter = subscription.pattern.filter();
    if (filter.isEmpty()) {
      family.all.remove(subscription);
    } else if (subscription.pattern.isGlob()) {
      family.globs.remove(subscription);
    } else {
      SlotList list = family.exact.get(filter);
      list.remove(subscription);
      if (list.isEmpty()) {
        family.exact.remove(filter);
      }
    }
    family.count--;
    size--;
  }

  /** Reports every subscription whose topic and filters match the event; exact matches first. */
  void match(PmaEvent event, Sink sink) {
    Family family = families.get(event.family());
    if (family.count == 0) {
      return;
    }
    String key = event.key();
    SlotList exact = family.exact.get(key);
    if (exact != null) {
      exact.forEachAccepting(event, sink);
    }
    family.all.forEachAccepting(event, sink);
    if (family.globs.groups > 0) {
      globTests += family.globs.match(key, event, sink);
    }
  }

  /** Bit {@code family.ordinal()} set when the family has at least one subscription. */
  int familyMask() {
    int mask = 0;
    for (Map.Entry<TopicFamily, Family> entry : families.entrySet()) {
      if (entry.getValue().count > 0) {
        mask |= 1 << entry.getKey().ordinal();
      }
    }
    return mask;
  }

  int size() {
    return size;
  }

  /** How many distinct globs events have been tested against so far: the work globs cost. */
  long globTests() {
    return globTests;
  }

  private static final class Family {
    final Map<String, SlotList> exact = new HashMap<>();
    final SlotList all = new SlotList();
    final GlobTrie globs = new GlobTrie();
    int count;
  }

  /** An array list with O(1) removal: the last element moves into the freed slot. */
  static final class SlotList {
    final ArrayList<Subscription> items = new ArrayList<>();

    void add(Subscription subscription) {
      subscription.slot = items.size();
      items.add(subscription);
    }

    void remove(Subscription subscription) {
      int slot = subscription.slot;
      Subscription last = items.remove(items.size() - 1);
      if (last != subscription) {
        items.set(slot, last);
        last.slot = slot;
      }
      subscription.slot = -1;
    }

    boolean isEmpty() {
      return items.isEmpty();
    }

    void forEachAccepting(PmaEvent event, Sink sink) {
      for (int i = 0; i < items.size(); i++) {
        Subscription subscription = items.get(i);
        if (subscription.accepts(event)) {
          sink.matched(subscription);
        }
      }
    }
  }
}
