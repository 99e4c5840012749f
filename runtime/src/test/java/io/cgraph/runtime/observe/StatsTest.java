package io.cgraph.runtime.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.GraphStats;
import io.cgraph.runtime.ThreadsAndFiles;
import io.cgraph.runtime.sample.Parser;
import io.cgraph.runtime.sample.PipelineGraph;
import io.cgraph.runtime.sample.Scorer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** graph.stats() after a known workload: every counter exact. */
class StatsTest {
  @TempDir Path channels;

  @AfterEach
  void nothingLeft() {
    ThreadsAndFiles.assertNoCgraphThreads();
    ThreadsAndFiles.assertEmpty(channels);
  }

  @Test
  void countersAreExactAfterAKnownWorkload() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      try (PipelineGraph g = PipelineGraph.compile(new Parser(), new Scorer(),
          GraphOptions.defaults().withChannelDir(channels))) {
        GraphStats before = g.stats();
        assertEquals(0, before.executions());
        assertEquals(List.of(new GraphStats.ActorStats("parser", "cgraph-PipelineGraph-parser", 0, 0, 0), new GraphStats.ActorStats("scorer", "cgraph-PipelineGraph-scorer", 0, 0, 0)),
            before.actors());
        List<Integer> failed = Workload.run(g, 3);
        assertEquals(Workload.MALFORMED + Workload.NEGATIVE, failed.size());
        GraphStats s = awaitSteps(g, Workload.N);
        assertEquals("PipelineGraph", s.graph());
        assertEquals(Workload.N, s.executions());
        assertEquals(Workload.N, s.completed());
        assertEquals(0, s.inFlight());
        assertEquals(Workload.MALFORMED + Workload.NEGATIVE, s.failures());
        assertEquals(0, s.capacityWaits());
        assertFalse(s.timed());
        assertEquals(new GraphStats.ActorStats("parser", "cgraph-PipelineGraph-parser", Workload.N, Workload.MALFORMED, 0), s.actors().get(0));
        // amountScore throws for negative amounts; tagScore and combine are skipped, not thrown
        assertEquals(new GraphStats.ActorStats("scorer", "cgraph-PipelineGraph-scorer", Workload.N, Workload.NEGATIVE, 0), s.actors().get(1));
        assertEquals(List.of("input", "parser.parse", "scorer.combine"),
            s.channels().stream().map(GraphStats.ChannelStats::name).toList());
        assertNull(s.journal());
        // a submitted, unread execution is in flight until the driver takes its result
        PipelineGraph.Ref pending = g.execute("x;1;BUY;", 1);
        GraphStats one = g.stats();
        assertEquals(Workload.N + 1, one.executions());
        assertEquals(one.executions() - one.completed(), one.inFlight());
        pending.get();
        assertEquals(0, g.stats().inFlight());
      }
    });
  }

  @Test
  void timingStatsMeasureBusyTime() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      try (PipelineGraph g = PipelineGraph.compile(new Parser(), new Scorer(),
          GraphOptions.defaults().withChannelDir(channels).withTimingStats(true))) {
        Workload.run(g, 4);
        GraphStats s = awaitSteps(g, Workload.N);
        assertTrue(s.timed());
        for (GraphStats.ActorStats a : s.actors()) {
          assertTrue(a.busyNanos() > 0, a.toString());
        }
      }
    });
  }

  /** The actor step counters are stored right after the step published its results. */
  static GraphStats awaitSteps(PipelineGraph g, long steps) {
    for (;;) {
      GraphStats s = g.stats();
      if (s.actors().stream().allMatch(a -> a.steps() == steps)) {
        return s;
      }
      Thread.onSpinWait();
    }
  }
}
