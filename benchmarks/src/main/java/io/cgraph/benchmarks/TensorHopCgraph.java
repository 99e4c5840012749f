package io.cgraph.benchmarks;

import io.cgraph.benchmarks.actors.TensorHopGraph;
import io.cgraph.benchmarks.actors.TensorRelay;
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

/**
 * One DeviceTensor hop each way (driver → actor → driver), 1 KiB to 256 MiB: the channel carries a
 * descriptor, so the cost should not grow with the size. On whatever backend is active (host here).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TensorHopCgraph extends BenchBase {

  @State(Scope.Thread)
  public static class Graph {
    @Param({"1024", "1048576", "67108864", "268435456"})
    public int size;
    @Param({"balanced"})
    public String cgraphWait;
    TensorHopGraph graph;
    DeviceTensor tensor;

    @Setup
    public void setup() {
      graph = TensorHopGraph.compile(new TensorRelay(), CgraphOptions.of(cgraphWait));
      tensor = Gpu.allocate(DType.FLOAT32, size / Float.BYTES);
    }

    @TearDown
    public void tearDown() {
      tensor.close();
      graph.close();
    }
  }

  @Benchmark
  public long cgraph(Graph s) {
    s.tensor = s.graph.execute(s.tensor).get();
    return s.tensor.byteSize();
  }
}
