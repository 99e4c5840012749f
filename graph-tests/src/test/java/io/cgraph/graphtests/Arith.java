package io.cgraph.graphtests;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

/** Stateless integer work; {@link #checked} throws on some inputs. */
@Actor
public class Arith {
  @GraphMethod
  public int twice(int x) {
    return x * 2;
  }

  @GraphMethod
  public int add(int a, int b) {
    return a + b;
  }

  @GraphMethod
  public long widen(int x) {
    return x * 3L;
  }

  @GraphMethod
  public long negate(long x) {
    return -x;
  }

  /** Throws for multiples of 5: the failure of one execution must not affect the others. */
  @GraphMethod
  public int checked(int x) {
    if (x % 5 == 0) {
      throw new IllegalArgumentException("multiple of 5: " + x);
    }
    return x + 1;
  }

  @GraphMethod
  public String mix(long l, char c, float f, double d, boolean b, String s, int i) {
    return l + "|" + c + "|" + f + "|" + d + "|" + b + "|" + s + "|" + i;
  }

  @GraphMethod
  public double scale(double value, double factor) {
    return value * factor;
  }
}
