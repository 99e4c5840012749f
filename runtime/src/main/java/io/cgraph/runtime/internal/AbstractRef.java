package io.cgraph.runtime.internal;

import io.cgraph.runtime.Failure;
import io.cgraph.runtime.SingleUse;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;

/**
 * Base of every generated {@code Ref}: one execution's result, to be taken at most once. The
 * generated subclass adds the typed {@code get} methods and a {@code value} field filled by
 * {@link #decode}.
 *
 * <p>An execution holds a place in its graph's pipeline ({@code maxInflight}) until its results
 * leave the output channels, whether or not anyone holds its Ref. A result that arrives before its
 * {@code get} waits in the graph's buffer of unread results ({@code maxBufferedResults}); a Ref
 * dropped without {@code get} keeps its place there until it is garbage collected, which
 * {@code execute} notices when the buffer is full.
 */
public abstract class AbstractRef implements SingleUse {
  static final int PENDING = 0;
  static final int READY = 1;
  static final int FAILED = 2;
  static final int CONSUMED = 3;
  /** The result pump or a fast fail is filling this Ref in: read as pending, for a few nanoseconds. */
  static final int FILLING = 4;

  private static final VarHandle STATE;
  private static final VarHandle DELIVERED;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(AbstractRef.class, "state", int.class);
      DELIVERED = MethodHandles.lookup().findVarHandle(AbstractRef.class, "delivered", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final GraphRuntime runtime;
  long execution = -1;
  /** This Ref's place among the buffered (arrived, unread) results, -1 when not buffered; under the buffer's lock. */
  int bufferSlot = -1;
  /** The executeAsync future completed from this Ref, if any. */
  volatile ResultFuture<?, ?> future;
  Failure failure;
  volatile int state = PENDING;
  /** Whether the pump has taken this execution's results off the channels (a fast-failed Ref may be read before). */
  @SuppressWarnings("unused") // accessed through DELIVERED
  private volatile boolean delivered;
  volatile Thread waiter;

  protected AbstractRef(GraphRuntime runtime) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
  }

  /**
   * Waits for this execution's result and marks it consumed; after it returns, the value decoded
   * by {@link #decode} may be returned. {@code timeout == null} means the graph's get timeout; a
   * zero timeout polls once. Throws {@code RefAlreadyConsumedException},
   * {@code ChannelTimeoutException} (the Ref stays readable), {@code ActorTaskException},
   * {@code GraphBrokenException} or {@code GraphClosedException}.
   */
  protected final void awaitResult(Duration timeout) {
    runtime.await(this, timeout);
  }

  /** Decodes the result from the output channels' slots, in {@link GraphSpec#outputs()} order. */
  protected abstract void decode(SlotReader[] outputs);

  /** The execution number, 0-based in submission order. */
  public final long execution() {
    return execution;
  }

  @Override
  public final boolean isDone() {
    if (state == PENDING) {
      runtime.pollResults();
    }
    // A Ref pending when its graph closed or broke is done: get() throws at once.
    int s = state;
    return (s != PENDING && s != FILLING) || !runtime.isUsable();
  }

  @Override
  public final boolean isConsumed() {
    return state == CONSUMED;
  }

  /** Takes the right to fill this Ref in; false if it is no longer pending (a fast fail came first). */
  final boolean startFilling() {
    return STATE.compareAndSet(this, PENDING, FILLING);
  }

  /** Publishes the filled-in result (READY or FAILED) to a thread reading {@link #state}. */
  final void publish(int filled) {
    STATE.setRelease(this, filled);
  }

  /** The pump took the results: before {@link #publish} on the normal path (ordered by it). */
  final void markDeliveredBeforePublish() {
    DELIVERED.setOpaque(this, true);
  }

  /** The pump took the results after this Ref was filled in by a fast fail. */
  final void markDelivered() {
    DELIVERED.setVolatile(this, true);
  }

  final boolean isDelivered() {
    return (boolean) DELIVERED.getVolatile(this);
  }

  final boolean consume(int expected) {
    return STATE.compareAndSet(this, expected, CONSUMED);
  }

  @Override
  public String toString() {
    String s = switch (state) {
      case PENDING -> "pending";
      case READY -> "done";
      case FAILED -> "failed";
      case FILLING -> "pending";
      default -> "consumed";
    };
    return getClass().getSimpleName() + "{execution=" + execution + ", " + s + "}";
  }
}
