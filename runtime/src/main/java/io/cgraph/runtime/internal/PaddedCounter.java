package io.cgraph.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A counter alone on its cache line: the padding on both sides keeps fields of objects allocated
 * next to it (a lock's state, say, written on every call) off its line, so a thread that only reads
 * it (an actor's executor, after every batch) does not miss the cache each time another thread
 * writes its neighbours. A superclass lays its fields out first, hence the three classes.
 */
final class PaddedCounter extends PaddedCounterValue {
  @SuppressWarnings("unused") // padding after the value
  private long q1, q2, q3, q4, q5, q6, q7;

  int get() {
    return (int) VALUE.getVolatile(this);
  }

  int incrementAndGet() {
    return (int) VALUE.getAndAdd(this, 1) + 1;
  }

  int decrementAndGet() {
    return (int) VALUE.getAndAdd(this, -1) - 1;
  }
}

/** Padding before {@link PaddedCounter}'s value. */
@SuppressWarnings("unused")
abstract class PaddedCounterBefore {
  private long p1, p2, p3, p4, p5, p6, p7;
}

/** {@link PaddedCounter}'s value, between the paddings. */
abstract class PaddedCounterValue extends PaddedCounterBefore {
  static final VarHandle VALUE;

  static {
    try {
      VALUE = MethodHandles.lookup().findVarHandle(PaddedCounterValue.class, "value", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // accessed through VALUE
  private volatile int value;
}
