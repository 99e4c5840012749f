package io.cgraph.runtime.channel;

/**
 * The constants of every channel wait, shared by readers ({@link RingReader#await}), the writer
 * ({@link RingWriter#claim}) and executors. A wait counts rounds from 0; each round it checks its
 * condition, and if that is not met calls its {@code WaitStrategy}'s {@code idle}, which spins or
 * yields, or says to park (a reader until the writer unparks it, the writer for
 * {@link #WRITER_PARK_NANOS}).
 */
public final class Waiting {
  /**
   * While spinning, liveness (and a deadline) is checked on round 0 and every 1024 rounds; once
   * yielding or parking, on every round (a yield may take a whole time slice when cores are busy).
   */
  public static final int CHECK_MASK = 1023;

  /** The writer's park while back-pressure holds it; readers do not unpark it. */
  static final long WRITER_PARK_NANOS = 50_000;

  /** The longest a reader parks before it re-checks liveness, even if nobody unparks it. */
  static final long READER_PARK_CAP_NANOS = 1_000_000;

  /** The reader's park when its writer is in another process, whose unpark cannot reach it (DESIGN.md 6). */
  static final long CROSS_PROCESS_PARK_NANOS = 100_000;

  private Waiting() {}

  /**
   * How many more yields a reader makes before it parks when its writer is in another process:
   * there no unpark shortens the park, so the wait stays in the cheap yield phase longer (a yield
   * on an idle core costs well under a microsecond). An idle reader still parks.
   */
  static final int CROSS_PROCESS_EXTRA_YIELDS = 2000;

  /**
   * The round a wait starts from: 0, or with a {@link WaitAssist} the first yield round of
   * {@code wait}: an assisted wait skips the strategy's spin phase. That phase is sized for rounds
   * of a few nanoseconds; a round that runs a transport's work takes microseconds, so its spins
   * hold the core for up to a millisecond, and on a machine with more runnable threads than cores
   * the thread it waits for may be the one that cannot run. Measured across three network
   * namespaces on two cores ({@code benchmarks/cluster.sh}, YIELDING): with 8 or 16 spin rounds
   * left, Echo p50 was 9–10 µs in most runs and 33–42 µs in others, and Linear3 at 16 in flight
   * made 50–135 k/s; with none, Echo 14–16 µs in every run and Linear3 196–208 k/s. Busy-spin
   * strategies keep spinning.
   */
  public static long firstRound(io.cgraph.runtime.WaitStrategy wait, WaitAssist assist) {
    long from = wait.slowRoundsFrom();
    return assist == null || from == Long.MAX_VALUE ? 0 : from;
  }

  /** Whether {@code now} is at or past {@code deadline} (both {@link System#nanoTime()} values). */
  public static boolean passed(long deadline, long now) {
    return now - deadline >= 0;
  }
}
