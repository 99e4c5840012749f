package golden.shapes;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

@Actor
public class Counter {
  @GraphMethod
  public long start(int seed) {
    return seed * 31L;
  }

  @GraphMethod
  public long add(long a, long b) {
    return a + b;
  }
}
