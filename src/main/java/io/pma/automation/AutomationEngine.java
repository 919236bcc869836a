package io.pma.automation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.bus.Published;
import io.pma.domain.AutomationTriggered;
import io.pma.domain.Context;
import io.pma.domain.Entity;
import io.pma.domain.EntityAdded;
import io.pma.domain.EntityRemoved;
import io.pma.domain.EntityStateChanged;
import io.pma.domain.HaEvent;
import io.pma.domain.PmaEvent;
import io.pma.registry.Snapshot;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the broker, fires the rules' triggers and runs them. Everything here runs on one Vert.x
 * context of its own: the broker listener, scheduler callbacks and adapter answers only hand work
 * to it, so the engine never writes the registry from a broker delivery and needs no locks. The
 * public methods may be called from any thread.
 *
 * <p>A run's context has the context of the event that triggered it as its parent, and all the
 * run causes carries the run's context; {@link RunLineage} turns that into the chain depth of the
 * loop guard, on one node and across nodes alike.
 */
public final class AutomationEngine {
  private static final Logger LOG = LoggerFactory.getLogger(AutomationEngine.class);

  /**
   * Tuning from the {@code automation} config section; {@code actionTimeout}: how long an
   * {@code entity_action} step waits for its adapter.
   */
  public record Settings(ZoneId zone, int maxRunsPerSecond, int maxChainDepth,
      Duration actionTimeout) {}

  /** How many recent runs the loop guard remembers to recognise their effects. */
  private static final int LINEAGE_RUNS = 4_096;

  private final io.vertx.core.Context context;
  private final Effects effects;
  private final AutomationStore store;
  private final RunHistory history;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Settings settings;
  private final Executor onEngine;
  /**
   * Work handed to the context and not yet begun, and answers awaited from adapters and the
   * notifier: the engine is idle when there is none.
   */
  private final AtomicInteger handedOver = new AtomicInteger();
  private final EntityMirror entities = new EntityMirror();
  private final StateWaiters waiters = new StateWaiters();
  private final RunLineage lineage = new RunLineage(LINEAGE_RUNS);
  private final ConditionEvaluator conditions;
  private final RunExecutor executor;
  private final Map<String, ActiveRule> rules = new HashMap<>();
  private volatile boolean stopped;
  /** Whether this node arms the triggers: always on one node, the lease holder in a cluster. */
  private volatile boolean leading;
  /** Whether an armed rule has an event trigger: Home Assistant relays many events none needs. */
  private volatile boolean wantsHaEvents;
  private long startSeq;

  public AutomationEngine(io.vertx.core.Context context, Effects effects, AutomationStore store,
      RunHistory history, Clock clock, Scheduler scheduler, Settings settings) {
    this.context = context;
    this.effects = effects;
    this.store = store;
    this.history = history;
    this.clock = clock;
    this.scheduler = scheduler;
    this.settings = settings;
    this.onEngine = task -> {
      handedOver.incrementAndGet();
      context.runOnContext(v -> {
        handedOver.decrementAndGet();
        task.run();
      });
    };
    this.conditions = new ConditionEvaluator(entities, clock, settings.zone());
    this.executor = new RunExecutor(effects, scheduler, clock, onEngine, conditions, entities,
        waiters, settings.actionTimeout(), run -> history.record(run.snapshot()), handedOver);
  }

  /**
   * Starts watching: subscribes, then reads the entities in the same turn, so every later event
   * (seq above the snapshot's) is seen exactly once; then loads the rules, arming their triggers
   * when {@code lead} (else only {@link #lead()} arms them; manual runs work either way).
   */
  public Future<Void> start(List<Rule> initial, boolean lead) {
    return onContext(() -> {
      effects.broker().subscribe(this::deliver);
      Snapshot snapshot = effects.registry().snapshot(e -> true);
      entities.load(snapshot.entities());
      startSeq = snapshot.seq();
      leading = lead;
      initial.forEach(this::activate);
      rulesChanged();
      LOG.info("automation engine started with {} rules", initial.size());
      return null;
    });
  }

  /** Aborts the running runs (recorded as aborted) and waits until their records are stored. */
  public Future<Void> stop() {
    return onContext(() -> {
      stopped = true;
      rules.values().forEach(r -> r.deactivate("the server stopped", false));
      rules.clear();
      return null;
    }).compose(v -> context.executeBlocking(() -> null, true));
  }

  /**
   * Makes this node the one that runs the rules (in a cluster, the holder of the automation
   * lease): arms the triggers of every enabled rule.
   */
  public void lead() {
    onEngine.execute(() -> {
      if (stopped || leading) {
        return;
      }
      leading = true;
      rules.values().forEach(this::arm);
      rulesChanged();
      LOG.info("this node runs the automation rules ({})", rules.size());
    });
  }

  /** Another node runs the rules now: disarms every trigger and aborts the runs they started. */
  public void standBy() {
    onEngine.execute(() -> {
      if (!leading) {
        return;
      }
      leading = false;
      rules.values().forEach(r -> {
        r.disarm();
        r.runs.abortAll("this node stopped running the automation rules");
      });
      rulesChanged();
      LOG.info("this node no longer runs the automation rules");
    });
  }

  /** Whether this node arms the rules' triggers. */
  public boolean leading() {
    return leading;
  }

  /**
   * Completes once the engine is idle: it has handled everything handed to it before this call,
   * and what that work handed on to it meanwhile (an adapter's answer, a step's next hop), which
   * may be queued behind this call; a step waiting for an adapter's or the notifier's answer
   * (at most {@code automation.action_timeout_seconds}) keeps it busy.
   */
  public Future<Void> settled() {
    Promise<Void> idle = Promise.promise();
    context.runOnContext(v -> completeWhenIdle(idle));
    return idle.future();
  }

  private void completeWhenIdle(Promise<Void> idle) {
    if (handedOver.get() == 0) {
      idle.complete();
    } else {
      context.runOnContext(v -> completeWhenIdle(idle));
    }
  }

  /** Loads a new or changed rule: the old version stops (its runs are aborted) first. */
  public void put(Rule rule) {
    onEngine.execute(() -> {
      ActiveRule old = rules.remove(rule.id());
      if (old != null) {
        old.deactivate(old.rule.enabled() && !rule.enabled() ? "the rule was disabled"
            : "the rule was changed", false);
      }
      if (!stopped) {
        activate(rule);
      }
      rulesChanged();
    });
  }

  public void remove(String id) {
    onEngine.execute(() -> {
      ActiveRule old = rules.remove(id);
      if (old != null) {
        old.deactivate("the rule was deleted", true);
      }
      history.remove(id);
      rulesChanged();
    });
  }

  /**
   * Runs a rule now (REST {@code /trigger}); {@code trigger} describes who asked and {@code cause}
   * is the context of the request (the run's parent).
   */
  public Future<TriggerOutcome> trigger(String id, ObjectNode trigger, boolean checkConditions,
      Context cause) {
    return onContext(() -> {
      ActiveRule active = rules.get(id);
      if (active == null) {
        throw new NoSuchElementException("no automation " + id);
      }
      return begin(active, trigger, cause, checkConditions);
    });
  }

  private void activate(Rule rule) {
    ActiveRule active = new ActiveRule(rule, this::launch,
        new RunLimiter(settings.maxRunsPerSecond(), settings.maxChainDepth()));
    rules.put(rule.id(), active);
    arm(active);
  }

  private void arm(ActiveRule active) {
    if (leading && active.rule.enabled() && active.triggers() == null) {
      active.arm(new RuleTriggers(active.rule.triggers(),
          (t, cause) -> begin(active, t, cause, true), scheduler, onEngine, clock,
          settings.zone()));
    }
  }

  private void rulesChanged() {
    wantsHaEvents = rules.values().stream().anyMatch(r -> r.triggers() != null
        && r.rule.triggers().stream().anyMatch(t -> t instanceof Trigger.Event));
  }

  /** Broker delivery thread: only picks the events that matter and hands them over. */
  private void deliver(Published published) {
    PmaEvent event = published.event();
    boolean wanted = event instanceof EntityStateChanged || event instanceof EntityAdded
        || event instanceof EntityRemoved || (event instanceof HaEvent && wantsHaEvents);
    if (stopped || !wanted) {
      return;
    }
    onEngine.execute(() -> handle(published));
  }

  private void handle(Published published) {
    if (stopped || published.seq() <= startSeq) {
      return;
    }
    PmaEvent event = published.event();
    Context cause = published.context();
    if (event instanceof EntityStateChanged change) {
      Entity before = entities.changed(change, cause.id());
      entityChanged(before, entities.get(change.entityId()).orElseThrow(), published, cause);
    } else if (event instanceof EntityAdded added) {
      Entity before = entities.added(added.entity());
      entityChanged(before, added.entity(), published, cause);
    } else if (event instanceof EntityRemoved removed) {
      entities.removed(removed.entityId());
      forEachArmed(t -> t.entityRemoved(removed.entityId()));
    } else if (event instanceof HaEvent ha) {
      forEachArmed(t -> t.haEvent(ha, cause));
    }
  }

  private void entityChanged(Entity before, Entity after, Published published, Context cause) {
    forEachArmed(t -> t.entityChanged(before, after, published.publishedAt(), cause));
    waiters.entityChanged(after);
  }

  private void forEachArmed(Consumer<RuleTriggers> action) {
    for (ActiveRule active : List.copyOf(rules.values())) {
      RuleTriggers triggers = active.triggers();
      if (triggers == null) {
        continue;
      }
      try {
        action.accept(triggers);
      } catch (RuntimeException e) {
        // Listener isolation: one broken rule must not stop the others from seeing the event.
        LOG.error("automation {} failed to handle an event", active.rule.id(), e);
      }
    }
  }

  /**
   * Starts a run unless its conditions fail or the loop guard refuses it. {@code cause} is the
   * context of what triggered it (null for a time trigger): the run's context is its child, and
   * when {@code cause} is a run's effect the new run is one deeper in that chain.
   */
  private TriggerOutcome begin(ActiveRule active, ObjectNode trigger, Context cause,
      boolean checkConditions) {
    if (checkConditions && !conditions.all(active.rule.conditions())) {
      return new TriggerOutcome(TriggerOutcome.Status.CONDITIONS_NOT_MET, null);
    }
    Cause parent = lineage.causeOf(cause);
    int depth = parent == null ? 0 : parent.depth() + 1;
    if (parent != null) {
      trigger.put("caused_by", parent.executionId());
    }
    Instant now = now();
    String refusal = active.limiter.refuse(now, depth);
    if (refusal != null) {
      suppressed(active, trigger, depth, refusal, now);
      return new TriggerOutcome(TriggerOutcome.Status.SUPPRESSED, null);
    }
    Run run = new Run(UUID.randomUUID().toString(), active.rule, trigger, depth,
        cause == null ? Context.fresh() : cause.child(null));
    lineage.started(run.context, run.asCause());
    TriggerOutcome.Status status = active.runs.offer(run);
    if (status == TriggerOutcome.Status.DROPPED) {
      LOG.info("automation {} triggered while running (mode {}): trigger dropped",
          active.rule.id(), active.rule.mode().wireName());
      return new TriggerOutcome(status, null);
    }
    return new TriggerOutcome(status, run.executionId);
  }

  private void suppressed(ActiveRule active, ObjectNode trigger, int depth, String why,
      Instant now) {
    if (!active.limiter.shouldReport(now)) {
      return;
    }
    LOG.warn("automation {}: trigger suppressed: {}", active.rule.id(), why);
    RunRecord record = new RunRecord(UUID.randomUUID().toString(), active.rule.id(), trigger,
        depth, now, now, RunResult.SUPPRESSED, why, List.of());
    history.record(record);
    persist(record);
  }

  /** Starts a run the rule's mode let through: announces it, then executes its actions. */
  private void launch(ActiveRule active, Run run) {
    Instant now = now();
    run.started(now);
    history.record(run.snapshot());
    Rule rule = active.rule;
    effects.broker().publish(new AutomationTriggered(rule.id(), rule.name(), run.executionId,
        run.trigger.deepCopy(), now), run.context);
    executor.execute(run).onComplete(ar -> finish(active, run, ar));
  }

  private void finish(ActiveRule active, Run run, AsyncResult<Void> outcome) {
    if (run.isFinished()) {
      return;
    }
    if (outcome.succeeded()) {
      run.finished(now(), RunResult.COMPLETED, null);
    } else if (run.aborted()) {
      run.finished(now(), RunResult.ABORTED, run.abortReason());
    } else {
      run.finished(now(), RunResult.ERROR, outcome.cause().getMessage());
      LOG.warn("automation {} run {} failed: {}", active.rule.id(), run.executionId,
          outcome.cause().getMessage());
    }
    RunRecord record = run.snapshot();
    if (!active.deleted()) {
      history.record(record);
      persist(record);
    }
    active.runs.finished(run);
  }

  /** Stores a run record in order, off the event loop; a store failure is logged, not fatal. */
  private void persist(RunRecord record) {
    context.executeBlocking(() -> {
      store.saveRun(record, history.keep());
      return null;
    }, true).onFailure(e -> LOG.error("cannot store run {} of automation {}: {}",
        record.executionId(), record.automationId(), e.getMessage()));
  }

  private <T> Future<T> onContext(Supplier<T> work) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> {
      try {
        promise.complete(work.get());
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    });
    return promise.future();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
