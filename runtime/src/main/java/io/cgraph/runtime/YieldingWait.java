package io.cgraph.runtime;

/** {@link WaitStrategy#yielding()}: spins, then {@code Thread.yield()} every round; never parks. */
final class YieldingWait extends WaitStrategy {
  static final YieldingWait DEFAULT = new YieldingWait("yielding", 100);

  private final int spins;

  YieldingWait(String name, int spins) {
    super(name);
    this.spins = spins;
  }

  @Override
  public boolean idle(long round, int extraYields) {
    if (round < spins) {
      Thread.onSpinWait();
    } else {
      Thread.yield();
    }
    return false;
  }

  @Override
  public boolean signalsParked() {
    return false;
  }

  @Override
  public boolean occupiesCore() {
    return true;
  }

  @Override
  public long slowRoundsFrom() {
    return spins;
  }
}
