package io.cgraph.benchmarks;

import io.cgraph.gpu.DType;
import io.cgraph.gpu.DeviceTensor;
import io.cgraph.gpu.Gpu;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** What a hop would cost if the channel copied the tensor: one device copy of the same size. */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TensorHopBaselines extends BenchBase {

  @State(Scope.Thread)
  public static class Tensor {
    @Param({"1024", "1048576", "67108864", "268435456"})
    public int size;
    DeviceTensor tensor;

    @Setup
    public void setup() {
      tensor = Gpu.allocate(DType.FLOAT32, size / Float.BYTES);
    }

    @TearDown
    public void tearDown() {
      tensor.close();
    }
  }

  @Benchmark
  public long deviceCopy(Tensor s) {
    try (DeviceTensor copy = s.tensor.copy()) {
      return copy.byteSize();
    }
  }
}
