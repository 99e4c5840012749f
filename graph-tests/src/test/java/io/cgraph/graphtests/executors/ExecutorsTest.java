package io.cgraph.graphtests.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.graphtests.Accumulator;
import io.cgraph.graphtests.Strings;
import io.cgraph.runtime.ActorBusyException;
import io.cgraph.runtime.ActorTaskException;
import io.cgraph.runtime.ActorThread;
import io.cgraph.runtime.ChannelTimeoutException;
import io.cgraph.runtime.GraphBrokenException;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.GraphStats;
import io.cgraph.runtime.Placement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Executors: several graphs on one actor, actors grouped on one thread, actors that need a thread of their own. */
class ExecutorsTest {
  private static final Duration BOUND = Duration.ofSeconds(120);

  @AfterEach
  void noThreadLeft() {
    CgraphThreads.assertNoneLeft();
  }

  @Test
  void twoGraphsShareOneActorOnItsOneThreadEachInItsOwnOrder() {
    assertTimeoutPreemptively(BOUND, () -> {
      Recorder r = new Recorder();
      try (OnceGraph g1 = OnceGraph.compile(r); OnceGraph g2 = OnceGraph.compile(r)) {
        // Interleaved submissions, several in flight in both graphs: g1 sends 0..99, g2 sends 1000..1099.
        List<OnceGraph.Ref> refs1 = new ArrayList<>();
        List<OnceGraph.Ref> refs2 = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          refs1.add(g1.execute(i));
          refs2.add(g2.execute(1000 + i));
          if (refs1.size() == 6) {
            assertEquals(refs1.get(0).execution() + 1, refs1.remove(0).get());
            assertEquals(refs2.get(0).execution() + 1001, refs2.remove(0).get());
          }
        }
        for (OnceGraph.Ref ref : refs1) {
          assertEquals(ref.execution() + 1, ref.get());
        }
        for (OnceGraph.Ref ref : refs2) {
          assertEquals(ref.execution() + 1001, ref.get());
        }
        assertEquals(200, r.calls.size());
        List<Long> first = r.calls.stream().filter(x -> x < 1000).collect(Collectors.toList());
        List<Long> second = r.calls.stream().filter(x -> x >= 1000).collect(Collectors.toList());
        assertEquals(sequence(0, 100), first, "g1's calls in its program order");
        assertEquals(sequence(1000, 100), second, "g2's calls in its program order");
        assertEquals(Set.of("cgraph-OnceGraph-r"), Set.copyOf(r.threads), "one thread for the actor, both graphs");
        assertEquals(g1.stats().actors().get(0).thread(), g2.stats().actors().get(0).thread());
      }
    });
  }

  @Test
  void closingOneGraphLeavesTheOtherRunningAndTheActorReusable() {
    assertTimeoutPreemptively(BOUND, () -> {
      Recorder r = new Recorder();
      OnceGraph g1 = OnceGraph.compile(r);
      try (OnceGraph g2 = OnceGraph.compile(r)) {
        assertEquals(6, g1.execute(5).get());
        g1.close();
        for (int i = 0; i < 50; i++) {
          assertEquals(i + 1, g2.execute(i).get());
        }
        try (OnceGraph g3 = OnceGraph.compile(r)) {
          assertEquals(8, g3.execute(7).get());
          assertEquals(9, g2.execute(8).get());
        }
      }
      try (OnceGraph again = OnceGraph.compile(r)) {
        assertEquals(10, again.execute(9).get());
      }
    });
  }

  @Test
  void aBrokenGraphReleasesTheActorToTheOthersBeforeItsCallersLearnOfTheBreak() {
    assertTimeoutPreemptively(BOUND, () -> {
      Recorder r = new Recorder();
      try (OnceGraph healthy = OnceGraph.compile(r)) {
        OnceGraph broken = OnceGraph.compile(r);
        OnceGraph.Ref dies = broken.execute(Recorder.DIE);
        GraphBrokenException e = assertThrows(GraphBrokenException.class, dies::get);
        assertTrue(e.getMessage().contains("actor 'r'"), e.getMessage());
        // Right after the break: a new graph on the same actor compiles and runs.
        try (OnceGraph next = OnceGraph.compile(r)) {
          assertEquals(3, next.execute(2).get());
        }
        assertEquals(4, healthy.execute(3).get());
        assertThrows(GraphBrokenException.class, () -> broken.execute(1));
        broken.close();
        assertEquals(5, healthy.execute(4).get());
      }
    });
  }

  @Test
  void groupedActorsRunOnOneThreadInOrderAndMatchTheSequentialReference() {
    assertTimeoutPreemptively(BOUND, () -> {
      ActorThread stages = ActorThread.named("stages");
      Accumulator a = new Accumulator();
      Accumulator b = new Accumulator();
      Accumulator c = new Accumulator();
      Accumulator ra = new Accumulator();
      Accumulator rb = new Accumulator();
      Accumulator rc = new Accumulator();
      // maxInflight 4 and 20,000 executions: batches wrap the 4-slot rings thousands of times.
      try (StagesGraph g = StagesGraph.compile(stages.place(a), stages.place(b), stages.place(c),
          GraphOptions.defaults())) {
        List<StagesGraph.Ref> window = new ArrayList<>();
        List<Long> expected = new ArrayList<>();
        for (long x = 0; x < 20_000; x++) {
          window.add(g.execute(x));
          expected.add(SharedGraphs.stages(x, ra, rb, rc));
          if (window.size() == 4) {
            assertEquals(expected.remove(0), window.remove(0).get());
          }
        }
        for (StagesGraph.Ref ref : window) {
          assertEquals(expected.remove(0), ref.get());
        }
        GraphStats s = g.stats();
        assertEquals(List.of("cgraph-stages", "cgraph-stages", "cgraph-stages"),
            s.actors().stream().map(GraphStats.ActorStats::thread).collect(Collectors.toList()));
        assertEquals(List.of("cgraph-stages"), CgraphThreads.alive(), "the three actors share one thread");
      }
    });
  }

  @Test
  void aFailureInAGroupedActorFailsThatExecutionOnly() {
    assertTimeoutPreemptively(BOUND, () -> {
      ActorThread shared = ActorThread.named("shared");
      Recorder r1 = new Recorder();
      Recorder r2 = new Recorder();
      try (OnceGraph g1 = OnceGraph.compile(shared.place(r1), GraphOptions.defaults());
           OnceGraph g2 = OnceGraph.compile(shared.place(r2), GraphOptions.defaults())) {
        OnceGraph.Ref before = g1.execute(1);
        OnceGraph.Ref bad = g1.execute(Recorder.THROW);
        OnceGraph.Ref other = g2.execute(10);
        OnceGraph.Ref after = g1.execute(2);
        assertEquals(2, before.get());
        ActorTaskException e = assertThrows(ActorTaskException.class, bad::get);
        assertEquals("java.lang.IllegalArgumentException", e.originalClassName());
        assertEquals(11, other.get());
        assertEquals(3, after.get());
        assertEquals(Set.of("cgraph-shared"), Set.copyOf(r1.threads));
        assertEquals(Set.of("cgraph-shared"), Set.copyOf(r2.threads));
      }
    });
  }

  @Test
  void aBlockedActorDelaysOnlyTheActorsOnItsThread() {
    assertTimeoutPreemptively(BOUND, () -> {
      ActorThread busy = ActorThread.named("busy");
      Recorder blocker = new Recorder();
      Recorder neighbour = new Recorder();
      Recorder elsewhere = new Recorder();
      try (OnceGraph g1 = OnceGraph.compile(busy.place(blocker), GraphOptions.defaults());
           OnceGraph g2 = OnceGraph.compile(busy.place(neighbour), GraphOptions.defaults());
           OnceGraph g3 = OnceGraph.compile(elsewhere)) {
        OnceGraph.Ref stuck = g1.execute(Recorder.BLOCK);
        blocker.blocked.await();
        OnceGraph.Ref delayed = g2.execute(5);
        assertEquals(8, g3.execute(7).get(), "an actor on another thread is not held up");
        assertThrows(ChannelTimeoutException.class, () -> delayed.get(Duration.ofMillis(200)),
            "the neighbour shares the blocked thread");
        assertFalse(delayed.isDone());
        blocker.gate.countDown();
        assertEquals(0, stuck.get());
        assertEquals(6, delayed.get());
      }
    });
  }

  @Test
  void anActorThatWaitsOnItselfNeedsAThreadOfItsOwn() {
    assertTimeoutPreemptively(BOUND, () -> {
      Accumulator a = new Accumulator();
      Accumulator b = new Accumulator();
      try (PingPongGraph g = PingPongGraph.compile(a, b)) {
        assertEquals(SharedGraphs.pingPong(3, new Accumulator(), new Accumulator()), g.execute(3).get());
        ActorBusyException busy = assertThrows(ActorBusyException.class,
            () -> PingPongGraph.compile(a, new Accumulator()));
        assertTrue(busy.getMessage().contains("cannot be shared"), busy.getMessage());
      }
      IllegalArgumentException grouped = assertThrows(IllegalArgumentException.class,
          () -> PingPongGraph.compile(ActorThread.named("x").place(new Accumulator()), Placement.local(new Accumulator()),
              GraphOptions.defaults()));
      assertTrue(grouped.getMessage().contains("Placement.local"), grouped.getMessage());
      // b does not wait on itself: it may share a thread.
      ActorThread t = ActorThread.named("pair");
      try (PingPongGraph g = PingPongGraph.compile(Placement.local(new Accumulator()), t.place(new Accumulator()),
          GraphOptions.defaults())) {
        assertEquals(SharedGraphs.pingPong(4, new Accumulator(), new Accumulator()), g.execute(4).get());
      }
    });
  }

  @Test
  void anActorStaysOnTheThreadItRunsOnWhileItServesAGraph() {
    assertTimeoutPreemptively(BOUND, () -> {
      Recorder r = new Recorder();
      try (OnceGraph g1 = OnceGraph.compile(r)) {
        ActorBusyException e = assertThrows(ActorBusyException.class,
            () -> OnceGraph.compile(ActorThread.named("other").place(r), GraphOptions.defaults()));
        assertTrue(e.getMessage().contains("already runs on a thread of its own"), e.getMessage());
        assertEquals(2, g1.execute(1).get());
      }
    });
  }

  @Test
  void sameInstanceTwiceInOneGraphIsRefused() {
    assertTimeoutPreemptively(BOUND, () -> {
      Accumulator a = new Accumulator();
      ActorBusyException e = assertThrows(ActorBusyException.class, () -> StagesGraph.compile(a, a, new Accumulator()));
      assertTrue(e.getMessage().contains("was passed as both 'a' and 'b'"), e.getMessage());
      try (StagesGraph g = StagesGraph.compile(a, new Accumulator(), new Accumulator())) {
        assertEquals(SharedGraphs.stages(1, new Accumulator(), new Accumulator(), new Accumulator()), g.execute(1).get());
      }
    });
  }

  @Test
  void batchesOnASharedThreadWrapTheRingsAndFollowRingGrowth() {
    assertTimeoutPreemptively(BOUND, () -> {
      ActorThread t = ActorThread.named("grow");
      try (GrowGraph g = GrowGraph.compile(t.place(new Strings()), t.place(new Strings()), GraphOptions.defaults())) {
        List<GrowGraph.Ref> window = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
          // sizes climb from a few bytes to ~60 KB (slots start at 64 bytes) with small ones mixed in
          input.append((char) ('a' + i % 26)).append(i % 7 == 0 ? "é😀" : "");
          String s = i % 5 == 0 ? "x" + i : input.toString().repeat(1 + i / 300);
          window.add(g.execute(s));
          expected.add(SharedGraphs.grow(s, new Strings(), new Strings()));
          if (window.size() == 4) {
            assertEquals(expected.remove(0), window.remove(0).get());
          }
        }
        for (GrowGraph.Ref ref : window) {
          assertEquals(expected.remove(0), ref.get());
        }
      }
    });
  }

  @Test
  void aNullActorIsNamedWithItsClass() {
    NullPointerException plain = assertThrows(NullPointerException.class, () -> OnceGraph.compile((Recorder) null));
    assertEquals("OnceGraph: actor 'r' (a io.cgraph.graphtests.executors.Recorder) is null; pass an instance",
        plain.getMessage());
    NullPointerException placed = assertThrows(NullPointerException.class,
        () -> OnceGraph.compile((Placement<Recorder>) null, GraphOptions.defaults()));
    assertTrue(placed.getMessage().startsWith("OnceGraph: the placement of actor 'r' (a"
        + " io.cgraph.graphtests.executors.Recorder) is null"), placed.getMessage());
  }

  private static List<Long> sequence(long from, int n) {
    List<Long> s = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      s.add(from + i);
    }
    return s;
  }

}
