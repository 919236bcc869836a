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
 * map lookup plus the family-wide and glob subscriptions, never a scan of every connection.
 * Confined to the shard's event loop.
 */
final class SubscriptionIndex {
  /** Receives each (subscription, event) match during {@link #match}. */
  interface Sink {
    void matched(Subscription subscription);
  }

  private final Map<TopicFamily, Family> families = new EnumMap<>(TopicFamily.class);
  private int size;

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
    ArrayList<Subscription> globs = family.globs.items;
    for (int i = 0; i < globs.size(); i++) {
      Subscription subscription = globs.get(i);
      if (Glob.matches(subscription.pattern.filter(), key) && subscription.accepts(event)) {
        sink.matched(subscription);
      }
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

  private static final class Family {
    final Map<String, SlotList> exact = new HashMap<>();
    final SlotList all = new SlotList();
    final SlotList globs = new SlotList();
    int count;
  }

  /** An array list with O(1) removal: the last element moves into the freed slot. */
  private static final class SlotList {
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
