package io.cgraph.cluster.graphs;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

/**
 * A stateful stage: each result depends on every earlier call, so results prove that every call
 * arrived once and in order. Throws for {@link #FAIL}.
 */
@Actor
public class Stage {
  public static final long FAIL = -77;
  private final long salt;
  private long state;

  public Stage(long salt) {
    this.salt = salt;
  }

  @GraphMethod
  public long add(long x) {
    if (x == FAIL) {
      throw new IllegalArgumentException("stage " + salt + " refuses " + x);
    }
    state = state * 31 + x + salt;
    return state;
  }

  /** Runs for {@code millis}, ignoring interrupts: a call that outlasts a graph's teardown timeout. */
  @GraphMethod
  public long stall(long millis) {
    long until = System.nanoTime() + millis * 1_000_000L;
    while (System.nanoTime() - until < 0) {
      Thread.onSpinWait();
    }
    return millis;
  }

  /** The name of the thread that runs this actor's calls. */
  @GraphMethod
  public String thread(long x) {
    return Thread.currentThread().getName();
  }

  @GraphMethod
  public byte[] stamp(byte[] b) {
    byte[] out = b.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += (byte) salt;
    }
    state += out.length;
    return out;
  }

  /** {@code n} longs from {@code x} and this stage's salt (stateless); throws for {@link #FAIL}. */
  @GraphMethod
  public long[] ramp(long x, int n) {
    if (x == FAIL) {
      throw new IllegalArgumentException("stage " + salt + " refuses " + x);
    }
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = x * (i + 1) + salt * 1_000_003L * i;
    }
    return v;
  }

  /** Every element and the length of {@code v}, folded into one long (stateless). */
  @GraphMethod
  public long digest(long[] v) {
    long h = v.length;
    for (long e : v) {
      h = h * 1_000_003L + e;
    }
    return h;
  }

  @GraphMethod
  public long fold(long a, long b, long c) {
    return (a * 31 + b) * 31 + c;
  }
}
