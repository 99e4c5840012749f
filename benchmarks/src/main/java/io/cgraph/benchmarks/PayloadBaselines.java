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
 * Payload sweep, the floor: {@code System.arraycopy} of the same number of bytes into a
 * preallocated array, on the driver thread. The suite turns operations per second into bytes per
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
}
