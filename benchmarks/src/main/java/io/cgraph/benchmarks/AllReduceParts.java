package io.cgraph.benchmarks;

import io.cgraph.benchmarks.actors.Part;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The allReduce benchmarks' sizes (bytes of each participant's {@code float[]}) and the four parts. */
@State(Scope.Thread)
public class AllReduceParts {
  @Param({"4096", "1048576", "67108864"})
  public int size;
  int n;
  float[][] parts;
  /** The last element of the sum, every implementation's answer (times 4 participants). */
  float expected;

  @Setup
  public void setup() {
    n = size / Float.BYTES;
    parts = new float[4][];
    for (int i = 0; i < 4; i++) {
      parts[i] = Part.values(i, n);
    }
    int last = n - 1;
    expected = 4 * (((parts[0][last] + parts[1][last]) + parts[2][last]) + parts[3][last]);
  }
}
