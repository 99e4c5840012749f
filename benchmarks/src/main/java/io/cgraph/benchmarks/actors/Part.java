package io.cgraph.benchmarks.actors;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

/**
 * One participant of the allReduce benchmarks: holds its part (a {@code float[]} made once per
 * length), hands it to the collective, and takes its copy of the sum.
 */
@Actor
public class Part {
  private final int id;
  private float[] part = new float[0];

  public Part(int id) {
    this.id = id;
  }

  /** This participant's {@code n} floats (the same array every time: no per-execution work). */
  @GraphMethod
  public float[] part(int n) {
    if (part.length != n) {
      part = values(id, n);
    }
    return part;
  }

  /** Takes its copy of the sum; answers one element, so that the copy is really read. */
  @GraphMethod
  public float take(float[] sum) {
    return sum.length == 0 ? 0 : sum[sum.length - 1];
  }

  /** The gather/scatter graph's reducer: the four parts summed on this actor's thread. */
  @GraphMethod
  public float[] sum4(float[] a, float[] b, float[] c, float[] d) {
    float[] out = new float[a.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((a[i] + b[i]) + c[i]) + d[i];
    }
    return out;
  }

  @GraphMethod
  public float total(float a, float b, float c, float d) {
    return a + b + c + d;
  }

  /** Participant {@code id}'s part of {@code n} floats: small integers, so every order sums them exactly. */
  public static float[] values(int id, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (i * 7 + id * 3) % 64;
    }
    return v;
  }
}
