package io.cgraph.runtime;

import java.nio.file.Path;
import java.util.Objects;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

/**
 * Where and how a graph journals its executions (see {@link GraphOptions#withJournal(JournalOptions)}):
 * a Chronicle Queue directory, its roll cycle (one file per cycle) and how many cycle files to keep.
 * Immutable:
 *
 * <pre>{@code
 * GraphOptions.defaults().withJournal(JournalOptions.at(Path.of("journal"))
 *     .withRollCycle(RollCycles.FAST_HOURLY)
 *     .withRetainedCycles(48)
 *     .withBacklog(65536));
 * }</pre>
 */
public final class JournalOptions {
  /** Default {@link #backlog()}: records handed to the journal thread and not yet appended. */
  public static final int DEFAULT_BACKLOG = 65536;

  private final Path dir;
  private final RollCycle rollCycle;
  private final int retainedCycles;
  private final int backlog;

  private JournalOptions(Path dir, RollCycle rollCycle, int retainedCycles, int backlog) {
    this.dir = dir;
    this.rollCycle = rollCycle;
    this.retainedCycles = retainedCycles;
    this.backlog = backlog;
  }

  /**
   * A journal in {@code dir} (created if missing), rolling daily, keeping every cycle.
   *
   * @param dir the Chronicle Queue directory; created if missing
   * @return options for a journal in {@code dir}, with the default roll cycle, retention and backlog
   */
  public static JournalOptions at(Path dir) {
    return new JournalOptions(Objects.requireNonNull(dir, "dir"), RollCycles.FAST_DAILY, 0, DEFAULT_BACKLOG);
  }

  /**
   * How often the queue starts a new file, e.g. {@code RollCycles.FAST_HOURLY}. Default: daily.
   *
   * @param rollCycle how often the queue starts a new file; default {@code RollCycles.FAST_DAILY}
   * @return these options with that roll cycle
   */
  public JournalOptions withRollCycle(RollCycle rollCycle) {
    return new JournalOptions(dir, Objects.requireNonNull(rollCycle, "rollCycle"), retainedCycles, backlog);
  }

  /**
   * How many cycle files to keep: when the queue rolls to a new file, the oldest files beyond this
   * count are deleted. 0 (the default) keeps all.
   *
   * @param retainedCycles how many cycle files to keep; not negative, 0 (the default) keeps all
   * @return these options with that retention
   * @throws IllegalArgumentException if {@code retainedCycles} is negative
   */
  public JournalOptions withRetainedCycles(int retainedCycles) {
    if (retainedCycles < 0) {
      throw new IllegalArgumentException("retainedCycles must not be negative, got " + retainedCycles);
    }
    return new JournalOptions(dir, rollCycle, retainedCycles, backlog);
  }

  /**
   * How many records may wait for the journal thread. When it falls this far behind, {@code execute}
   * (and the driver taking results) waits for it: back-pressure, never a silent loss. Default 65536.
   *
   * @param backlog how many records may wait for the journal thread; at least 16, default 65536
   *     ({@link #DEFAULT_BACKLOG})
   * @return these options with that backlog
   * @throws IllegalArgumentException if {@code backlog} is less than 16
   */
  public JournalOptions withBacklog(int backlog) {
    if (backlog < 16) {
      throw new IllegalArgumentException("backlog must be at least 16, got " + backlog);
    }
    return new JournalOptions(dir, rollCycle, retainedCycles, backlog);
  }

  /**
   * The Chronicle Queue directory; see {@link #at}.
   *
   * @return the journal's directory
   */
  public Path dir() {
    return dir;
  }

  /**
   * How often the queue starts a new file; see {@link #withRollCycle}.
   *
   * @return the roll cycle; {@code RollCycles.FAST_DAILY} by default
   */
  public RollCycle rollCycle() {
    return rollCycle;
  }

  /**
   * How many cycle files are kept; see {@link #withRetainedCycles}.
   *
   * @return the number of cycle files kept, or 0 (the default) when all are kept
   */
  public int retainedCycles() {
    return retainedCycles;
  }

  /**
   * How many records may wait for the journal thread; see {@link #withBacklog}.
   *
   * @return the backlog; 65536 by default
   */
  public int backlog() {
    return backlog;
  }

  @Override
  public String toString() {
    return "JournalOptions{dir=" + dir + ", rollCycle=" + rollCycle + ", retainedCycles="
        + (retainedCycles == 0 ? "all" : retainedCycles) + ", backlog=" + backlog + "}";
  }
}
