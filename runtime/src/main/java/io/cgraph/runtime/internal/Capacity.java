package io.cgraph.runtime.internal;

import io.cgraph.runtime.CapacityExceededException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The two limits {@code execute} waits on. <b>The pipeline</b>: at most {@code maxInflight}
 * executions between {@code execute} and the moment the result pump takes their results off the
 * output channels; since results leave in execution order, that is {@code submitted - delivered},
 * with no slot table and no dependence on the garbage collector. <b>The buffer</b>: results that left
 * the pipeline and are not read yet ({@link ResultBuffer}); {@code execute} fails once
 * {@code maxBufferedResults} of them wait and no thread is reading.
 */
final class Capacity {
  /** A blocked execute re-checks at least this often, even if nobody unparks it. */
  private static final long PARK_NANOS = 200_000;

  /** What the capacity wait needs from its graph. */
  interface Graph {
    /** Throws if the graph is no longer usable. */
    void checkUsable();

    /** Takes whatever results have arrived, without waiting (this frees pipeline places). */
    void pollResults();

    /** Whether no thread waits in {@code get} (then nobody could free a buffered result). */
    boolean nobodyReads();

    /** The first execution whose result has not left the pipeline yet. */
    long undelivered();
  }

  private final String name;
  private final int maxInflight;
  private final ResultBuffer buffer;
  private volatile Thread waiter;

  Capacity(String name, int maxInflight, ResultBuffer buffer) {
    this.name = name;
    this.maxInflight = maxInflight;
    this.buffer = buffer;
  }

  /** Whether execution {@code exec} may start now: the fast path, two volatile reads. */
  boolean hasRoom(long exec, long undelivered) {
    return exec - undelivered < maxInflight && !buffer.full();
  }

  /**
   * Waits until execution {@code exec} may start, up to {@code timeoutNanos}. Fails at once when the
   * buffer is full of results nobody reads (after freeing those the program dropped).
   */
  void await(long exec, long timeoutNanos, Graph graph) {
    long deadline = System.nanoTime() + timeoutNanos;
    boolean collected = false;
    for (;;) {
      graph.pollResults();
      boolean pipeline = exec - graph.undelivered() < maxInflight;
      boolean buffered = !buffer.full() || buffer.reclaim(false);
      if (!buffered && graph.nobodyReads()) {
        // Only the program can free a buffered result: by reading it, or by having dropped it (one
        // collection tells) before failing.
        buffered = buffer.reclaim(!collected);
        collected = true;
        if (!buffered && graph.nobodyReads()) {
          throw new CapacityExceededException(bufferFull() + ", and no thread is reading them, so this execute could"
              + " never proceed; read them first (get() on those Refs, join() on those futures), or raise"
              + " GraphOptions.withMaxBufferedResults");
        }
      }
      if (pipeline && buffered) {
        return;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw pipeline
            ? new CapacityExceededException(bufferFull() + ", and none was read within the submit timeout of "
                + Duration.ofNanos(timeoutNanos) + "; read results sooner, or raise"
                + " GraphOptions.withMaxBufferedResults or GraphOptions.withSubmitTimeout")
            : new CapacityExceededException(name + ": " + maxInflight + " executions are in the pipeline (executions"
                + " between #" + graph.undelivered() + " and #" + (exec - 1) + ") and none finished within the submit"
                + " timeout of " + Duration.ofNanos(timeoutNanos) + "; the actors are slower than the submissions (or"
                + " one is stuck): raise maxInflight (@Graph(maxInflight) or GraphOptions.withMaxInflight) or"
                + " GraphOptions.withSubmitTimeout");
      }
      Interrupts.check(name, "waiting in execute for capacity");
      waiter = Thread.currentThread();
      LockSupport.parkNanos(this, Math.min(left, PARK_NANOS));
      waiter = null;
      Interrupts.check(name, "waiting in execute for capacity");
      graph.checkUsable();
    }
  }

  /** The start of both buffer-full messages: how many results wait, which, and the limit. */
  private String bufferFull() {
    return name + ": " + buffer.size() + " results have arrived and are not read (" + buffer.describe()
        + "), the limit of maxBufferedResults = " + buffer.limit();
  }

  /** Wakes a thread blocked in {@link #await}, so it re-checks. */
  void wake() {
    Thread w = waiter;
    if (w != null) {
      LockSupport.unpark(w);
    }
  }
}
