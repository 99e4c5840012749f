package io.cgraph.graphtests.collectives;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A participant that throws, or one that holds its operand until released: the fast-fail test's actors. */
@Actor
public class Gate {
  final CountDownLatch holding = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);
  private final boolean throwsOnNegative;
  private final boolean holdsOnNegative;

  public Gate(boolean throwsOnNegative, boolean holdsOnNegative) {
    this.throwsOnNegative = throwsOnNegative;
    this.holdsOnNegative = holdsOnNegative;
  }

  @GraphMethod
  public int[] part(int x) {
    if (x < 0 && throwsOnNegative) {
      throw new IllegalStateException("refused " + x);
    }
    if (x < 0 && holdsOnNegative) {
      holding.countDown();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while held", e);
      }
    }
    return new int[] {x, x + 1, x + 2};
  }

  @GraphMethod
  public int last(int[] v) {
    return v[v.length - 1];
  }

  @GraphMethod
  public int add(int a, int b, int c) {
    return a + b + c;
  }
}
