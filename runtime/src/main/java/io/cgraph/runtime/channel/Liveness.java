package io.cgraph.runtime.channel;

/**
 * Checked by every channel wait at least once per park and every few thousand spins: throws (for
 * example {@code GraphClosedException} or {@code GraphBrokenException}) to abort the wait.
 */
@FunctionalInterface
public interface Liveness {
  Liveness ALWAYS = () -> { };

  void check();
}
