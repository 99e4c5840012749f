package io.cgraph.runtime.internal;

import io.cgraph.runtime.Failure;
import io.cgraph.runtime.WaitStrategy;
import io.cgraph.runtime.channel.Liveness;
import io.cgraph.runtime.channel.Waiting;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Where the participants of one collective meet when they all run in this JVM ({@link Collective}):
 * each publishes its operand (a reference, not a copy), and the participants read each other's
 * arrays between two barriers instead of copying chunks through the ring's channels. One execution
 * at a time: nobody passes the first barrier of an execution before every participant has left the
 * previous one, so one set of fields serves every execution, provided each field is written where
 * no peer can still read the previous execution's value: the operands, lengths, metas, failures
 * and results before the first barrier (read only until the second), the verdicts between the
 * barriers (read after the second, until the next first).
 *
 * <p>The barriers wait as the graph's channels do (its {@link WaitStrategy}, parking at most
 * {@link #PARK_CAP_NANOS} between liveness checks), and end with the graph's
 * {@code GraphClosedException} or {@code GraphBrokenException} when it stops meanwhile.
 */
final class Rendezvous {
  /** The longest a participant parks before it checks the graph's liveness again. */
  static final long PARK_CAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final int size;
  private final WaitStrategy wait;
  private final Liveness liveness;

  // Written by participant r before it arrives at the first barrier, read by the others until the second.
  final Object[] operands;
  final int[] lengths;
  final long[][] metas;
  final Failure[] failures;
  /** Each allReduce participant's result, which every participant writes its reduced chunk into. */
  final Object[] results;
  /** A participant's failure found between the barriers (a peer's length or shape differs); read after the second. */
  final Failure[] verdicts;
  /**
   * The reduced array of a reduceScatter: rank 0 replaces it before the first barrier
   * when the element type or length changes; every participant reduces its own chunk into it.
   */
  Object sum;

  private final AtomicInteger arrived = new AtomicInteger();
  private volatile long phase;
  private final AtomicReferenceArray<Thread> parked;

  Rendezvous(int size, WaitStrategy wait, Liveness liveness) {
    this.size = size;
    this.wait = wait;
    this.liveness = liveness;
    this.operands = new Object[size];
    this.lengths = new int[size];
    this.metas = new long[size][];
    this.failures = new Failure[size];
    this.results = new Object[size];
    this.verdicts = new Failure[size];
    this.parked = new AtomicReferenceArray<>(size);
  }

  /**
   * Participant {@code rank} arrives; returns once all have. What each wrote before arriving is
   * visible to every participant after it returns.
   */
  void arrive(int rank) {
    long p = phase; // nobody moves the phase on before this participant arrives
    if (arrived.incrementAndGet() == size) {
      arrived.set(0);
      phase = p + 1;
      for (int i = 0; i < size; i++) {
        Thread t = parked.get(i);
        if (t != null) {
          LockSupport.unpark(t);
        }
      }
      return;
    }
    Thread me = Thread.currentThread();
    for (long round = 0; phase == p; round++) {
      if ((round & Waiting.CHECK_MASK) == 0 || round >= wait.slowRoundsFrom()) {
        liveness.check();
      }
      if (wait.idle(round, 0)) {
        parked.set(rank, me); // a volatile write, then the volatile read of phase: the last arriver sees one or the other
        if (phase == p) {
          LockSupport.parkNanos(this, PARK_CAP_NANOS);
        }
        parked.set(rank, null);
      }
    }
  }

  /** The failure of the lowest rank that brought one, or null. */
  Failure firstFailure() {
    return first(failures);
  }

  /** The failure the lowest rank found between the barriers, or null. */
  Failure firstVerdict() {
    return first(verdicts);
  }

  private static Failure first(Failure[] byRank) {
    for (Failure f : byRank) {
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  /** Whether some participant's length or meta differs from its predecessor's in the ring. */
  boolean anyMismatch() {
    for (int r = 0; r < size; r++) {
      int pred = Math.floorMod(r - 1, size);
      if (lengths[r] != lengths[pred] || !java.util.Arrays.equals(metas[r], metas[pred])) {
        return true;
      }
    }
    return false;
  }
}
