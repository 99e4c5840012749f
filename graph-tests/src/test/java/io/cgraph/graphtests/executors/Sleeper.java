package io.cgraph.graphtests.executors;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A slow branch: {@link #hold} waits until {@link #release} opens (at most a minute). */
@Actor
public class Sleeper {
  public final CountDownLatch release = new CountDownLatch(1);
  public final CountDownLatch holding = new CountDownLatch(1);

  @GraphMethod
  public long hold(long x) {
    holding.countDown();
    try {
      release.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return x * 10;
  }

  @GraphMethod
  public long sum(long a, long b) {
    return a + b;
  }
}
