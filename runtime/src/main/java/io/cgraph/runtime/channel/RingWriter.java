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
import io.cgraph.runtime.Failure;
import io.cgraph.runtime.internal.ChannelWriter;
import io.cgraph.runtime.internal.SlotWriter;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * The writer side of a {@link Channel}. Sequence numbers are written in order 0, 1, 2, ...
 *
 * <p>Used by one thread at a time. A claimed slot stays claimed until it is published (as a value
 * or a failure); claiming the same sequence again starts its message over.
 *
 * <p>{@link Channel#close()} waits for a thread inside these methods, not for one encoding into a
 * claimed {@link SlotWriter}: do not encode concurrently with closing the channel.
 */
final class RingWriter extends Endpoint implements ChannelWriter {
  private final SlotWriter slot = new SlotWriter();
  private Generation gen;
  /** The next sequence to publish. */
  private long next;
  /** The writer's side of the channel's wait assist (one thread at a time uses the writer). */
  private final AssistedWait assisted = new AssistedWait();
  /** The claimed sequence, or -1. */
  private long claimed = -1;
  /** A lower bound of every reader's released cursor in {@link #gen}: slots up to it + ringSize are free. */
  private long released = ChannelLayout.NONE;
  /** Told about each wait in {@link #awaitFree} (stats, JFR). */
  private WaitListener waits = WaitListener.NONE;
  private boolean batched;
  /** The thrown object of the failure being committed, to keep beside its slot in a grown ring too. */
  private Throwable original;
  /** Batched: something was published since the last flush, so parked readers may need a wake-up. */
  private boolean unsignalled;

  RingWriter(Channel channel, Generation first) {
    super(channel);
    this.gen = first;
    slot.fanOut(first.readers);
  }

  @Override
  public void observeWaits(WaitListener listener) {
    this.waits = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Caps the size of one message: a larger one fails its write with
   * {@code MessageTooLargeException} naming {@code owner}, and nothing is published.
   */
  @Override
  public void limitMessages(int maxBytes, String owner) {
    slot.limitMessages(maxBytes, owner);
  }

  /**
   * Waits until the slot for {@code seq} is free (every reader released {@code seq - ringSize}),
   * then returns the writer positioned at its payload. {@code seq} must be one past the last
   * published sequence.
   */
  @Override
  public SlotWriter claim(long seq) {
    enter();
    try {
      if (seq != next) {
        throw new IllegalStateException("channel " + channel.name() + ": claim(" + seq + ") but the next sequence to"
            + " publish is " + next + "; sequences are published in order 0, 1, 2, ...");
      }
      awaitFree(seq);
      slot.attach(gen.slot(seq) + SLOT_PAYLOAD, gen.payloadCapacity);
      claimed = seq;
      return slot;
    } finally {
      leave();
    }
  }

  /** Publishes the claimed slot as a value; grows the ring first if the message spilled. Wakes parked readers. */
  @Override
  public void publish(long seq) {
    if (claimed != seq) {
      throw new IllegalStateException("channel " + channel.name() + ": publish(" + seq + ") without claim(" + seq
          + ")" + (claimed < 0 ? "" : "; the claimed sequence is " + claimed));
    }
    enter();
    try {
      commit(seq, VALUE);
    } finally {
      leave();
    }
  }

  /** Publishes {@code failure} for {@code seq}, whether or not the slot was claimed. Wakes parked readers. */
  @Override
  public void publishFailure(long seq, Failure failure) {
    Objects.requireNonNull(failure, "failure");
    if (claimed != seq) {
      claim(seq);
    }
    enter();
    try {
      slot.attachForFailure(gen.slot(seq) + SLOT_PAYLOAD, gen.payloadCapacity);
      failure.writeTo(slot);
      original = failure.original();
      gen.keepOriginal(seq, original);
      commit(seq, FAILURE);
    } finally {
      leave();
    }
  }

  private void commit(long seq, int status) {
    if (slot.spilled()) {
      growAndCommit(seq, status);
    } else {
      long at = gen.slot(seq);
      MEMORY.writeInt(at + SLOT_STATUS, status);
      MEMORY.writeInt(at + SLOT_LENGTH, slot.length());
      MEMORY.writeOrderedLong(at + SLOT_SEQ, seq);
      if (batched) {
        unsignalled = true;
      } else {
        MEMORY.writeOrderedLong(gen.writerCursor(), seq);
        wakeParkedReaders(gen);
        channel.published();
      }
    }
    slot.detach();
    claimed = -1;
    next = seq + 1;
    original = null;
  }

  /**
   * The message outgrew its slot: creates the next generation with slots that fit it (at least
   * twice as large), publishes the message there, then announces the new generation with a MOVED
   * record in the old ring's slot for {@code seq}. Readers follow the announcement in order, so none
   * loses or misreads a message.
   */
  private void growAndCommit(long seq, int status) {
    Generation old = gen;
    int length = slot.length();
    long payload = Math.max(2L * old.payloadCapacity, length);
    long stride = ChannelLayout.strideFor(payload);
    if (stride > ChannelLayout.MAX_STRIDE) {
      stride = ChannelLayout.strideFor(length);
      if (stride > ChannelLayout.MAX_STRIDE) {
        throw new CGraphException("channel " + channel.name() + ": a message of " + length
            + " bytes does not fit the largest possible slot; send it in smaller parts");
      }
    }
    // Every reader has released up to seq - 1 as far as the new ring is concerned: its slots are fresh.
    Generation grown = channel.grow((int) stride, seq - 1);
    if (original != null) {
      grown.keepOriginal(seq, original);
    }
    long at = grown.slot(seq);
    slot.copyTo(at + SLOT_PAYLOAD);
    MEMORY.writeInt(at + SLOT_STATUS, status);
    MEMORY.writeInt(at + SLOT_LENGTH, length);
    MEMORY.writeOrderedLong(at + SLOT_SEQ, seq);
    MEMORY.writeOrderedLong(grown.writerCursor(), seq);

    long moved = old.slot(seq);
    MEMORY.writeLong(moved + SLOT_PAYLOAD, grown.number);
    MEMORY.writeInt(moved + SLOT_STATUS, MOVED);
    MEMORY.writeInt(moved + SLOT_LENGTH, Long.BYTES);
    MEMORY.writeOrderedLong(moved + SLOT_SEQ, seq);
    MEMORY.writeOrderedLong(old.writerCursor(), seq);

    gen = grown;
    released = seq - 1;
    wakeParkedReaders(old);
    wakeParkedReaders(grown);
    channel.published();
  }

  @Override
  public void batched() {
    batched = true;
  }

  @Override
  public void flush() {
    if (unsignalled) {
      unsignalled = false;
      MEMORY.writeOrderedLong(gen.writerCursor(), next - 1);
      wakeParkedReaders(gen);
      channel.published();
    }
  }

  /**
   * The writer's half of the park handshake (Dekker): the slot's sequence is stored, then a full
   * fence, then the parked flags are read. A reader sets its flag, fences, then re-checks the slot,
   * so either it sees the new sequence or the writer sees its flag. Strategies that never park
   * skip this (and its fence) entirely.
   */
  private void wakeParkedReaders(Generation g) {
    if (!channel.wait.signalsParked()) {
      return;
    }
    VarHandle.fullFence();
    for (int r = 0; r < g.readers; r++) {
      if (MEMORY.readVolatileInt(g.readerParked(r)) != 0) {
        channel.ringReader(r).wake();
      }
    }
  }

  @Override
  public boolean hasRoom(long seq) {
    long needed = seq - channel.ringSize;
    if (needed <= released) {
      return true;
    }
    long min = slowestReader();
    if (min >= needed) {
      released = min;
      return true;
    }
    return false;
  }

  /** Back-pressure: waits until every reader has released {@code seq - ringSize}. */
  private void awaitFree(long seq) {
    long needed = seq - channel.ringSize;
    if (needed <= released) {
      return;
    }
    long waitStart = 0;
    assisted.use(channel.assist);
    try {
      for (long round = 0; ; round++) {
        long min = slowestReader();
        if (min >= needed) {
          released = min;
          if (round > 0) {
            waits.waited(System.nanoTime() - waitStart);
          }
          return;
        }
        if (round == 0) {
          waitStart = System.nanoTime();
          round = assisted.firstRound(channel.wait);
        }
        if ((round & Waiting.CHECK_MASK) == 0 || round >= channel.wait.slowRoundsFrom()) {
          channel.checkAlive();
        }
        if (assisted.round() > 0) {
          continue;
        }
        if (channel.wait.idle(round, 0)) {
          channel.checkAlive();
          assisted.stop(true);
          parked = Thread.currentThread();
          LockSupport.parkNanos(this, Waiting.WRITER_PARK_NANOS);
          parked = null;
        }
      }
    } finally {
      assisted.stop(false);
    }
  }

  private long slowestReader() {
    Generation g = gen;
    long min = Long.MAX_VALUE;
    for (int r = 0; r < g.readers; r++) {
      min = Math.min(min, MEMORY.readVolatileLong(g.readerCursor(r)));
    }
    return min;
  }

  /** For close(): later writes to a claimed slot throw instead of touching unmapped memory (best effort). */
  void detach() {
    slot.detach();
  }

  /** The number of the ring generation the writer writes to; for tests. */
  long generation() {
    return gen.number;
  }
}
