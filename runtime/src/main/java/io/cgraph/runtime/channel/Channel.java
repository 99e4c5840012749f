package io.cgraph.runtime.channel;

import io.cgraph.runtime.CGraphException;
import io.cgraph.runtime.GraphClosedException;
import io.cgraph.runtime.WaitStrategy;
import io.cgraph.runtime.internal.ChannelReader;
import io.cgraph.runtime.internal.ChannelWriter;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.io.BackgroundResourceReleaser;

/**
 * One producer's output: one writer, N readers, a ring of slots in a file mapped with Chronicle
 * Bytes (DESIGN.md section 6).
 *
 * <p>The writer publishes sequences 0, 1, 2, ... in order; each reader sees every sequence. The
 * writer waits while the slowest reader still holds the slot it needs (back-pressure), and a
 * message larger than a slot grows the ring into a new file ({@code dir/name.1}, {@code .2}, ...),
 * announced through the old one. The layout is in {@code ChannelLayout}.
 *
 * <p>Threading: the {@link #writer()} and each {@link #reader(int)} are used by one thread at a
 * time (which thread may change between calls, given a happens-before hand-off such as a lock).
 * {@link #wakeAll()} and {@link #close()} may be called from any thread.
 *
 * <p>Closing: {@link #close()} makes every later channel call throw {@link GraphClosedException},
 * wakes waiting threads (which then throw), and waits up to two seconds for every thread inside a
 * reader or writer method to leave it before unmapping. It cannot see a thread that is decoding a
 * returned {@code SlotReader} or encoding into a claimed {@code SlotWriter}: the caller stops
 * those first (the runtime joins its actor threads). Close the channel after the {@link Liveness}
 * it was created with has started failing, so that waits end promptly.
 */
public final class Channel implements AutoCloseable {
  private static final long CLOSE_WAIT_NANOS = 2_000_000_000L;
  private static final int MAX_READERS = 1 << 16;

  private final Path dir;
  private final String name;
  final int ringSize;
  final WaitStrategy wait;
  private final Liveness liveness;
  private final RingWriter writer;
  private final RingReader[] readers;
  private final Object lock = new Object();
  /** Every generation so far, indexed by number; replaced (copy on write) under {@link #lock}. */
  private volatile Generation[] generations;
  private volatile boolean closed;
  /** False for a channel opened by {@link #open} (another process created it and deletes its files). */
  private final boolean ownsFiles;
  /** How long a parked reader sleeps at most before re-checking; tests raise it to prove unparking works. */
  volatile long readerParkCapNanos = Waiting.READER_PARK_CAP_NANOS;
  /** Yields a reader makes beyond its strategy's before parking; raised across processes. */
  volatile int readerExtraYields;

  private Channel(Path dir, String name, int ringSize, WaitStrategy wait, Liveness liveness, Generation first,
      boolean ownsFiles) {
    this.dir = dir;
    this.ownsFiles = ownsFiles;
    this.name = name;
    this.ringSize = ringSize;
    this.wait = wait;
    this.liveness = liveness;
    this.generations = new Generation[] {first};
    this.readers = new RingReader[first.readers];
    for (int i = 0; i < readers.length; i++) {
      readers[i] = new RingReader(this, i, first);
    }
    this.writer = new RingWriter(this, first);
  }

  /**
   * Creates the channel file {@code dir/name.0} (mode 0600) with {@code ringSize} slots of
   * {@code slotBytes} payload each, for {@code readers} readers.
   */
  public static Channel create(Path dir, String name, int ringSize, int slotBytes, int readers, WaitStrategy wait,
      Liveness liveness) {
    checkArguments(dir, name, wait, liveness);
    if (ringSize < 1) {
      throw new IllegalArgumentException("channel " + name + ": ringSize must be at least 1, got " + ringSize);
    }
    if (slotBytes < 0) {
      throw new IllegalArgumentException("channel " + name + ": slotBytes must be >= 0, got " + slotBytes);
    }
    if (readers < 1 || readers > MAX_READERS) {
      throw new IllegalArgumentException(
          "channel " + name + ": readers must be between 1 and " + MAX_READERS + ", got " + readers);
    }
    int stride = (int) ChannelLayout.strideFor(Math.min(slotBytes, ChannelLayout.MAX_STRIDE - 2 * ChannelLayout.CACHE_LINE));
    Generation first = Generation.create(dir, name, 0, ringSize, stride, readers, ChannelLayout.NONE);
    return new Channel(dir, name, ringSize, wait, liveness, first, true);
  }

  private static void checkArguments(Path dir, String name, WaitStrategy wait, Liveness liveness) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(wait, "wait");
    Objects.requireNonNull(liveness, "liveness");
    if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("channel name must be non-empty and contain no '/' or NUL, got '" + name + "'");
    }
  }

  /**
   * Opens, in another process, the channel that {@link #create} made as {@code dir/name.0}: the
   * ring size and reader count come from its header. The returned channel never deletes files
   * (its creator does) and waits as across processes ({@link #crossProcess()}). Open it before its
   * writer first publishes, so that generation 0 is the current ring.
   */
  public static Channel open(Path dir, String name, WaitStrategy wait, Liveness liveness) {
    checkArguments(dir, name, wait, liveness);
    Generation first = Generation.open(dir, name, 0);
    Channel c = new Channel(dir, name, first.ringSize, wait, liveness, first, false);
    c.crossProcess();
    return c;
  }

  /**
   * Marks this channel as having its writer and a reader in different processes, where the
   * writer's unpark cannot reach a parked reader: parked readers then wake on their own every
   * {@value Waiting#CROSS_PROCESS_PARK_NANOS} ns (DESIGN.md section 6). Call before use.
   */
  public void crossProcess() {
    readerParkCapNanos = Math.min(readerParkCapNanos, Waiting.CROSS_PROCESS_PARK_NANOS);
    readerExtraYields = Waiting.CROSS_PROCESS_EXTRA_YIELDS;
  }

  /**
   * Transport layer: reader {@code index} is not on this host, so it never holds the writer back
   * here (its slots are served by a forwarder to its host, or not at all). Recorded in the file, so
   * a writer in a worker process and every later ring generation see it. Call before the writer
   * first publishes; the reader end must not be used afterwards.
   */
  public void exclude(int index) {
    ringReader(index);
    synchronized (lock) {
      for (Generation g : generations) {
        if (g != null) {
          g.exclude(index);
        }
      }
    }
  }

  /** The single writer of this channel. */
  public ChannelWriter writer() {
    return writer;
  }

  /** Reader number {@code index} (0-based), each with its own cursor. */
  public ChannelReader reader(int index) {
    return ringReader(index);
  }

  RingReader ringReader(int index) {
    if (index < 0 || index >= readers.length) {
      throw new IndexOutOfBoundsException("channel " + name + " has " + readers.length + " readers, no reader " + index);
    }
    return readers[index];
  }

  /** The channel's name, which is also the stem of its file names. */
  public String name() {
    return name;
  }

  /** The number of slots in the ring: how far the writer may run ahead of the slowest reader. */
  public int ringSize() {
    return ringSize;
  }

  /** The number of readers. */
  public int readerCount() {
    return readers.length;
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** What this JVM's threads waiting on this channel do while they wait; null for nothing (see {@link #assistWaits}). */
  volatile WaitAssist assist;

  /**
   * Transport layer: threads of this JVM that wait on this channel (a reader for a slot, the
   * writer for room) run {@code assist} while they wait, before they yield or park: for a channel
   * whose slots arrive, or leave, through a transport that moves only when polled. Call before use.
   */
  public void assistWaits(WaitAssist assist) {
    this.assist = assist;
  }

  /** Told after each publish by this JVM's writer (once per batch for an executor's); null when nobody asked. */
  private volatile Runnable onPublish;

  /**
   * Runs {@code listener} on the writer's thread after each publish made in this JVM (once per batch
   * for a batched writer); it must be quick and never block. A writer in another process does not
   * call it. Used by the driver to complete futures of results that arrive while nobody reads.
   */
  public void onPublish(Runnable listener) {
    this.onPublish = listener;
  }

  void published() {
    Runnable l = onPublish;
    if (l != null) {
      if (!wait.signalsParked()) {
        // The listener's reads must not pass the publish (a parking strategy's wake-up fenced already):
        // a thread that registers interest, then looks at the slot, or this writer, then sees the other.
        VarHandle.fullFence();
      }
      l.run();
    }
  }

  /** Unparks every thread parked in this channel so it re-checks its {@link Liveness}. */
  public void wakeAll() {
    for (RingReader r : readers) {
      r.wake();
    }
    writer.wake();
  }

  /** Idempotent: unmaps and deletes every file of this channel (all ring generations). */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
    boolean idle;
    while (!(idle = endpointsIdle()) && !Waiting.passed(deadline, System.nanoTime())) {
      wakeAll();
      LockSupport.parkNanos(this, 100_000);
    }
    writer.detach();
    for (RingReader r : readers) {
      r.detach();
    }
    for (Generation g : generations) {
      if (g == null) {
        continue;
      }
      if (idle) {
        g.unmap();
      }
      if (ownsFiles) {
        g.delete();
      }
    }
    if (!idle) {
      Jvm.warn().on(Channel.class, "channel " + name + " closed while a thread was still inside one of its reader or"
          + " writer methods after two seconds; its memory stays mapped until the JVM exits");
    }
  }

  /**
   * Finishes the unmapping of channels closed on this thread. Chronicle hands the last release of a
   * mapped file to its background releaser thread, so without this a closed graph's memory could
   * still be mapped (and its /dev/shm pages held) for a moment after {@code close} returned. This
   * performs the pending releases on the calling thread and waits, up to about a second, for one
   * that thread already took. Called once after a graph's channels are closed (it costs about 1 ms).
   */
  public static void finishUnmapping() {
    BackgroundResourceReleaser.releasePendingResources();
  }

  /** Throws if the graph's liveness check fails or the channel is closed. Called by every wait. */
  void checkAlive() {
    liveness.check();
    checkOpen();
  }

  void checkOpen() {
    if (closed) {
      throw new GraphClosedException("channel " + name + " is closed: the graph was closed or torn down");
    }
  }

  /**
   * Generation number {@code number}, which the writer announced in a MOVED slot. A generation
   * that a writer in another process created is opened from its file on first use.
   */
  Generation generation(long number) {
    Generation[] gs = generations;
    if (number >= gs.length || (number >= 0 && gs[(int) number] == null)) {
      gs = openGenerations(number);
    }
    if (number < 0 || number >= gs.length || gs[(int) number] == null) {
      throw new CGraphException("channel " + name + ": a slot announces ring generation " + number + " but there is no"
          + " such file; the channel file is corrupt or was deleted");
    }
    return gs[(int) number];
  }

  private Generation[] openGenerations(long number) {
    synchronized (lock) {
      checkOpen();
      Generation[] gs = generations;
      if (number < 0 || number > Integer.MAX_VALUE - 8 || !Files.exists(dir.resolve(name + "." + number))) {
        return gs;
      }
      Generation[] more = gs.length > number ? gs.clone() : Arrays.copyOf(gs, (int) number + 1);
      if (more[(int) number] == null) {
        more[(int) number] = Generation.open(dir, name, number);
      }
      generations = more;
      return more;
    }
  }

  /** Creates and registers the next generation, whose slots have {@code stride} bytes. */
  Generation grow(int stride, long readerCursor) {
    synchronized (lock) {
      checkOpen();
      Generation[] gs = generations;
      Generation next = Generation.create(dir, name, gs.length, ringSize, stride, readers.length, readerCursor);
      Generation last = gs[gs.length - 1];
      for (int r = 0; r < readers.length; r++) {
        if (last != null && last.isExcluded(r)) {
          next.exclude(r);
        }
      }
      Generation[] more = Arrays.copyOf(gs, gs.length + 1);
      more[gs.length] = next;
      generations = more;
      return next;
    }
  }

  /** The current number of ring generations (files); for tests. */
  int generationCount() {
    return generations.length;
  }

  private boolean endpointsIdle() {
    boolean idle = writer.idleForClose();
    for (RingReader r : readers) {
      idle &= r.idleForClose();
    }
    return idle;
  }

  @Override
  public String toString() {
    return "Channel[" + name + ", " + readers.length + " readers, " + generations[generations.length - 1]
        + (closed ? ", closed]" : "]");
  }
}
