package io.cgraph.runtime.channel;

import io.cgraph.runtime.codec.Failure;
import io.cgraph.runtime.codec.SlotWriter;

/** The writer side of a {@link Channel}. Sequence numbers are written in order 0, 1, 2, ... */
public final class ChannelWriter {
  /**
   * Waits until the slot for {@code seq} is free (every reader released {@code seq - ringSize}),
   * then returns the writer positioned at its payload. {@code seq} must be one past the last
   * published sequence.
   */
  public SlotWriter claim(long seq) { throw new UnsupportedOperationException("TODO"); }

  /** Publishes the claimed slot as a value; grows the ring first if the message spilled. Wakes parked readers. */
  public void publish(long seq) { throw new UnsupportedOperationException("TODO"); }

  /** Publishes {@code failure} for {@code seq}, whether or not the slot was claimed. Wakes parked readers. */
  public void publishFailure(long seq, Failure failure) { throw new UnsupportedOperationException("TODO"); }
}
