package io.cgraph.micrometer;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

/** Halves even numbers; refuses odd ones. */
@Actor
public class Halver {
  @GraphMethod
  public long half(long x) {
    if (x % 2 != 0) {
      throw new IllegalArgumentException("odd: " + x);
    }
    return x / 2;
  }
}
