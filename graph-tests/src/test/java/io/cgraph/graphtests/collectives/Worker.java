package io.cgraph.graphtests.collectives;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;
import java.util.SplittableRandom;

/**
 * One participant of the collective graphs: makes its arrays from a seed ({@code lengths[id]}
 * elements, so a test can make the lengths differ), keeps what the collective gave it, digests it.
 * Worker 1 throws for negative seeds: a participant that fails.
 */
@Actor
public class Worker {
  private final int id;

  public Worker(int id) {
    this.id = id;
  }

  @GraphMethod
  public float[] floats(long seed, int[] lengths) {
    check(seed);
    SplittableRandom r = new SplittableRandom(seed * 131 + id);
    float[] v = new float[lengths[id]];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextDouble(-1000, 1000);
    }
    return v;
  }

  @GraphMethod
  public float[] keepFloats(float[] v) {
    return v;
  }

  @GraphMethod
  public double[] doubles(long seed, int[] lengths) {
    check(seed);
    SplittableRandom r = new SplittableRandom(seed * 131 + id);
    double[] v = new double[lengths[id]];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextDouble(-1e6, 1e6);
    }
    return v;
  }

  @GraphMethod
  public double[] keepDoubles(double[] v) {
    return v;
  }

  @GraphMethod
  public int[] ints(long seed, int[] lengths) {
    check(seed);
    SplittableRandom r = new SplittableRandom(seed * 131 + id);
    int[] v = new int[lengths[id]];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextInt();
    }
    return v;
  }

  @GraphMethod
  public int[] keepInts(int[] v) {
    return v;
  }

  @GraphMethod
  public long[] longs(long seed, int[] lengths) {
    check(seed);
    SplittableRandom r = new SplittableRandom(seed * 131 + id);
    long[] v = new long[lengths[id]];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextLong();
    }
    return v;
  }

  @GraphMethod
  public long[] keepLongs(long[] v) {
    return v;
  }

  /** Every bit of {@code v} and its length, folded into one long. */
  @GraphMethod
  public long digest(float[] v) {
    long h = v.length;
    for (float f : v) {
      h = h * 1_000_003L + Float.floatToRawIntBits(f);
    }
    return h;
  }

  @GraphMethod
  public long combine(long a, long b, long c, long d) {
    return ((a * 31 + b) * 31 + c) * 31 + d;
  }

  private void check(long seed) {
    if (seed < 0 && id == 1) {
      throw new IllegalStateException("worker 1 refuses seed " + seed);
    }
  }
}
