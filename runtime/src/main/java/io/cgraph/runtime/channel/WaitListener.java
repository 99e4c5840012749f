package io.cgraph.runtime.channel;

/**
 * Told about each wait of a {@link ChannelWriter} for a free slot (its ring was full), after the
 * wait. Called only on that slow path, on the writer's thread.
 */
@FunctionalInterface
public interface WaitListener {
  /** Ignores waits. */
  WaitListener NONE = nanos -> {};

  /** The writer waited {@code nanos} for its slowest reader to release a slot. */
  void waited(long nanos);
}
