package io.pma.automation;

import io.pma.adapter.EntityAction;
import io.pma.domain.Entity;
import io.pma.domain.HaEvent;
import io.pma.domain.Notification;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Carries out a run's actions one after the other. Runs on the engine's context: every callback
 * from an adapter or the scheduler comes back through {@code engine} before it touches the run.
 * A failing step ends the run (the engine records it); it never escapes as an exception.
 */
final class RunExecutor {
  /** How a step ended when it did not fail. */
  private record Done(StepResult result, String detail) {
    static Done ok(String detail) {
      return new Done(StepResult.OK, detail);
    }
  }

  private final Effects effects;
  private final Scheduler scheduler;
  private final Clock clock;
  private final Executor engine;
  private final ConditionEvaluator conditions;
  private final EntityMirror entities;
  private final StateWaiters waiters;
  private final Duration actionTimeout;
  private final Consumer<Run> progress;
  /** The engine's count of work in hand; an answer awaited from an adapter or notifier is some. */
  private final AtomicInteger inHand;

  /** @param actionTimeout how long an {@code entity_action} step waits for its adapter */
  RunExecutor(Effects effects, Scheduler scheduler, Clock clock, Executor engine,
      ConditionEvaluator conditions, EntityMirror entities, StateWaiters waiters,
      Duration actionTimeout, Consumer<Run> progress, AtomicInteger inHand) {
    this.effects = effects;
    this.scheduler = scheduler;
    this.clock = clock;
    this.engine = engine;
    this.conditions = conditions;
    this.entities = entities;
    this.waiters = waiters;
    this.actionTimeout = actionTimeout;
    this.progress = progress;
    this.inHand = inHand;
  }

  /**
   * Counts an answer awaited from outside the engine as work in hand until {@code release} runs
   * (once, whichever of answer, timeout or abort comes first): meanwhile the engine is not idle.
   */
  private Runnable awaitingAnswer() {
    inHand.incrementAndGet();
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        inHand.decrementAndGet();
      }
    };
  }

  /** Runs the rule's actions; fails with {@link StepFailed} naming the step that failed. */
  Future<Void> execute(Run run) {
    return sequence(run, run.rule.actions(), "actions", 0);
  }

  private Future<Void> sequence(Run run, List<Action> actions, String path, int i) {
    if (i == actions.size()) {
      return Future.succeededFuture();
    }
    if (run.aborted()) {
      return Future.failedFuture(StepFailed.aborted());
    }
    return step(run, actions.get(i), path + "[" + i + "]")
        .compose(v -> sequence(run, actions, path, i + 1));
  }

  private Future<Void> step(Run run, Action action, String path) {
    int index = run.stepStarted(path, action.kind(), now());
    progress.accept(run);
    if (action instanceof Action.Choose choose) {
      return choose(run, choose, path, index);
    }
    Future<Done> outcome;
    try {
      outcome = perform(run, action);
    } catch (RuntimeException e) {
      // Isolation: whatever an adapter or listener throws fails this step, not the engine.
      outcome = Future.failedFuture(
          new StepFailed(StepResult.ERROR, String.valueOf(e.getMessage())));
    }
    return outcome.transform(ar -> {
      run.onInterrupt(null);
      if (ar.succeeded()) {
        run.stepDone(index, now(), ar.result().result(), ar.result().detail());
        progress.accept(run);
        return Future.succeededFuture();
      }
      StepFailed failure = ar.cause() instanceof StepFailed f ? f
          : new StepFailed(StepResult.ERROR, String.valueOf(ar.cause().getMessage()));
      run.stepDone(index, now(), failure.result(), failure.getMessage());
      progress.accept(run);
      return Future.failedFuture(new StepFailed(failure.result(),
          path + " (" + action.kind() + "): " + failure.getMessage()));
    });
  }

  private Future<Void> choose(Run run, Action.Choose choose, String path, int index) {
    List<Action.Choice> choices = choose.choices();
    for (int c = 0; c < choices.size(); c++) {
      if (conditions.all(choices.get(c).conditions())) {
        run.stepDone(index, now(), StepResult.OK, "took choices[" + c + "]");
        progress.accept(run);
        return sequence(run, choices.get(c).actions(), path + ".choices[" + c + "].actions", 0);
      }
    }
    boolean fallback = choose.otherwise() != null && !choose.otherwise().isEmpty();
    run.stepDone(index, now(), StepResult.OK, fallback ? "took default" : "no choice matched");
    progress.accept(run);
    return fallback ? sequence(run, choose.otherwise(), path + ".default", 0)
        : Future.succeededFuture();
  }

  private Future<Done> perform(Run run, Action action) {
    if (action instanceof Action.Command c) {
      return command(run, c);
    } else if (action instanceof Action.Notify n) {
      return notify(run, n);
    } else if (action instanceof Action.Delay d) {
      return delay(run, d);
    } else if (action instanceof Action.WaitForState w) {
      return waitFor(run, w);
    } else if (action instanceof Action.FireEvent f) {
      return fire(run, f);
    }
    throw new IllegalStateException("unknown action " + action);
  }

  /**
   * The same path as {@code POST /api/v1/entities/{id}/action}: to the entity's adapter. An
   * adapter that has not answered within {@code actionTimeout} fails the step; whatever it answers
   * later finds the step settled and changes nothing.
   */
  private Future<Done> command(Run run, Action.Command c) {
    Entity entity = effects.registry().get(c.entityId()).orElse(null);
    if (entity == null) {
      return Future.failedFuture(new StepFailed(StepResult.ERROR,
          "entity " + c.entityId() + " does not exist"));
    }
    Promise<Done> done = Promise.promise();
    Runnable release = awaitingAnswer();
    Future<Void> sent = effects.adapters().execute(
        new EntityAction(entity, c.action(), c.parameters().deepCopy(), run.context));
    Scheduler.Scheduled timeout = scheduler.at(clock.instant().plus(actionTimeout), () -> {
      engine.execute(() -> done.tryFail(new StepFailed(StepResult.ERROR,
          "adapter '" + entity.adapterId() + "' did not answer '" + c.action() + "' within "
              + DurationText.format(actionTimeout)
              + " (automation.action_timeout_seconds)")));
      release.run();
    });
    run.onInterrupt(() -> {
      timeout.cancel();
      done.tryFail(StepFailed.aborted());
      release.run();
    });
    sent.onComplete(ar -> {
      engine.execute(() -> {
        timeout.cancel();
        if (ar.succeeded()) {
          done.tryComplete(Done.ok("'" + c.action() + "' accepted by adapter '"
              + entity.adapterId() + "'"));
        } else {
          done.tryFail(new StepFailed(StepResult.ERROR, String.valueOf(ar.cause().getMessage())));
        }
      });
      release.run();
    });
    return done.future();
  }

  private Future<Done> notify(Run run, Action.Notify n) {
    Notification notification = new Notification(UUID.randomUUID().toString(), n.title(),
        n.message(), n.level(), "automation:" + run.rule.id(), n.userId(), now());
    Runnable release = awaitingAnswer();
    Future<?> sent = effects.notifier().send(notification, run.context);
    Promise<Done> done = Promise.promise();
    run.onInterrupt(() -> {
      done.tryFail(StepFailed.aborted());
      release.run();
    });
    sent.onComplete(ar -> {
      engine.execute(() -> {
        if (ar.succeeded()) {
          done.tryComplete(Done.ok("notification " + notification.id()));
        } else {
          done.tryFail(new StepFailed(StepResult.ERROR, String.valueOf(ar.cause().getMessage())));
        }
      });
      release.run();
    });
    return done.future();
  }

  private Future<Done> delay(Run run, Action.Delay d) {
    if (d.delay().isZero()) {
      return Future.succeededFuture(Done.ok("waited 0s"));
    }
    Promise<Done> done = Promise.promise();
    Scheduler.Scheduled timer = scheduler.at(clock.instant().plus(d.delay()),
        () -> engine.execute(() -> done.tryComplete(
            Done.ok("waited " + DurationText.format(d.delay())))));
    run.onInterrupt(() -> {
      timer.cancel();
      done.tryFail(StepFailed.aborted());
    });
    return done.future();
  }

  private Future<Done> waitFor(Run run, Action.WaitForState w) {
    Entity current = entities.get(w.entityId()).orElse(null);
    if (current != null && StateWaiters.reached(w, current)) {
      return Future.succeededFuture(Done.ok("already " + EntityValues.text(current,
          w.attribute())));
    }
    Promise<Done> done = Promise.promise();
    Scheduler.Scheduled[] timeout = new Scheduler.Scheduled[1];
    StateWaiters.Waiter waiter = waiters.add(w, () -> {
      timeout[0].cancel();
      done.tryComplete(Done.ok("reached after waiting"));
    });
    String detail = "no matching state within " + DurationText.format(w.timeout());
    timeout[0] = scheduler.at(clock.instant().plus(w.timeout()), () -> engine.execute(() -> {
      waiter.cancel();
      if (w.continueOnTimeout()) {
        done.tryComplete(new Done(StepResult.TIMED_OUT, detail + "; continuing"));
      } else {
        done.tryFail(new StepFailed(StepResult.TIMED_OUT, detail));
      }
    }));
    run.onInterrupt(() -> {
      timeout[0].cancel();
      waiter.cancel();
      done.tryFail(StepFailed.aborted());
    });
    return done.future();
  }

  /** Published like a relayed Home Assistant event, with origin {@code pma}. */
  private Future<Done> fire(Run run, Action.FireEvent f) {
    HaEvent event = new HaEvent(f.eventType(), f.data().deepCopy(), "pma", now(), null);
    effects.broker().publish(event, run.context);
    return Future.succeededFuture(Done.ok("published ha_events:" + f.eventType()));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
