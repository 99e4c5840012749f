package io.cgraph.runtime.semantics;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A test actor whose behaviour the input selects. */
@Actor
public class Echo {
  /** Input that makes {@link #apply} throw an {@code Error} (kills the actor thread). */
  public static final long DIE = -1;
  /** Input that makes {@link #apply} throw an {@code IllegalStateException}. */
  public static final long THROW = -2;
  /** Input that makes {@link #apply} wait on {@link #gate}. */
  public static final long WAIT = -3;
  /** Input that makes {@link #apply} spin ignoring interrupts until {@link #release} opens. */
  public static final long STUCK = -4;

  public final CountDownLatch gate = new CountDownLatch(1);
  public final CountDownLatch release = new CountDownLatch(1);
  public final CountDownLatch entered = new CountDownLatch(1);

  @GraphMethod
  public long apply(long x) {
    if (x == DIE) {
      throw new AssertionError("actor died on purpose");
    }
    if (x == THROW) {
      throw new IllegalStateException("bad input " + x);
    }
    if (x == WAIT) {
      entered.countDown();
      try {
        gate.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return 0;
    }
    if (x == STUCK) {
      entered.countDown();
      while (release.getCount() > 0) {
        try {
          release.await(10, TimeUnit.MILLISECONDS);
        } catch (InterruptedException ignored) {
          // stuck on purpose: ignores interrupts
        }
      }
      return 0;
    }
    return x * 2;
  }
}
