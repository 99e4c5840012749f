package io.cgraph.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * AllReduce, the hand-written floor (issue #16): the four parts summed on one thread, the result
 * copied out four times (every participant its own array), each copy's last element read.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AllReduceBaselines extends BenchBase {
  @Benchmark
  public float handLoop(AllReduceParts p) {
    float[] a = p.parts[0];
    float[] b = p.parts[1];
    float[] c = p.parts[2];
    float[] d = p.parts[3];
    float[] sum = new float[p.n];
    for (int i = 0; i < sum.length; i++) {
      sum[i] = ((a[i] + b[i]) + c[i]) + d[i];
    }
    float total = 0;
    for (int k = 0; k < 4; k++) {
      float[] copy = sum.clone();
      total += copy[copy.length - 1];
    }
    return total;
  }
}
