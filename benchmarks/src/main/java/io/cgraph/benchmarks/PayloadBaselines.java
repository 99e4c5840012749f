package io.cgraph.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Payload sweep, the floors: {@code System.arraycopy} of the same number of bytes into a
 * preallocated array, and into a fresh array, on the driver thread. The suite turns operations per second into bytes per
 * second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PayloadBaselines extends BenchBase {

  @State(Scope.Thread)
  public static class Target {
    byte[] copy;

    @Setup
    public void setup(Payload p) {
      copy = new byte[p.size];
    }
  }

  @Benchmark
  public byte[] arraycopy(Payload p, Target t) {
    System.arraycopy(p.data, 0, t.copy, 0, p.size);
    return t.copy;
  }

  /**
   * A copy into a fresh array: what any hand-off costs that gives the receiver bytes of its own
   * (as a cgraph actor gets). At 1 MiB the fresh array's memory traffic, not the copy, dominates.
   */
  @Benchmark
  public byte[] freshArraycopy(Payload p) {
    byte[] copy = new byte[p.size];
    System.arraycopy(p.data, 0, copy, 0, p.size);
    return copy;
  }
}
