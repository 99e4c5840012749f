package io.cgraph.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.ActorTaskException;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.GraphStats;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binder's meters: exact values from known snapshots, and after a known workload on a real graph. */
class GraphMetricsTest {
  @TempDir Path channels;

  private static GraphStats stats(long executions, long failed, long calls, long busyNanos, GraphStats.JournalStats j) {
    return new GraphStats("QuarterGraph", executions, executions - 2, 2, failed, 5, 7_000_000_000L, true,
        List.of(new GraphStats.ActorStats("first", "cgraph-QuarterGraph-first", calls, failed, busyNanos),
            new GraphStats.ActorStats("second", "cgraph-QuarterGraph-second", calls - failed, 0, 0)),
        List.of(new GraphStats.ChannelStats("c1-first.half", 3, 1_500_000_000L)), j);
  }

  @Test
  void everyMeterReadsItsFieldOfTheLatestSnapshot() {
    AtomicReference<GraphStats> now = new AtomicReference<>(stats(10, 1, 10, 2_500_000_000L,
        new GraphStats.JournalStats(20, 4, 0)));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    GraphMetrics.of(now::get).refreshEvery(Duration.ZERO).withTags(Tags.of("pipeline", "demo")).bindTo(registry);
    Tags graph = Tags.of("graph", "QuarterGraph", "pipeline", "demo");
    now.set(stats(100, 3, 100, 4_000_000_000L, new GraphStats.JournalStats(200, 1, 2)));
    assertEquals(100, registry.get("cgraph.executions").tags(graph).functionCounter().count());
    assertEquals(98, registry.get("cgraph.executions.completed").tags(graph).functionCounter().count());
    assertEquals(3, registry.get("cgraph.executions.failed").tags(graph).functionCounter().count());
    assertEquals(2, registry.get("cgraph.executions.inflight").tags(graph).gauge().value());
    FunctionTimer capacity = registry.get("cgraph.capacity.waits").tags(graph).functionTimer();
    assertEquals(5, capacity.count());
    assertEquals(7.0, capacity.totalTime(TimeUnit.SECONDS));
    assertEquals(100, registry.get("cgraph.actor.calls").tags(graph.and("actor", "first")).functionCounter().count());
    assertEquals(97, registry.get("cgraph.actor.calls").tags(graph.and("actor", "second")).functionCounter().count());
    assertEquals(3, registry.get("cgraph.actor.failures").tags(graph.and("actor", "first")).functionCounter().count());
    assertEquals(4.0, registry.get("cgraph.actor.busy").tags(graph.and("actor", "first")).functionCounter().count());
    FunctionTimer channel = registry.get("cgraph.channel.waits").tags(graph.and("channel", "c1-first.half"))
        .functionTimer();
    assertEquals(3, channel.count());
    assertEquals(1.5, channel.totalTime(TimeUnit.SECONDS));
    assertEquals(200, registry.get("cgraph.journal.appended").tags(graph).functionCounter().count());
    assertEquals(2, registry.get("cgraph.journal.lost").tags(graph).functionCounter().count());
    assertEquals(1, registry.get("cgraph.journal.pending").tags(graph).gauge().value());
    assertEquals(15, registry.getMeters().size(), "5 graph meters, 3 for each of the 2 actors, 1 channel, 3 journal");
  }

  @Test
  void aRefreshIntervalIsCheckedAndMayBeVeryLong() {
    GraphMetrics m = GraphMetrics.of(() -> stats(10, 0, 10, 0, null));
    NullPointerException npe = assertThrows(NullPointerException.class, () -> m.refreshEvery(null));
    assertEquals("interval", npe.getMessage());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> m.refreshEvery(Duration.ofSeconds(-1)));
    assertEquals("the refresh interval must not be negative, got PT-1S", e.getMessage());
    // Longer than a long's nanoseconds: one snapshot, never refreshed (it threw ArithmeticException).
    int[] calls = {0};
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    GraphMetrics.of(() -> {
      calls[0]++;
      return stats(10, 0, 10, 0, null);
    }).refreshEvery(Duration.ofSeconds(Long.MAX_VALUE)).bindTo(registry);
    registry.getMeters().forEach(meter -> meter.measure().forEach(x -> { }));
    registry.getMeters().forEach(meter -> meter.measure().forEach(x -> { }));
    assertEquals(1, calls[0]);
  }

  @Test
  void aScrapeReadsOneSnapshotPerRefreshInterval() {
    int[] calls = {0};
    GraphMetrics m = GraphMetrics.of(() -> {
      calls[0]++;
      return stats(10, 0, 10, 0, null);
    });
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    m.bindTo(registry);
    registry.getMeters().forEach(meter -> meter.measure().forEach(x -> { }));
    assertEquals(1, calls[0], "bindTo's snapshot serves the first scrape (a second within the interval)");
    assertEquals(12, registry.getMeters().size(), "no journal meters without a journal");
  }

  @Test
  void theNamesPrometheusShows() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    GraphMetrics.of(() -> stats(100, 3, 100, 0, new GraphStats.JournalStats(200, 1, 2))).bindTo(registry);
    String text = registry.scrape();
    for (String line : List.of(
        "cgraph_executions_total{graph=\"QuarterGraph\"} 100.0",
        "cgraph_executions_completed_total{graph=\"QuarterGraph\"} 98.0",
        "cgraph_executions_failed_total{graph=\"QuarterGraph\"} 3.0",
        "cgraph_executions_inflight{graph=\"QuarterGraph\"} 2.0",
        "cgraph_capacity_waits_seconds_count{graph=\"QuarterGraph\"} 5",
        "cgraph_capacity_waits_seconds_sum{graph=\"QuarterGraph\"} 7.0",
        "cgraph_actor_calls_total{actor=\"first\",graph=\"QuarterGraph\"} 100.0",
        "cgraph_actor_busy_seconds_total{actor=\"first\",graph=\"QuarterGraph\"} 0.0",
        "cgraph_journal_lost_total{graph=\"QuarterGraph\"} 2.0")) {
      assertTrue(text.contains(line), line + " not in:\n" + text);
    }
  }

  @Test
  void aKnownWorkloadOnARealGraph() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      try (QuarterGraph g = QuarterGraph.compile(new Halver(), new Halver(),
          GraphOptions.defaults().withChannelDir(channels))) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GraphMetrics.of(g::stats).refreshEvery(Duration.ZERO).bindTo(registry);
        int failed = 0;
        for (long x = 0; x < 100; x++) {
          long in = x == 10 || x == 20 ? 2 * x + 1 : x == 30 ? 2 * (2 * x + 1) : 4 * x; // two odd, one halves to odd
          QuarterGraph.Ref r = g.execute(in);
          if (in % 4 == 0) {
            assertEquals(in / 4, r.get());
          } else {
            assertThrows(ActorTaskException.class, r::get);
            failed++;
          }
        }
        assertEquals(3, failed);
        Tags graph = Tags.of("graph", "QuarterGraph");
        assertEquals(100, registry.get("cgraph.executions").tags(graph).functionCounter().count());
        assertEquals(100, registry.get("cgraph.executions.completed").tags(graph).functionCounter().count());
        assertEquals(3, registry.get("cgraph.executions.failed").tags(graph).functionCounter().count());
        assertEquals(0, registry.get("cgraph.executions.inflight").tags(graph).gauge().value());
        assertEquals(2, registry.get("cgraph.actor.failures").tags(graph.and("actor", "first")).functionCounter().count());
        assertEquals(1, registry.get("cgraph.actor.failures").tags(graph.and("actor", "second")).functionCounter()
            .count());
        assertEquals(g.stats().actors().get(0).steps(),
            registry.get("cgraph.actor.calls").tags(graph.and("actor", "first")).functionCounter().count());
        assertEquals(g.stats().actors().get(1).steps(),
            registry.get("cgraph.actor.calls").tags(graph.and("actor", "second")).functionCounter().count());
      }
    });
  }
}
