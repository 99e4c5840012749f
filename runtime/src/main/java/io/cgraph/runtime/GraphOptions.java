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

  /** Default {@link #maxBufferedResults()}: 1000, as Ray's compiled graphs. */
  public static final int DEFAULT_MAX_BUFFERED_RESULTS = 1000;

  /** Default {@link #maxMessageBytes()}: 256 MiB. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 256 << 20;

  private static final GraphOptions DEFAULTS = new GraphOptions(0, Duration.ofSeconds(10), Duration.ofSeconds(10),
      Duration.ofSeconds(30), 0, WaitStrategy.balanced(), null, DEFAULT_MAX_MESSAGE_BYTES, null, false,
      DEFAULT_MAX_BUFFERED_RESULTS, null);

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
  private final int maxBufferedResults;
  private final java.util.concurrent.ThreadFactory threadFactory;

  private GraphOptions(int maxInflight, Duration submitTimeout, Duration getTimeout, Duration teardownTimeout,
      int bufferBytes, WaitStrategy waitStrategy, Path channelDir, int maxMessageBytes, JournalOptions journal,
      boolean timingStats, int maxBufferedResults, java.util.concurrent.ThreadFactory threadFactory) {
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
    this.maxBufferedResults = maxBufferedResults;
    this.threadFactory = threadFactory;
  }

  /**
   * 10 s submit and get timeouts, 30 s teardown, balanced waiting, channels under /dev/shm.
   *
   * @return the default options, one shared instance
   */
  public static GraphOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Executions that may be in the pipeline at once (1..65536): submitted, and their results not yet
   * taken off the output channels. A result that has arrived leaves the pipeline even if nobody has
   * read it yet (it then counts against {@link #withMaxBufferedResults}); an {@code execute} past
   * this limit waits for the oldest execution to finish, up to the submit timeout.
   *
   * @param maxInflight executions that may be in the pipeline at once; 1..65536 ({@link #MAX_INFLIGHT_LIMIT}),
   *     default the graph's {@code @Graph} value
   * @return these options with that limit
   * @throws IllegalArgumentException if {@code maxInflight} is outside 1..65536
   */
  public GraphOptions withMaxInflight(int maxInflight) {
    if (maxInflight < 1 || maxInflight > MAX_INFLIGHT_LIMIT) {
      throw new IllegalArgumentException("maxInflight must be in 1.." + MAX_INFLIGHT_LIMIT + ", got " + maxInflight);
    }
    return new GraphOptions(maxInflight, submitTimeout, getTimeout, teardownTimeout, bufferBytes, waitStrategy, channelDir, maxMessageBytes, journal, timingStats, maxBufferedResults, threadFactory);
  }

  /**
   * Results that may have arrived and wait to be read (a Ref not yet read with {@code get}, a
   * completed {@code executeAsync} future nobody has looked at): at this many, {@code execute} fails
   * with {@code CapacityExceededException} naming them, at once when no thread is reading, else after
   * the submit timeout. Results are kept decoded, on the heap, so this bounds the driver's memory for
   * them; the channels never wait on an unread result. A Ref dropped without {@code get} keeps its
   * place until it is garbage collected (noticed when the limit is reached). Default 1000 (1..2^24).
   *
   * @param maxBufferedResults results that may have arrived and wait to be read; 1..2^24, default 1000
   *     ({@link #DEFAULT_MAX_BUFFERED_RESULTS})
   * @return these options with that limit
   * @throws IllegalArgumentException if {@code maxBufferedResults} is outside 1..2^24
   */
  public GraphOptions withMaxBufferedResults(int maxBufferedResults) {
    if (maxBufferedResults < 1 || maxBufferedResults > 1 << 24) {
      throw new IllegalArgumentException("maxBufferedResults must be in 1.." + (1 << 24) + ", got " + maxBufferedResults);
    }
    return new GraphOptions(maxInflight, submitTimeout, getTimeout, teardownTimeout, bufferBytes, waitStrategy,
        channelDir, maxMessageBytes, journal, timingStats, maxBufferedResults, threadFactory);
  }

  /**
   * Where the actor threads this graph starts come from (as the Disruptor takes one): for pinning
   * them to cores, a priority, a thread group, or a monitoring wrapper. cgraph names each thread
   * ({@code cgraph-<Graph>-<actor>} or {@code cgraph-<ActorThread name>}), makes it a daemon and
   * starts it; the factory returns it unstarted. A thread already running for another graph (an
   * actor serving several graphs, a shared {@code ActorThread}) is kept. Give the threads a large
   * stack ({@code new Thread(group, task, name, 64L << 20)}), as cgraph's own have, if values nest
   * deeply (long chains of records). Default: cgraph's own threads.
   *
   * @param threadFactory makes each actor thread this graph starts, unstarted; not {@code null}
   * @return these options with that factory
   */
  public GraphOptions withThreadFactory(java.util.concurrent.ThreadFactory threadFactory) {
    return new GraphOptions(maxInflight, submitTimeout, getTimeout, teardownTimeout, bufferBytes, waitStrategy,
        channelDir, maxMessageBytes, journal, timingStats, maxBufferedResults,
        Objects.requireNonNull(threadFactory, "threadFactory"));
  }

  /**
   * How long {@code execute} waits for capacity before {@code CapacityExceededException}.
   *
   * @param submitTimeout how long {@code execute} waits for capacity; not negative, default 10 s
   * @return these options with that timeout
   * @throws IllegalArgumentException if {@code submitTimeout} is negative
   */
  public GraphOptions withSubmitTimeout(Duration submitTimeout) {
    return new GraphOptions(maxInflight, nonNegative(submitTimeout, "submitTimeout"), getTimeout, teardownTimeout,
        bufferBytes, waitStrategy, channelDir, maxMessageBytes, journal, timingStats, maxBufferedResults, threadFactory);
  }

  /**
   * How long {@code get()} waits before {@code ChannelTimeoutException}.
   *
   * @param getTimeout how long {@code get()} waits for a result; not negative, default 10 s
   * @return these options with that timeout
   * @throws IllegalArgumentException if {@code getTimeout} is negative
   */
  public GraphOptions withGetTimeout(Duration getTimeout) {
    return new GraphOptions(maxInflight, submitTimeout, nonNegative(getTimeout, "getTimeout"), teardownTimeout,
        bufferBytes, waitStrategy, channelDir, maxMessageBytes, journal, timingStats, maxBufferedResults, threadFactory);
  }

  /**
   * How long {@code close()} waits for actor threads to stop before abandoning them.
   *
   * @param teardownTimeout how long {@code close()} waits for actor threads to stop; not negative, default 30 s
   * @return these options with that timeout
   * @throws IllegalArgumentException if {@code teardownTimeout} is negative
   */
  public GraphOptions withTeardownTimeout(Duration teardownTimeout) {
    return new GraphOptions(maxInflight, submitTimeout, getTimeout, nonNegative(teardownTimeout, "teardownTimeout"),
        bufferBytes, waitStrategy, channelDir, maxMessageBytes, journal, timingStats, maxBufferedResults, threadFactory);
  }

  /**
   * Initial payload bytes of each channel slot; a larger message grows the ring.
   *
   * @param bufferBytes initial payload bytes of each channel slot; positive, default the graph's
   *     {@code @Graph} value
   * @return these options with that slot size
   * @throws IllegalArgumentException if {@code bufferBytes} is not positive
   */
  public GraphOptions withBufferBytes(int bufferBytes) {
    if (bufferBytes <= 0) {
      throw new IllegalArgumentException("bufferBytes must be positive, got " + bufferBytes);
    }
    return new GraphOptions(maxInflight, submitTimeout, getTimeout, teardownTimeout, bufferBytes, waitStrategy, channelDir, maxMessageBytes, journal, timingStats, maxBufferedResults, threadFactory);
  }

  /**
   * How threads wait for channel slots.
   *
   * @param waitStrategy how threads wait for channel slots; default {@link WaitStrategy#balanced()}
   * @return these options with that strategy
   */
  public GraphOptions withWaitStrategy(WaitStrategy waitStrategy) {
    return new GraphOptions(maxInflight, submitTimeout, getTimeout, teardownTimeout, bufferBytes,
        Objects.requireNonNull(waitStrategy, "waitStrategy"), channelDir, maxMessageBytes, journal, timingStats, maxBufferedResults, threadFactory);
  }

  /**
   * Parent directory for the graph's channel files. The graph creates a fresh owner-only
   * sub-directory there and deletes it on close. Default: /dev/shm when it exists, else the
   * temporary directory.
   *
   * @param channelDir the parent directory for the graph's channel files; not {@code null}
   * @return these options with that directory
   */
  public GraphOptions withChannelDir(Path channelDir) {
    return new GraphOptions(maxInflight, submitTimeout, getTimeout, teardownTimeout, bufferBytes, waitStrategy,
        Objects.requireNonNull(channelDir, "channelDir"), maxMessageBytes, journal, timingStats, maxBufferedResults, threadFactory);
  }

  /**
   * The largest encoded value (one execution's inputs, or one call's result) a channel accepts;
   * larger ones fail with {@code MessageTooLargeException} and the graph stays usable.
   *
   * @param maxMessageBytes the largest encoded value a channel accepts, in bytes; positive, default 256 MiB
   *     ({@link #DEFAULT_MAX_MESSAGE_BYTES})
   * @return these options with that limit
   * @throws IllegalArgumentException if {@code maxMessageBytes} is not positive
   */
  public GraphOptions withMaxMessageBytes(int maxMessageBytes) {
    if (maxMessageBytes < 1) {
      throw new IllegalArgumentException("maxMessageBytes must be positive, got " + maxMessageBytes);
    }
    return new GraphOptions(maxInflight, submitTimeout, getTimeout, teardownTimeout, bufferBytes, waitStrategy,
        channelDir, maxMessageBytes, journal, timingStats, maxBufferedResults, threadFactory);
  }

  /**
   * Journals every execution's inputs and its result or failure to a Chronicle Queue in {@code dir},
   * rolling daily and keeping every file; see {@link #withJournal(JournalOptions)}.
   *
   * @param dir the journal's Chronicle Queue directory, created if missing
   * @return these options with that journal
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
   *
   * @param journal where and how to journal; not {@code null}
   * @return these options with that journal
   */
  public GraphOptions withJournal(JournalOptions journal) {
    return new GraphOptions(maxInflight, submitTimeout, getTimeout, teardownTimeout, bufferBytes, waitStrategy,
        channelDir, maxMessageBytes, Objects.requireNonNull(journal, "journal"), timingStats, maxBufferedResults, threadFactory);
  }

  /**
   * Measures each actor's busy time for {@code stats()} (two {@code System.nanoTime()} calls per
   * actor call, plus two more per call for decode/encode). Off by default: counts are always kept,
   * times only when this is on or a JFR recording enables {@code io.cgraph.ActorCall}.
   *
   * @param timingStats whether to measure actor busy times; default {@code false}
   * @return these options with that setting
   */
  public GraphOptions withTimingStats(boolean timingStats) {
    return new GraphOptions(maxInflight, submitTimeout, getTimeout, teardownTimeout, bufferBytes, waitStrategy,
        channelDir, maxMessageBytes, journal, timingStats, maxBufferedResults, threadFactory);
  }

  /**
   * The journal, or {@code null} when executions are not journaled.
   *
   * @return the journal options, or {@code null} when executions are not journaled
   */
  public JournalOptions journal() {
    return journal;
  }

  /**
   * Whether actor busy times are measured for {@code stats()}.
   *
   * @return {@code true} if actor busy times are measured; {@code false} by default
   */
  public boolean timingStats() {
    return timingStats;
  }

  /**
   * The configured maxInflight, or 0 when the graph's {@code @Graph} value applies.
   *
   * @return the value given to {@link #withMaxInflight}, or 0
   */
  public int maxInflight() {
    return maxInflight;
  }

  /**
   * The factory of actor threads, or {@code null} for cgraph's own; see {@link #withThreadFactory}.
   *
   * @return the thread factory, or {@code null} for cgraph's own threads
   */
  public java.util.concurrent.ThreadFactory threadFactory() {
    return threadFactory;
  }

  /**
   * The limit on results that have arrived and are not read yet; see {@link #withMaxBufferedResults}.
   *
   * @return the limit; 1000 by default
   */
  public int maxBufferedResults() {
    return maxBufferedResults;
  }

  /**
   * How long {@code execute} waits for capacity; see {@link #withSubmitTimeout}.
   *
   * @return the submit timeout; 10 s by default
   */
  public Duration submitTimeout() {
    return submitTimeout;
  }

  /**
   * How long {@code get()} waits for a result; see {@link #withGetTimeout}.
   *
   * @return the get timeout; 10 s by default
   */
  public Duration getTimeout() {
    return getTimeout;
  }

  /**
   * How long {@code close()} waits for actor threads to stop; see {@link #withTeardownTimeout}.
   *
   * @return the teardown timeout; 30 s by default
   */
  public Duration teardownTimeout() {
    return teardownTimeout;
  }

  /**
   * The configured slot size, or 0 when the graph's {@code @Graph} value applies.
   *
   * @return the value given to {@link #withBufferBytes}, or 0
   */
  public int bufferBytes() {
    return bufferBytes;
  }

  /**
   * How threads wait for channel slots; see {@link #withWaitStrategy}.
   *
   * @return the wait strategy; {@link WaitStrategy#balanced()} by default
   */
  public WaitStrategy waitStrategy() {
    return waitStrategy;
  }

  /**
   * The configured parent directory for channel files, or {@code null} for the default.
   *
   * @return the directory given to {@link #withChannelDir}, or {@code null}
   */
  public Path channelDir() {
    return channelDir;
  }

  /**
   * The largest encoded value a channel accepts.
   *
   * @return the limit in bytes; 256 MiB by default
   */
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
    return "GraphOptions{maxInflight=" + (maxInflight == 0 ? "@Graph" : maxInflight) + ", maxBufferedResults="
        + maxBufferedResults + ", submitTimeout=" + submitTimeout
        + ", getTimeout=" + getTimeout + ", teardownTimeout=" + teardownTimeout + ", bufferBytes="
        + (bufferBytes == 0 ? "@Graph" : bufferBytes) + ", waitStrategy=" + waitStrategy + ", channelDir="
        + (channelDir == null ? "default" : channelDir) + ", maxMessageBytes=" + maxMessageBytes
        + (journal == null ? "" : ", journal=" + journal) + (timingStats ? ", timingStats" : "")
        + (threadFactory == null ? "" : ", threadFactory=" + threadFactory) + "}";
  }
}
