package io.cgraph.benchmarks.cluster;

import io.cgraph.benchmarks.actors.Echo;
import io.cgraph.benchmarks.actors.EchoGraph;
import io.cgraph.cluster.CGraphCluster;
import io.cgraph.cluster.HostInfo;
import io.cgraph.runtime.GraphOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What an idle host agent costs: its CPU time (from /proc, which network namespaces share) over
 * ten seconds, first with no graph, then with an attached graph that nobody calls (its bridge
 * thread polls Aeron with the data idle strategy: a UDP packet cannot unpark a thread).
 * Prints {@code RESULT cluster-idle <case> cpu-percent <value>} lines.
 */
public final class ClusterIdle {
  private ClusterIdle() {}

  public static void main(String[] args) throws Exception {
    try (CGraphCluster cluster = Bench.join(2, 25621)) {
      HostInfo h1 = cluster.hosts().stream().filter(h -> h.name().equals("h1")).findFirst().orElseThrow();
      System.out.printf(Locale.ROOT, "RESULT cluster-idle agent-no-graph cpu-percent %.2f%n", cpu(h1.pid(), 10));
      try (EchoGraph g = EchoGraph.compile(cluster.spawn("h1", Echo.class), GraphOptions.defaults())) {
        g.execute(1).get();
        System.out.printf(Locale.ROOT, "RESULT cluster-idle agent-idle-graph cpu-percent %.2f%n", cpu(h1.pid(), 10));
      }
    }
  }

  /** Percent of one core that {@code pid} used over {@code seconds}. */
  static double cpu(long pid, int seconds) throws IOException, InterruptedException {
    long t0 = ticks(pid);
    long n0 = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    long t1 = ticks(pid);
    double wall = (System.nanoTime() - n0) / 1e9;
    return 100.0 * (t1 - t0) / 100.0 / wall; // USER_HZ is 100 on Linux
  }

  private static long ticks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
  }
}
