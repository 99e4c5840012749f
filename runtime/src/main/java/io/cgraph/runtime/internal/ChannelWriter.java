package io.cgraph.runtime.internal;

import io.cgraph.runtime.Failure;
import io.cgraph.runtime.channel.WaitListener;

/**
 * The writing end of a channel, as generated actor steps and the driver see it: the transport seam
 * (see {@link ChannelReader}). Sequences are published in order 0, 1, 2, ...; a claimed slot stays
 * claimed until it is published as a value or a failure. Used by one thread at a time.
 *
 * <p><b>Batches.</b> Every publish makes its slot visible to readers at once. A writer owned by an
 * executor ({@link #batched()}) signals parked readers (a full fence and a look at their flags) once
 * per batch, in {@link #flush()}; the driver's writer signals on every publish.
 */
public interface ChannelWriter {
  /** Waits until the slot for {@code seq} is free, then returns the writer positioned at its payload. */
  SlotWriter claim(long seq);

  /** Whether {@link #claim claim(seq)} would find its slot free at once (no reader still holds it). */
  boolean hasRoom(long seq);

  /** Publishes the claimed slot as a value. */
  void publish(long seq);

  /** Publishes {@code failure} for {@code seq}, whether or not the slot was claimed. */
  void publishFailure(long seq, Failure failure);

  /** Caps one message's size: a larger one fails with {@code MessageTooLargeException} naming {@code owner}. */
  void limitMessages(int maxBytes, String owner);

  /** Reports each wait for a free slot (the ring was full) to {@code listener}; set before first use. */
  void observeWaits(WaitListener listener);

  /** Defers the wake-up of parked readers to {@link #flush()}, once per batch. Call before first use. */
  void batched();

  /**
   * The owner guarantees that no thread is inside this end when its channel closes, so the end skips
   * its per-call close bookkeeping. Call before first use.
   */
  void unguarded();

  /** Wakes readers parked on what was published since the last flush; a no-op when nothing is pending. */
  void flush();
}
