package io.cgraph.runtime.channel;

import static io.cgraph.runtime.channel.ChannelLayout.FAILURE;
import static io.cgraph.runtime.channel.ChannelLayout.MOVED;
import static io.cgraph.runtime.channel.ChannelLayout.SLOT_LENGTH;
import static io.cgraph.runtime.channel.ChannelLayout.SLOT_PAYLOAD;
import static io.cgraph.runtime.channel.ChannelLayout.SLOT_SEQ;
import static io.cgraph.runtime.channel.ChannelLayout.SLOT_STATUS;
import static io.cgraph.runtime.channel.ChannelLayout.VALUE;
import static net.openhft.chronicle.core.UnsafeMemory.MEMORY;

import io.cgraph.runtime.CGraphException;
import io.cgraph.runtime.internal.ChannelReader;
import io.cgraph.runtime.internal.SlotReader;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One reader of a mapped-file {@link Channel}, with its own cursor. Reads sequences in order.
 *
 * <p>Used by one thread at a time (which thread may change between calls). The {@link SlotReader}
 * returned by {@link #poll}/{@link #await} is one object reused for every message of this reader:
 * decode it, then {@link #release} the sequence; after release it can no longer be read. Every
 * sequence that was awaited must be released, or the writer stalls once it is a ring ahead.
 *
 * <p>{@link Channel#close()} waits for threads inside these methods, not for a thread that holds
 * a returned {@link SlotReader}: do not decode a slot concurrently with closing its channel.
 */
final class RingReader extends Endpoint implements ChannelReader {
  private final int index;
  private final SlotReader slot = new SlotReader();
  /** The generation this reader reads from; it moves on when it meets a MOVED slot. */
  private Generation gen;
  /** The highest sequence released (and stored in {@link #gen}'s cursor). */
  private long released = ChannelLayout.NONE;
  /** The highest sequence released but not yet stored in the cursor (batched readers), or NONE. */
  private long pendingRelease = ChannelLayout.NONE;
  private boolean batched;

  RingReader(Channel channel, int index, Generation first) {
    super(channel);
    this.index = index;
    this.gen = first;
  }

  @Override
  public SlotReader poll(long seq) {
    enter();
    try {
      return read(seq);
    } finally {
      leave();
    }
  }

  @Override
  public SlotReader await(long seq) {
    return awaitUntil(seq, false, 0, null);
  }

  @Override
  public SlotReader await(long seq, long deadlineNanos) {
    return awaitUntil(seq, true, deadlineNanos, null);
  }

  @Override
  public SlotReader await(long seq, long deadlineNanos, java.util.function.BooleanSupplier stop) {
    return awaitUntil(seq, true, deadlineNanos, stop);
  }

  /** Done with {@code seq}: the writer may reuse its slot. A no-op on a closed channel. */
  @Override
  public void release(long seq) {
    slot.detach();
    if (seq > released) {
      released = seq;
      if (batched) {
        pendingRelease = seq;
        return;
      }
      storeCursor(seq);
    }
  }

  @Override
  public void batched() {
    batched = true;
  }

  @Override
  public void flush() {
    long seq = pendingRelease;
    if (seq != ChannelLayout.NONE) {
      pendingRelease = ChannelLayout.NONE;
      storeCursor(seq);
    }
  }

  private void storeCursor(long seq) {
    enterUnchecked();
    try {
      if (!channel.isClosed()) { // releasing after close is harmless: nobody writes any more
        MEMORY.writeOrderedLong(gen.readerCursor(index), seq);
      }
    } finally {
      leave();
    }
  }

  /**
   * Gives back the slot that {@link #poll}/{@link #await} returned for {@code seq} without
   * consuming it: the writer may not reuse it, and the next poll/await of {@code seq} returns it
   * again. For a driver that reads several channels for one execution and times out on a later one.
   */
  @Override
  public void putBack(long seq) {
    slot.detach();
    leave();
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public boolean isPublished(long seq) {
    return publishedSlot(seq) >= 0;
  }

  @Override
  public boolean arm(long seq, Thread waiter) {
    parked = waiter;
    MEMORY.writeVolatileInt(gen.readerParked(index), 1);
    VarHandle.fullFence();
    return isPublished(seq);
  }

  @Override
  public void disarm() {
    MEMORY.writeOrderedInt(gen.readerParked(index), 0);
    parked = null;
  }

  @Override
  public long parkCapNanos() {
    return channel.readerParkCapNanos;
  }

  /** This reader's side of the channel's wait assist (one thread at a time uses a reader). */
  private final AssistedWait assisted = new AssistedWait();

  @Override
  public WaitAssist waitAssist() {
    return channel.assist;
  }

  @Override
  public int extraYields() {
    return channel.readerExtraYields;
  }

  @Override
  public void checkAlive() {
    channel.checkAlive();
  }

  private SlotReader awaitUntil(long seq, boolean timed, long deadline, java.util.function.BooleanSupplier stop) {
    enter();
    try {
      SlotReader r = read(seq);
      if (r != null) {
        return r;
      }
      assisted.use(channel.assist);
      try {
        for (long round = assisted.firstRound(channel.wait); r == null; round++) {
          if ((round & Waiting.CHECK_MASK) == 0 || round >= channel.wait.slowRoundsFrom()) {
            channel.checkAlive();
            if (timed && Waiting.passed(deadline, System.nanoTime())) {
              return null;
            }
            if (stop != null && stop.getAsBoolean()) {
              return null;
            }
          }
          if (assisted.round() > 0) {
            r = read(seq); // the transport moved: look again at once, without idling
            continue;
          }
          if (channel.wait.idle(round, channel.readerExtraYields)) {
            assisted.stop(true);
            r = park(seq, timed, deadline);
            if (r == null && ((timed && Waiting.passed(deadline, System.nanoTime()))
                || (stop != null && stop.getAsBoolean()))) {
              return null;
            }
          } else {
            r = read(seq);
          }
        }
        return r;
      } finally {
        assisted.stop(false);
      }
    } finally {
      leave();
    }
  }

  /**
   * The reader's half of the park handshake (Dekker, see {@code ChannelWriter.wakeParkedReaders}):
   * set the parked flag, full fence, re-check the slot, and only then park. The park is capped so
   * that liveness is re-checked even if no wake-up comes.
   */
  private SlotReader park(long seq, boolean timed, long deadline) {
    channel.checkAlive();
    long flag = gen.readerParked(index);
    parked = Thread.currentThread();
    MEMORY.writeVolatileInt(flag, 1);
    VarHandle.fullFence();
    SlotReader r = read(seq);
    if (r == null) {
      long nanos = channel.readerParkCapNanos;
      if (timed) {
        nanos = Math.min(nanos, deadline - System.nanoTime());
      }
      if (nanos > 0) {
        LockSupport.parkNanos(this, nanos);
      }
    }
    MEMORY.writeOrderedInt(flag, 0);
    parked = null;
    return r;
  }

  /**
   * The address of the slot that holds {@code seq} once it is published, following MOVED
   * announcements to newer generations; -1 while it is not published.
   */
  private long publishedSlot(long seq) {
    for (;;) {
      long at = gen.slot(seq);
      if (MEMORY.readVolatileLong(at + SLOT_SEQ) != seq) {
        return -1;
      }
      if (MEMORY.readInt(at + SLOT_STATUS) != MOVED) {
        return at;
      }
      // The writer started the new ring's cursors at seq - 1: everything before seq lives in older rings.
      gen = channel.generation(MEMORY.readLong(at + SLOT_PAYLOAD));
      released = Math.max(released, seq - 1);
    }
  }

  /** The slot for {@code seq} if published, following MOVED announcements to newer generations. */
  private SlotReader read(long seq) {
    long at = publishedSlot(seq);
    if (at < 0) {
      return null;
    }
    Generation g = gen;
    int status = MEMORY.readInt(at + SLOT_STATUS);
    int length = MEMORY.readInt(at + SLOT_LENGTH);
    if ((status != VALUE && status != FAILURE) || length < 0 || length > g.payloadCapacity) {
      throw new CGraphException("channel " + channel.name() + ": the slot of sequence " + seq + " in " + g
          + " is corrupt (status " + status + ", length " + length + ")");
    }
    slot.attach(at + SLOT_PAYLOAD, length, status == FAILURE);
    if (status == FAILURE) {
      slot.attachOriginal(g.original(seq));
    }
    return slot;
  }

  /** For close(): later reads of the slot throw instead of touching unmapped memory (best effort). */
  void detach() {
    slot.detach();
  }

  /** Whether this reader's parked flag is set in the generation it reads; for tests. */
  boolean isParked() {
    return MEMORY.readVolatileInt(gen.readerParked(index)) != 0;
  }
}
