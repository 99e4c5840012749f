package io.cgraph.runtime.channel;

import io.cgraph.runtime.WaitStrategy;
import java.nio.file.Path;

/**
 * One producer's output: one writer, N readers, a ring of slots in a file mapped with Chronicle
 * Bytes (DESIGN.md section 6).
 */
public final class Channel implements AutoCloseable {
  /**
   * Creates the channel file {@code dir/name.0} (mode 0600) with {@code ringSize} slots of
   * {@code slotBytes} payload each, for {@code readers} readers.
   */
  public static Channel create(Path dir, String name, int ringSize, int slotBytes, int readers, WaitStrategy wait,
      Liveness liveness) {
    throw new UnsupportedOperationException("TODO");
  }

  /** The single writer of this channel. */
  public ChannelWriter writer() { throw new UnsupportedOperationException("TODO"); }

  /** Reader number {@code index} (0-based), each with its own cursor. */
  public ChannelReader reader(int index) { throw new UnsupportedOperationException("TODO"); }

  public String name() { throw new UnsupportedOperationException("TODO"); }

  /** Unparks every thread parked in this channel so it re-checks its {@link Liveness}. */
  public void wakeAll() { throw new UnsupportedOperationException("TODO"); }

  /** Idempotent: unmaps and deletes every file of this channel (all ring generations). */
  @Override
  public void close() { throw new UnsupportedOperationException("TODO"); }
}
