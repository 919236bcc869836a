package io.pma.adapter;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.function.Supplier;

/**
 * The one implementation of the {@link Adapter} threading contract: an event-loop context of the
 * adapter's own, on which all its state lives and all its callbacks (clients, timers) run, so the
 * adapter needs no locks. Calls from other components hop onto it with {@link #call}, and their
 * answers hop back to the caller's context, so a REST handler's continuation still runs on its own
 * event loop. Thread-safe.
 */
public final class AdapterLoop {
  private final Context context;

  private AdapterLoop(Context context) {
    this.context = context;
  }

  /**
   * A new event-loop context, whichever thread asks. Vert.x's public API only hands out the
   * calling thread's context ({@code getOrCreateContext}, the same one for every adapter built on
   * the main thread); this is the project's only use of its internal API for that.
   */
  public static AdapterLoop create(Vertx vertx) {
    return new AdapterLoop(((VertxInternal) vertx).createEventLoopContext());
  }

  /** Runs {@code work} on the adapter's context, later. */
  public void run(Runnable work) {
    context.runOnContext(v -> work.run());
  }

  /** Whether the calling thread runs the adapter's context. */
  public boolean isCurrent() {
    return Vertx.currentContext() == context;
  }

  /**
   * Runs {@code work} on the adapter's context; its result is handed back on the caller's context
   * (at once when the caller is on no context or on this one). An exception thrown by {@code work}
   * fails the future: callers always get an answer, never a hang.
   */
  public <T> Future<T> call(Supplier<Future<T>> work) {
    Context caller = Vertx.currentContext();
    Promise<T> promise = Promise.promise();
    Handler<AsyncResult<T>> reply = result -> {
      if (caller == null || caller == context) {
        promise.handle(result);
      } else {
        caller.runOnContext(v -> promise.handle(result));
      }
    };
    context.runOnContext(v -> {
      try {
        work.get().onComplete(reply);
      } catch (RuntimeException e) {
        // Gate for calls from other components: they always get an answer, never a hang.
        reply.handle(Future.failedFuture(e));
      }
    });
    return promise.future();
  }
}
