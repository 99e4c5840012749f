package io.cgraph.runtime;

/** {@link WaitStrategy#busySpin()}: {@code onSpinWait} every round, never parks. */
final class BusySpinWait extends WaitStrategy {
  static final BusySpinWait INSTANCE = new BusySpinWait();

  private BusySpinWait() {
    super("busySpin");
  }

  @Override
  public boolean idle(long round, int extraYields) {
    Thread.onSpinWait();
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
    return Long.MAX_VALUE;
  }
}
