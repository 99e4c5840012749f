package io.cgraph.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Run-time options of a compiled graph. Immutable; start from {@link #defaults()} and derive with
 * the {@code with...} methods:
 *
 * <pre>{@code
 * GraphOptions options = GraphOptions.defaults()
 *     .withMaxInflight(64)
 *     .withWaitStrategy(WaitStrategy.busySpin());
 * }</pre>
 *
 * <p>{@code maxInflight} and {@code bufferBytes} default to the values of the graph's
 * {@code @Graph} annotation; set here, they override it.
 */
public final class GraphOptions {
  /** Largest permitted {@code maxInflight}. */
  public static final int MAX_INFLIGHT_LIMIT = 65536;

  /** Default {@link #maxMessageBytes()}: 256 MiB. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 256 << 20;

  private static final GraphOptions DEFAULTS = new GraphOptions(0, Duration.ofSeconds(10), Duration.ofSeconds(10),
      Duration.ofSeconds(30), 0, WaitStrategy.balanced(), null, DEFAULT_MAX_MESSAGE_BYTES, null, false);

  private final int maxInflight;
  private final Duration submitTimeout;
  private final Duration getTimeout;
  private final Duration teardownTimeout;
  private final int bufferBytes;
  private final WaitStrategy waitStrategy;
  private final Path channelDir;
  private final int maxMessageBytes;
  private final JournalOptions journal;
  private final boolean timingStats;

  private GraphOptions(int maxInflight, Duration submitTimeout, Duration getTimeout, Duration teardownTimeout,
      int bufferBytes, WaitStrategy waitStrategy, Path channelDir, int maxMessageBytes, JournalOptions journal,
      boolean timingStats) {
    this.maxInflight = maxInflight;
    this.submitTimeout = submitTimeout;
    this.getTimeout = getTimeout;
    this.teardownTimeout = teardownTimeout;
    this.bufferBytes = bufferBytes;
    this.waitStrategy = waitStrategy;
    this.channelDir = channelDir;
    this.maxMessageBytes = maxMessageBytes;
    this.journal = journal;
    this.timingStats = timingStats;
  }

  /** 10 s submit and get timeouts, 30 s teardown, balanced waiting, channels under /dev/shm. */
  public static GraphOptions defaults() {
    return DEFAULTS;
  }

  /** Executions that may be submitted and not yet read at once (1..65536). */
  public GraphOptions withMaxInflight(int maxInflight) {
    if (maxInflight < 1 || maxInflight > MAX_INFLIGHT_LIMIT) {
      throw new IllegalArgumentException("maxInflight must be in 1.." + MAX_INFLIGHT_LIMIT + ", got " + maxInflight);
    }
    return new GraphOptions(maxInflight, submitTimeout, getTimeout, teardownTimeout, bufferBytes, waitStrategy, channelDir, maxMessageBytes, journal, timingStats);
  }

  /** How long {@code execute} waits for capacity before {@code CapacityExceededException}. */
  public GraphOptions withSubmitTimeout(Duration submitTimeout) {
    return new GraphOptions(maxInflight, nonNegative(submitTimeout, "submitTimeout"), getTimeout, teardownTimeout,
        bufferBytes, waitStrategy, channelDir, maxMessageBytes, journal, timingStats);
  }

  /** How long {@code get()} waits before {@code ChannelTimeoutException}. */
  public GraphOptions withGetTimeout(Duration getTimeout) {
    return new GraphOptions(maxInflight, submitTimeout, nonNegative(getTimeout, "getTimeout"), teardownTimeout,
        bufferBytes, waitStrategy, channelDir, maxMessageBytes, journal, timingStats);
  }

  /** How long {@code close()} waits for actor threads to stop before abandoning them. */
  public GraphOptions withTeardownTimeout(Duration teardownTimeout) {
    return new GraphOptions(maxInflight, submitTimeout, getTimeout, nonNegative(teardownTimeout, "teardownTimeout"),
        bufferBytes, waitStrategy, channelDir, maxMessageBytes, journal, timingStats);
  }

  /** Initial payload bytes of each channel slot; a larger message grows the ring. */
  public GraphOptions withBufferBytes(int bufferBytes) {
    if (bufferBytes <= 0) {
      throw new IllegalArgumentException("bufferBytes must be positive, got " + bufferBytes);
    }
    return new GraphOptions(maxInflight, submitTimeout, getTimeout, teardownTimeout, bufferBytes, waitStrategy, channelDir, maxMessageBytes, journal, timingStats);
  }

  /** How threads wait for channel slots. */
  public GraphOptions withWaitStrategy(WaitStrategy waitStrategy) {
    return new GraphOptions(maxInflight, submitTimeout, getTimeout, teardownTimeout, bufferBytes,
        Objects.requireNonNull(waitStrategy, "waitStrategy"), channelDir, maxMessageBytes, journal, timingStats);
  }

  /**
   * Parent directory for the graph's channel files. The graph creates a fresh owner-only
   * sub-directory there and deletes it on close. Default: /dev/shm when it exists, else the
   * temporary directory.
   */
  public GraphOptions withChannelDir(Path channelDir) {
    return new GraphOptions(maxInflight, submitTimeout, getTimeout, teardownTimeout, bufferBytes, waitStrategy,
        Objects.requireNonNull(channelDir, "channelDir"), maxMessageBytes, journal, timingStats);
  }

  /**
   * The largest encoded value (one execution's inputs, or one call's result) a channel accepts;
   * larger ones fail with {@code MessageTooLargeException} and the graph stays usable.
   */
  public GraphOptions withMaxMessageBytes(int maxMessageBytes) {
    if (maxMessageBytes < 1) {
      throw new IllegalArgumentException("maxMessageBytes must be positive, got " + maxMessageBytes);
    }
    return new GraphOptions(maxInflight, submitTimeout, getTimeout, teardownTimeout, bufferBytes, waitStrategy,
        channelDir, maxMessageBytes, journal, timingStats);
  }

  /**
   * Journals every execution's inputs and its result or failure to a Chronicle Queue in {@code dir},
   * rolling daily and keeping every file; see {@link #withJournal(JournalOptions)}.
   */
  public GraphOptions withJournal(Path dir) {
    return withJournal(JournalOptions.at(dir));
  }

  /**
   * Journals every execution's inputs and its result or failure to a Chronicle Queue, on a journal
   * thread: the actors never wait for it, and {@code execute} waits only when the journal thread is
   * {@link JournalOptions#backlog()} records behind. Read it back with the graph class's
   * {@code readJournal}, replay it with {@code replay}, or print it with
   * {@code io.cgraph.runtime.journal.JournalInspector}.
   */
  public GraphOptions withJournal(JournalOptions journal) {
    return new GraphOptions(maxInflight, submitTimeout, getTimeout, teardownTimeout, bufferBytes, waitStrategy,
        channelDir, maxMessageBytes, Objects.requireNonNull(journal, "journal"), timingStats);
  }

  /**
   * Measures each actor's busy time for {@code stats()} (two {@code System.nanoTime()} calls per
   * actor call, plus two more per call for decode/encode). Off by default: counts are always kept,
   * times only when this is on or a JFR recording enables {@code io.cgraph.ActorCall}.
   */
  public GraphOptions withTimingStats(boolean timingStats) {
    return new GraphOptions(maxInflight, submitTimeout, getTimeout, teardownTimeout, bufferBytes, waitStrategy,
        channelDir, maxMessageBytes, journal, timingStats);
  }

  /** The journal, or {@code null} when executions are not journaled. */
  public JournalOptions journal() {
    return journal;
  }

  /** Whether actor busy times are measured for {@code stats()}. */
  public boolean timingStats() {
    return timingStats;
  }

  /** The configured maxInflight, or 0 when the graph's {@code @Graph} value applies. */
  public int maxInflight() {
    return maxInflight;
  }

  public Duration submitTimeout() {
    return submitTimeout;
  }

  public Duration getTimeout() {
    return getTimeout;
  }

  public Duration teardownTimeout() {
    return teardownTimeout;
  }

  /** The configured slot size, or 0 when the graph's {@code @Graph} value applies. */
  public int bufferBytes() {
    return bufferBytes;
  }

  public WaitStrategy waitStrategy() {
    return waitStrategy;
  }

  /** The configured parent directory for channel files, or {@code null} for the default. */
  public Path channelDir() {
    return channelDir;
  }

  /** The largest encoded value a channel accepts. */
  public int maxMessageBytes() {
    return maxMessageBytes;
  }

  private static Duration nonNegative(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative, got " + d);
    }
    return d;
  }

  @Override
  public String toString() {
    return "GraphOptions{maxInflight=" + (maxInflight == 0 ? "@Graph" : maxInflight) + ", submitTimeout=" + submitTimeout
        + ", getTimeout=" + getTimeout + ", teardownTimeout=" + teardownTimeout + ", bufferBytes="
        + (bufferBytes == 0 ? "@Graph" : bufferBytes) + ", waitStrategy=" + waitStrategy + ", channelDir="
        + (channelDir == null ? "default" : channelDir) + ", maxMessageBytes=" + maxMessageBytes
        + (journal == null ? "" : ", journal=" + journal) + (timingStats ? ", timingStats" : "") + "}";
  }
}
