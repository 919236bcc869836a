package io.pma.automation;

import io.pma.domain.Refusal;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.Context;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules behind the REST API: validated rules are stored first, then handed to the engine.
 * Reads come from memory and never block; writes block on the store (call them on a worker
 * thread) and are serialised by this object's lock so that store and engine see them in one order.
 */
public final class Automations {
  private static final int MAX_SLUG = 48;

  private final AutomationStore store;
  private final AutomationEngine engine;
  private final RunHistory history;
  private final Clock clock;
  private final Map<String, Rule> rules = new ConcurrentHashMap<>();

  public Automations(AutomationStore store, AutomationEngine engine, RunHistory history,
      Clock clock, List<Rule> stored) {
    this.store = store;
    this.engine = engine;
    this.history = history;
    this.clock = clock;
    stored.forEach(r -> rules.put(r.id(), r));
  }

  /** The rules sorted by name, then id. */
  public List<Rule> list() {
    return rules.values().stream()
        .sorted(Comparator.comparing((Rule r) -> r.name().toLowerCase(Locale.ROOT))
            .thenComparing(Rule::id))
        .toList();
  }

  public Rule get(String id) {
    Rule rule = rules.get(id);
    if (rule == null) {
      throw AutomationException.notFound(id);
    }
    return rule;
  }

  /** Stores a new rule; without an id one is made from its name. */
  public synchronized Rule create(Rule parsed) {
    String id = parsed.id() != null ? parsed.id() : freeId(parsed.name());
    if (rules.containsKey(id)) {
      throw new AutomationException(Refusal.CONFLICT,
          "an automation with id '" + id + "' exists");
    }
    Instant now = now();
    Rule rule = parsed.withId(id).withTimes(now, now);
    store.insert(rule);
    rules.put(id, rule);
    engine.put(rule);
    return rule;
  }

  /** Replaces a rule entirely (PUT); its running runs are aborted. */
  public synchronized Rule replace(String id, Rule parsed) {
    Rule current = get(id);
    if (parsed.id() != null && !parsed.id().equals(id)) {
      throw new AutomationException(Refusal.INVALID,
          "id '" + parsed.id() + "' in the body differs from '" + id + "' in the path");
    }
    Rule rule = parsed.withId(id).withTimes(current.createdAt(), now());
    store.update(rule);
    rules.put(id, rule);
    engine.put(rule);
    return rule;
  }

  public synchronized void delete(String id) {
    get(id);
    store.delete(id);
    rules.remove(id);
    engine.remove(id);
  }

  /** Enables or disables a rule; disabling aborts its running runs. */
  public synchronized Rule setEnabled(String id, boolean enabled) {
    Rule current = get(id);
    if (current.enabled() == enabled) {
      return current;
    }
    Rule rule = current.withEnabled(enabled, now());
    store.update(rule);
    rules.put(id, rule);
    engine.put(rule);
    return rule;
  }

  /**
   * Runs a rule now; {@code trigger} says who asked, {@code cause} is the request's context.
   * Conditions are skipped unless asked for.
   */
  public Future<TriggerOutcome> trigger(String id, ObjectNode trigger, boolean checkConditions,
      Context cause) {
    get(id);
    return engine.trigger(id, trigger, checkConditions, cause).recover(e -> Future.failedFuture(
        e instanceof NoSuchElementException ? AutomationException.notFound(id) : e));
  }

  /**
   * The recent runs of a rule, newest first: this node's (including running ones) merged with the
   * stored ones, which in a cluster include the runs of the node that runs the rules. Blocking.
   */
  public List<RunRecord> runs(String id) {
    get(id);
    Map<String, RunRecord> merged = new LinkedHashMap<>();
    history.list(id).forEach(r -> merged.put(r.executionId(), r));
    store.recentRuns(id, history.keep()).forEach(r -> merged.putIfAbsent(r.executionId(), r));
    return merged.values().stream()
        .sorted(Comparator.comparing(RunRecord::startedAt).reversed())
        .limit(history.keep()).toList();
  }

  /**
   * Follows the store: rules added, changed or deleted there by another node of a cluster are
   * taken over here (and by the engine). Blocking.
   */
  public synchronized void refresh() {
    Map<String, Rule> stored = new LinkedHashMap<>();
    store.loadRules().forEach(r -> stored.put(r.id(), r));
    for (String id : List.copyOf(rules.keySet())) {
      if (!stored.containsKey(id)) {
        rules.remove(id);
        engine.remove(id);
      }
    }
    stored.forEach((id, rule) -> {
      if (!rule.equals(rules.get(id))) {
        rules.put(id, rule);
        engine.put(rule);
      }
    });
  }

  private String freeId(String name) {
    String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
        .replaceAll("^_+|_+$", "");
    if (slug.length() > MAX_SLUG) {
      slug = slug.substring(0, MAX_SLUG);
    }
    if (slug.isEmpty()) {
      slug = "automation";
    }
    String id = slug;
    for (int n = 2; rules.containsKey(id); n++) {
      id = slug + "_" + n;
    }
    return id;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
