package io.pma;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition with a timeout (polling), never a bare sleep. The default timeout is
 * generous on purpose: it only bounds how long a failing test takes, a passing one returns as
 * soon as the condition holds, and a slow, loaded CI machine must not turn a wait into a failure.
 */
public final class Await {
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  private Await() {}

  public static void until(String what, BooleanSupplier condition) {
    until(what, TIMEOUT, condition);
  }

  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for "
            + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }

  /** The future's result within the timeout; its failure is rethrown as it is (unchecked). */
  public static <T> T result(io.vertx.core.Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture()
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new AssertionError(e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("no result within " + TIMEOUT.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Waits until {@code supplier} gives a non-null value and returns it. */
  public static <T> T value(String what, Supplier<T> supplier) {
    Object[] holder = new Object[1];
    until(what, () -> (holder[0] = supplier.get()) != null);
    @SuppressWarnings("unchecked")
    T value = (T) holder[0];
    return value;
  }

  /**
   * The first element {@code wanted} accepts, taken from {@code queue} within {@link #TIMEOUT};
   * the elements taken before it are dropped.
   */
  public static <T> T take(String what, BlockingQueue<T> queue, Predicate<? super T> wanted) {
    return take(what, queue, TIMEOUT, wanted, skipped -> {});
  }

  /**
   * The first element {@code wanted} accepts, taken from {@code queue} within {@code timeout};
   * each element taken before it goes to {@code skipped}, in order.
   */
  public static <T> T take(String what, BlockingQueue<T> queue, Duration timeout,
      Predicate<? super T> wanted, Consumer<? super T> skipped) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T element;
      try {
        element = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
      if (element == null) {
        throw new AssertionError("no " + what + " within " + timeout.toSeconds() + " s");
      }
      if (wanted.test(element)) {
        return element;
      }
      skipped.accept(element);
    }
  }
}
