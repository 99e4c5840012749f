package io.cgraph.graphtests.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.graphtests.Accumulator;
import io.cgraph.runtime.ActorBusyException;
import io.cgraph.runtime.ActorThread;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.GraphStats;
import io.cgraph.runtime.Placement;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A graph class has one start path: its plain {@code compile(a, b, options)} is
 * {@code compile(Placement.local(a), Placement.local(b), options)}, so the two refuse the same
 * actors with the same exceptions and start them the same way. (That unread device tensors are
 * freed when the graph closes, on both paths, is {@code TensorGraphsTest}'s
 * {@code tensorsInFlightWhen(A Placed)GraphClosesAreFreed}.)
 */
class StartPathsTest {
  private static final Duration BOUND = Duration.ofSeconds(120);

  @AfterEach
  void noThreadLeft() {
    CgraphThreads.assertNoneLeft();
  }

  @Test
  void aNullActorIsRefusedWithTheSameMessageOnBothPaths() {
    assertTimeoutPreemptively(BOUND, () -> {
      NullPointerException plain = assertThrows(NullPointerException.class,
          () -> PingPongGraph.compile(new Accumulator(), null));
      assertEquals("PingPongGraph: actor 'b' (a io.cgraph.graphtests.Accumulator) is null; pass an instance",
          plain.getMessage());
      NullPointerException placed = assertThrows(NullPointerException.class,
          () -> PingPongGraph.compile(Placement.local(new Accumulator()), Placement.local((Accumulator) null),
              GraphOptions.defaults()));
      assertEquals(plain.getMessage(), placed.getMessage());
      NullPointerException shared = assertThrows(NullPointerException.class,
          () -> PingPongGraph.compile(Placement.local(new Accumulator()), ActorThread.named("t").place((Accumulator) null),
              GraphOptions.defaults()));
      assertEquals(plain.getMessage(), shared.getMessage());
      // The options first, then the actors in order, on both paths.
      NullPointerException plainOptions = assertThrows(NullPointerException.class,
          () -> PingPongGraph.compile((Accumulator) null, (Accumulator) null, null));
      NullPointerException placedOptions = assertThrows(NullPointerException.class,
          () -> PingPongGraph.compile(Placement.local((Accumulator) null), Placement.local((Accumulator) null), null));
      assertEquals("options", plainOptions.getMessage());
      assertEquals("options", placedOptions.getMessage());
      NullPointerException first = assertThrows(NullPointerException.class,
          () -> PingPongGraph.compile((Accumulator) null, (Accumulator) null));
      assertEquals("PingPongGraph: actor 'a' (a io.cgraph.graphtests.Accumulator) is null; pass an instance",
          first.getMessage());
    });
  }

  @Test
  void anActorHeldByAnotherLiveGraphIsRefusedWithTheSameMessageOnBothPaths() {
    assertTimeoutPreemptively(BOUND, () -> {
      Accumulator a = new Accumulator(); // its calls wait on b within one execution: it serves one graph
      Accumulator b = new Accumulator();
      try (PingPongGraph holder = PingPongGraph.compile(a, new Accumulator())) {
        ActorBusyException plain = assertThrows(ActorBusyException.class, () -> PingPongGraph.compile(a, b));
        assertTrue(plain.getMessage().startsWith("PingPongGraph: actor 'a' (io.cgraph.graphtests.Accumulator@"),
            plain.getMessage());
        assertTrue(plain.getMessage().contains("its thread cannot be shared"), plain.getMessage());
        ActorBusyException placed = assertThrows(ActorBusyException.class,
            () -> PingPongGraph.compile(Placement.local(a), Placement.local(b), GraphOptions.defaults()));
        assertEquals(plain.getMessage(), placed.getMessage());
        // Neither refused start leased b: it may go on a shared thread, which a leased actor may not.
        try (PingPongGraph other = PingPongGraph.compile(Placement.local(new Accumulator()),
            ActorThread.named("b").place(b), GraphOptions.defaults())) {
          assertEquals(SharedGraphs.pingPong(2, new Accumulator(), new Accumulator()), other.execute(2).get());
        }
        assertEquals(SharedGraphs.pingPong(3, new Accumulator(), new Accumulator()), holder.execute(3).get());
      }
    });
  }

  @Test
  void bothPathsRunEachActorOnAThreadOfItsOwnAndCountTheSame() {
    assertTimeoutPreemptively(BOUND, () -> {
      List<Function<Recorder, OnceGraph>> paths = List.of(
          OnceGraph::compile,
          r -> OnceGraph.compile(r, GraphOptions.defaults()),
          r -> OnceGraph.compile(Placement.local(r), GraphOptions.defaults()));
      for (Function<Recorder, OnceGraph> path : paths) {
        Recorder r = new Recorder();
        try (OnceGraph g = path.apply(r)) {
          assertEquals(2, g.execute(1).get());
          assertEquals(3, g.execute(2).get());
          assertEquals(List.of("cgraph-OnceGraph-r", "cgraph-OnceGraph-r"), r.threads);
          GraphStats s = g.stats();
          while (s.actors().get(0).steps() < 2) { // stored right after the step published its result
            Thread.onSpinWait();
            s = g.stats();
          }
          assertEquals("OnceGraph", s.graph());
          assertEquals(2, s.executions());
          assertEquals(2, s.completed());
          assertEquals(0, s.inFlight());
          assertEquals(List.of(new GraphStats.ActorStats("r", "cgraph-OnceGraph-r", 2, 0, 0)), s.actors());
        }
      }
    });
  }
}
