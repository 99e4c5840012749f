package io.cgraph.runtime;

/**
 * How a thread waits for a channel slot: the names users know from the Disruptor and Chronicle.
 *
 * <ul>
 *   <li>{@link #busySpin()}: spin with {@link Thread#onSpinWait()} forever. Lowest latency; burns a
 *       core even when idle and degrades badly when threads outnumber cores. Opt-in only.
 *   <li>{@link #yielding()}: spin briefly, then {@link Thread#yield()} forever.
 *   <li>{@link #balanced()} (the default): spin about 100 times, yield about 100 times, then park
 *       until the writer wakes the reader. Behaves well when threads outnumber cores.
 * </ul>
 *
 * <p>cgraph never uses Chronicle's {@code Pauser} factories, which silently become millisecond
 * sleepers on machines with fewer than four CPUs.
 */
public final class WaitStrategy {
  private static final WaitStrategy BUSY_SPIN = new WaitStrategy("busySpin", Integer.MAX_VALUE, 0, false);
  private static final WaitStrategy YIELDING = new WaitStrategy("yielding", 100, Integer.MAX_VALUE, false);
  private static final WaitStrategy BALANCED = new WaitStrategy("balanced", 100, 100, true);

  private final String name;
  private final int spins;
  private final int yields;
  private final boolean parks;

  private WaitStrategy(String name, int spins, int yields, boolean parks) {
    this.name = name;
    this.spins = spins;
    this.yields = yields;
    this.parks = parks;
  }

  /** Spin forever: lowest latency, one full core per waiting thread. */
  public static WaitStrategy busySpin() {
    return BUSY_SPIN;
  }

  /** Spin briefly, then yield forever. */
  public static WaitStrategy yielding() {
    return YIELDING;
  }

  /** Spin, yield, then park until the writer wakes the waiter. The default. */
  public static WaitStrategy balanced() {
    return BALANCED;
  }

  /** A custom balanced strategy with the given phase lengths. */
  public static WaitStrategy of(int spins, int yields, boolean park) {
    if (spins < 0 || yields < 0) {
      throw new IllegalArgumentException("spins and yields must be >= 0, got " + spins + " and " + yields);
    }
    return new WaitStrategy("custom(" + spins + "," + yields + "," + park + ")", spins, yields, park);
  }

  /** Number of {@code onSpinWait} iterations before yielding. */
  public int spins() {
    return spins;
  }

  /** Number of {@code yield} iterations after spinning, before parking. */
  public int yields() {
    return yields;
  }

  /** Whether the waiter parks (and is woken by the writer) once spinning and yielding are done. */
  public boolean parks() {
    return parks;
  }

  @Override
  public String toString() {
    return name;
  }
}
