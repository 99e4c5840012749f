package io.cgraph.runtime.channel;

/**
 * Work that a thread waiting on a channel does instead of idling. A transport whose messages move
 * only when some thread polls it (the cluster module's Aeron data path) lets the waiting thread
 * poll: a message from another host then reaches the thread that wants it without a hand-off to
 * the transport's own thread, which stands aside while any thread assists.
 *
 * <p>A wait that may take a while calls {@link #enter()} once, {@link #assist()} once per round, and
 * {@link #leave(boolean)} when it ends or before it parks (and {@link #enter()} again after the
 * park). Implementations must be thread-safe and never block.
 */
public interface WaitAssist {
  /** A thread starts a wait in which it will call {@link #assist()}. */
  void enter();

  /**
   * One round of the transport's work, if no other thread is doing one; never blocks.
   *
   * @return how much work the round did: 0 when it found nothing (or did not run)
   */
  int assist();

  /**
   * The thread's wait has ended, or it is about to park and stops assisting.
   *
   * @param parking whether the thread is about to park: the transport's own thread then takes over
   *     at once instead of at its next check
   */
  void leave(boolean parking);
}
