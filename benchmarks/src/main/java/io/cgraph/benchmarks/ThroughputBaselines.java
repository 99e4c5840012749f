package io.cgraph.benchmarks;

import io.cgraph.benchmarks.actors.Echo;
import io.cgraph.benchmarks.baseline.DisruptorRig;
import java.util.List;
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
 * Throughput scenario, baselines: the Disruptor Echo ping-pong with 1, 16 or 64 executions in
 * flight; each operation takes the oldest reply and sends one more request.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ThroughputBaselines extends BenchBase {

  @State(Scope.Thread)
  public static class DisruptorWindow {
    @Param({"busySpin", "yielding"})
    public String disruptorWait;
    DisruptorRig rig;
    long x;

    @Setup
    public void setup(Window w) {
      Echo echo = new Echo();
      rig = DisruptorRig.start("echo", DisruptorRig.Wait.of(disruptorWait), RING, List.of(m -> m.value = echo.echo(m.value)));
      for (int i = 0; i < w.window; i++) {
        rig.send(x++);
      }
    }

    @TearDown
    public void tearDown() {
      rig.close();
    }
  }

  @Benchmark
  public long disruptor(Window w, DisruptorWindow s) {
    long v = s.rig.takeValue();
    s.rig.send(s.x++);
    return v;
  }
}
