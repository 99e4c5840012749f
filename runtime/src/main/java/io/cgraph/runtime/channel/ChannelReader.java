package io.cgraph.runtime.channel;

import io.cgraph.runtime.codec.SlotReader;

/** One reader of a {@link Channel}, with its own cursor. Reads sequences in order. */
public final class ChannelReader {
  /** The slot for {@code seq} if it is published, else {@code null}; never waits. */
  public SlotReader poll(long seq) { throw new UnsupportedOperationException("TODO"); }

  /** Waits (wait strategy, liveness checked) until {@code seq} is published. */
  public SlotReader await(long seq) { throw new UnsupportedOperationException("TODO"); }

  /** As {@link #await(long)}, but returns {@code null} once {@code System.nanoTime()} passes {@code deadlineNanos}. */
  public SlotReader await(long seq, long deadlineNanos) { throw new UnsupportedOperationException("TODO"); }

  /** Done with {@code seq}: the writer may reuse its slot. */
  public void release(long seq) { throw new UnsupportedOperationException("TODO"); }
}
