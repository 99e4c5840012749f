package io.cgraph.benchmarks.cluster;

import io.cgraph.cluster.CGraphCluster;
import io.cgraph.cluster.ClusterOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the cross-host benchmarks find their hosts: system properties set by
 * {@code benchmarks/cluster.sh}, which runs each "host" in a network namespace of its own.
 * {@code cgraph.bench.self}: this host's address; {@code cgraph.bench.seed}: the first agent's
 * {@code host:port}; {@code cgraph.bench.pong}: the raw Aeron pong's {@code host:port};
 * {@code cgraph.bench.idle}: the data idle strategy of every side; {@code cgraph.bench.assist}:
 * whether waiting threads run the data path ({@code ClusterOptions.Builder.waitersRunDataPath}).
 */
final class Bench {
  private Bench() {}

  static String property(String name) {
    return Objects.requireNonNull(System.getProperty(name), () -> "-D" + name + " is not set: run benchmarks/cluster.sh");
  }

  static ClusterOptions.DataIdle idle() {
    return ClusterOptions.DataIdle.valueOf(System.getProperty("cgraph.bench.idle", "BACKOFF"));
  }

  /** Joins the benchmark cluster as a driver and waits for {@code hosts} agents. */
  static CGraphCluster join(int hosts, int port) {
    CGraphCluster c = CGraphCluster.join(ClusterOptions.builder().name("bench-driver")
        .bind(property("cgraph.bench.self"), port).seed(property("cgraph.bench.seed")).dataIdle(idle())
        .waitersRunDataPath(Boolean.parseBoolean(System.getProperty("cgraph.bench.assist", "true"))).build());
    c.awaitHosts(hosts, Duration.ofSeconds(60));
    return c;
  }
}
