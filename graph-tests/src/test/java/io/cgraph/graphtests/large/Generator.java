package io.cgraph.graphtests.large;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

/** Produces a large array whose contents depend on the seed. */
@Actor
public class Generator {
  @GraphMethod
  public double[] samples(int seed, int length) {
    double[] out = new double[length];
    for (int i = 0; i < length; i++) {
      out[i] = seed * 1_000_003.0 + i;
    }
    return out;
  }
}
