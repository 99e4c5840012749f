package io.cgraph.graphtests.executors;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Records every call (its argument and thread), in call order; {@link #BLOCK} waits on
 * {@link #gate}, {@link #THROW} throws, {@link #DIE} throws an {@code Error} (kills the step).
 */
@Actor
public class Recorder {
  public static final long BLOCK = -1;
  public static final long THROW = -2;
  public static final long DIE = -3;

  public final List<Long> calls = new CopyOnWriteArrayList<>();
  public final List<String> threads = new CopyOnWriteArrayList<>();
  public final CountDownLatch gate = new CountDownLatch(1);
  public final CountDownLatch blocked = new CountDownLatch(1);

  @GraphMethod
  public long record(long x) {
    calls.add(x);
    threads.add(Thread.currentThread().getName());
    if (x == BLOCK) {
      blocked.countDown();
      try {
        gate.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else if (x == THROW) {
      throw new IllegalArgumentException("refused " + x);
    } else if (x == DIE) {
      throw new AssertionError("died on purpose");
    }
    return x + 1;
  }
}
