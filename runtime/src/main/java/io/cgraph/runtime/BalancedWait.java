package io.cgraph.runtime;

/**
 * {@link WaitStrategy#balanced()}: spins, yields, then asks the caller to park until its writer
 * unparks it (DESIGN.md section 6: about 100 spins and 100 yields measured best on 2 cores).
 */
final class BalancedWait extends WaitStrategy {
  static final BalancedWait DEFAULT = new BalancedWait("balanced", 100, 100);

  private final int spins;
  private final int yields;

  BalancedWait(String name, int spins, int yields) {
    super(name);
    this.spins = spins;
    this.yields = yields;
  }

  @Override
  public boolean idle(long round, int extraYields) {
    if (round < spins) {
      Thread.onSpinWait();
      return false;
    }
    if (round - spins < (long) yields + extraYields) {
      Thread.yield();
      return false;
    }
    return true;
  }

  @Override
  public boolean signalsParked() {
    return true;
  }

  @Override
  public boolean occupiesCore() {
    return false;
  }

  @Override
  public long slowRoundsFrom() {
    return spins;
  }
}
