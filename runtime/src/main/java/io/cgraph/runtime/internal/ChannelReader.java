package io.cgraph.runtime.internal;

/**
 * The reading end of a channel, as generated actor steps and the driver see it: the transport seam.
 * The mapped-file ring ({@link Channel}) implements it; another transport (a network mirror, an
 * in-memory ring in a test) implements it without any change to generated code or the processor.
 *
 * <p>Sequences are read in order 0, 1, 2, ...; every sequence that was returned by {@link #poll} or
 * {@link #await} is {@link #release released} (or {@link #putBack put back}) before the next one is
 * read. Used by one thread at a time. The {@link SlotReader} returned is reused: decode it before
 * releasing.
 *
 * <p><b>Batches.</b> A reader owned by an executor ({@link #batched()}) defers what it tells the
 * writer: {@link #release} only remembers the sequence, and {@link #flush()}, called once per batch,
 * publishes the furthest one. A reader used by the driver tells the writer on every release.
 */
public interface ChannelReader {
  /** The slot for {@code seq} if it is published, else {@code null}; never waits. */
  SlotReader poll(long seq);

  /** Waits (wait strategy, liveness checked) until {@code seq} is published. */
  SlotReader await(long seq);

  /** As {@link #await(long)}, but {@code null} once {@code System.nanoTime()} passes {@code deadlineNanos}. */
  SlotReader await(long seq, long deadlineNanos);

  /**
   * As {@link #await(long, long)}, and {@code null} as soon as {@code stop} says so; it is asked
   * whenever the wait checks liveness (each round once spinning is over, so within a park cap).
   */
  SlotReader await(long seq, long deadlineNanos, java.util.function.BooleanSupplier stop);

  /** Done with {@code seq}: the writer may reuse its slot (at the next {@link #flush()} when batched). */
  void release(long seq);

  /**
   * Gives back the slot that {@link #poll}/{@link #await} returned for {@code seq} without consuming
   * it: the next poll/await of {@code seq} returns it again.
   */
  void putBack(long seq);

  /** This reader's index among its channel's readers. */
  int index();

  /** Whether {@code seq} is published; cheaper than {@link #poll} and attaches nothing. */
  boolean isPublished(long seq);

  /**
   * Makes {@link #release} deferred until {@link #flush()}: for a reader owned by one executor thread,
   * which flushes once per batch. Call before first use.
   */
  void batched();

  /**
   * The owner guarantees that no thread is inside this end when its channel closes, so the end skips
   * its per-call close bookkeeping. Call before first use.
   */
  void unguarded();

  /** Tells the writer about the furthest release since the last flush; a no-op when nothing is pending. */
  void flush();

  /**
   * The first half of a park: registers {@code waiter} to be unparked when {@code seq} is published,
   * behind a full fence, and returns whether {@code seq} is already published (then the caller does
   * not park). Always followed by {@link #disarm()}.
   */
  boolean arm(long seq, Thread waiter);

  /** Undoes {@link #arm}. */
  void disarm();

  /** The longest a parked waiter of this reader may sleep before it re-checks on its own. */
  long parkCapNanos();

  /**
   * Extra yields a waiter makes before parking: more when the writer is in another process, whose
   * unpark cannot reach this one.
   */
  int extraYields();

  /**
   * What a thread waiting on this end runs while it waits (the transport's rounds, see
   * {@link io.cgraph.runtime.channel.WaitAssist}), or null: executors use it while all their tasks
   * are idle.
   */
  default io.cgraph.runtime.channel.WaitAssist waitAssist() {
    return null;
  }

  /** Throws if the channel's graph is no longer usable (closed, broken) or the channel is closed. */
  void checkAlive();
}
