package io.cgraph.runtime.internal;

import io.cgraph.runtime.ChannelTimeoutException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The future {@code executeAsync} returns: completed by the graph's result path (whichever thread
 * delivers the execution's result: one in {@code get}, {@code execute} or this future's own
 * {@code join}/{@code get}, or, when the program waits only on futures, a task on the common pool
 * started when the result arrives), never by a thread of its own, and with no timeout of its own.
 *
 * <p>Until the program looks at it ({@code get}, {@code join}, {@code getNow} or any dependent stage
 * such as {@code thenApply} or {@code whenComplete}), a completed future counts like an unread Ref
 * against the graph's {@code maxBufferedResults}.
 */
final class ResultFuture<R extends AbstractRef, T> extends CompletableFuture<T> {
  private static final VarHandle CLAIMED;

  static {
    try {
      CLAIMED = MethodHandles.lookup().findVarHandle(ResultFuture.class, "claimed", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final R ref;
  private final Function<R, T> getter;
  private final ResultPump pump;
  /** Whether a thread has taken the right to complete this future from its Ref. */
  @SuppressWarnings("unused") // accessed through CLAIMED
  private volatile boolean claimed;
  /** Whether the program has looked at this future (then it does not count as an unread result). */
  volatile boolean observed;
  /** This future's place in the {@link ResultBuffer}, -1 when not buffered; under the buffer's lock. */
  int bufferSlot = -1;

  ResultFuture(R ref, Function<R, T> getter, ResultPump pump) {
    this.ref = ref;
    this.getter = getter;
    this.pump = pump;
  }

  /**
   * Completes this future from its Ref, whose result has arrived (or whose graph has closed or
   * broken), unless another thread already does. Runs the future's dependent stages on this thread.
   */
  void completeFromRef() {
    if (!CLAIMED.compareAndSet(this, false, true)) {
      return;
    }
    // Stages attached without newIncompleteFuture (allOf, anyOf, minimalCompletionStage) count as looking
    // at it; completing runs them and empties the count, so it is read first.
    boolean dependents = getNumberOfDependents() > 0;
    T value;
    try {
      value = getter.apply(ref);
    } catch (Throwable t) {
      completeExceptionally(t);
      pump.futureCompleted(this, dependents);
      return;
    }
    complete(value);
    pump.futureCompleted(this, dependents);
  }

  /** Marks this future looked at: it no longer counts against the buffered results. */
  private void observe() {
    if (!observed) {
      observed = true;
      pump.futureObserved(this);
    }
  }

  /** Waits (no timeout of its own) until the result is there, then completes this future on this thread. */
  private void drive() {
    if (!isDone()) {
      pump.awaitArrival(ref, Long.MAX_VALUE);
      completeFromRef();
    }
  }

  @Override
  public T get() throws InterruptedException, ExecutionException {
    observe();
    try {
      drive();
    } catch (RuntimeException e) {
      // Interrupted, or the graph closed or broke: the future completes from the Ref either way.
      if (Thread.interrupted()) {
        throw new InterruptedException(e.getMessage());
      }
      completeFromRef();
    }
    return super.get();
  }

  @Override
  public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
    observe();
    if (!isDone()) {
      long nanos = unit.toNanos(timeout);
      try {
        pump.awaitArrival(ref, nanos);
      } catch (ChannelTimeoutException e) {
        throw new TimeoutException("execution #" + ref.execution + " has no result after " + Duration.ofNanos(nanos)
            + "; the future stays pending (it has no timeout of its own), so wait again or use orTimeout");
      } catch (RuntimeException e) {
        if (Thread.interrupted()) {
          throw new InterruptedException(e.getMessage());
        }
      }
      completeFromRef();
    }
    return super.get(timeout, unit);
  }

  @Override
  public T join() {
    observe();
    try {
      drive();
    } catch (RuntimeException e) {
      if (!Thread.interrupted()) {
        completeFromRef(); // closed or broken: complete from the Ref, so join throws what get would
      } else {
        // join does not answer interrupts: wait for the result path to complete it, then keep the flag.
        try {
          return super.join();
        } finally {
          Thread.currentThread().interrupt();
        }
      }
    }
    return super.join();
  }

  @Override
  public T getNow(T valueIfAbsent) {
    observe();
    return super.getNow(valueIfAbsent);
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    observe(); // every dependent stage (thenApply, whenComplete, handle, copy, orTimeout ...) starts here
    return new CompletableFuture<>();
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    observe(); // the program gave up on it: its result is discarded when it arrives
    return super.cancel(mayInterruptIfRunning);
  }

  @Override
  public String toString() {
    return "executeAsync future of execution #" + ref.execution + " (" + super.toString() + ")";
  }
}
