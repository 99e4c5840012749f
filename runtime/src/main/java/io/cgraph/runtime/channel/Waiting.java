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
   * The round a wait starts from: 0, or with a {@link WaitAssist} the round {@value #ASSISTED_SPINS}
   * before {@code wait}'s first yield. A strategy's spin phase is sized for rounds of a few
   * nanoseconds; a round that runs a transport's work takes microseconds, and a hundred of them
   * hold the core for the better part of a millisecond, starving the threads the wait is for on a
   * busy machine. Measured across three network namespaces on two cores (benchmarks/cluster.sh):
   * Linear3 at 16 in flight 23–25 k/s with the full 100 spins, 41–43 k/s with 32, 74–81 k/s with 16,
   * 86–93 k/s with 4; Echo p50 about 9 µs with 16 or more, 21–23 µs with 4. Busy-spin strategies
   * keep spinning.
   */
  public static long firstRound(io.cgraph.runtime.WaitStrategy wait, WaitAssist assist) {
    long from = wait.slowRoundsFrom();
    return assist == null || from == Long.MAX_VALUE ? 0 : Math.max(0, from - ASSISTED_SPINS);
  }

  /** The spin rounds left to a wait that runs a transport's rounds (see {@link #firstRound}). */
  static final int ASSISTED_SPINS = 16;

  /** Whether {@code now} is at or past {@code deadline} (both {@link System#nanoTime()} values). */
  public static boolean passed(long deadline, long now) {
    return now - deadline >= 0;
  }
}
