package io.cgraph.graphtests;

import static io.cgraph.graphtests.Harness.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every graph shape, compiled by the processor, against its {@code @Graph} method called directly. */
class GraphShapesTest {
  private static final int RUNS = 3000;

  @Test
  void singleCall() {
    Random r = new Random(1);
    assertTimeoutPreemptively(TIMEOUT, () -> {
      Arith ref = new Arith();
      try (SingleGraph g = SingleGraph.compile(new Arith())) {
        Harness.compare(RUNS, 10, r::nextInt, x -> Graphs.single(x, ref), g::execute, SingleGraph.Ref::get);
      }
    });
  }

  @Test
  void chain() {
    Random r = new Random(2);
    assertTimeoutPreemptively(TIMEOUT, () -> {
      Arith a = new Arith();
      try (ChainGraph g = ChainGraph.compile(new Arith(), new Arith(), new Arith())) {
        Harness.compare(RUNS, 4, r::nextInt, x -> Graphs.chain(x, a, a, a), g::execute, ChainGraph.Ref::get);
      }
    });
  }

  @Test
  void sameActorCalledSeveralTimes() {
    Random r = new Random(3);
    assertTimeoutPreemptively(TIMEOUT, () -> {
      Arith a = new Arith();
      try (SameActorGraph g = SameActorGraph.compile(new Arith(), new Arith())) {
        Harness.compare(RUNS, 10, () -> new int[] {r.nextInt(), r.nextInt()},
            in -> Graphs.sameActor(in[0], in[1], a, a), in -> g.execute(in[0], in[1]), SameActorGraph.Ref::get);
      }
    });
  }

  @Test
  void fanOut() {
    Random r = new Random(4);
    assertTimeoutPreemptively(TIMEOUT, () -> {
      Arith a = new Arith();
      try (FanOutGraph g = FanOutGraph.compile(new Arith(), new Arith(), new Arith())) {
        Harness.compare(RUNS, 16, r::nextInt, x -> Graphs.fanOut(x, a, a, a), g::execute, FanOutGraph.Ref::get);
      }
    });
  }

  @Test
  void fanIn() {
    Random r = new Random(5);
    assertTimeoutPreemptively(TIMEOUT, () -> {
      Arith a = new Arith();
      try (FanInGraph g = FanInGraph.compile(new Arith(), new Arith(), new Arith())) {
        Harness.compare(RUNS, 10, () -> new int[] {r.nextInt(), r.nextInt()},
            in -> Graphs.fanIn(in[0], in[1], a, a, a), in -> g.execute(in[0], in[1]), FanInGraph.Ref::get);
      }
    });
  }

  /** The inputs of one execution of {@code severalInputs}. */
  private record Several(String s, int n, double d, boolean flag) {}

  @Test
  void severalInputs() {
    Random r = new Random(6);
    assertTimeoutPreemptively(TIMEOUT, () -> {
      Strings s = new Strings();
      Arith a = new Arith();
      try (SeveralInputsGraph g = SeveralInputsGraph.compile(new Strings(), new Arith())) {
        Harness.compare(RUNS, 10,
            () -> new Several(Values.stringOrNull(r), r.nextInt(), Values.doubleValue(r), r.nextBoolean()),
            in -> Graphs.severalInputs(in.s(), in.n(), in.d(), in.flag(), s, a),
            in -> g.execute(in.s(), in.n(), in.d(), in.flag()), SeveralInputsGraph.Ref::get);
      }
    });
  }

  @Test
  void constantArguments() {
    Random r = new Random(7);
    assertTimeoutPreemptively(TIMEOUT, () -> {
      Strings s = new Strings();
      Arith a = new Arith();
      try (ConstantsGraph g = ConstantsGraph.compile(new Strings(), new Arith())) {
        Harness.compare(RUNS, 10, () -> Values.string(r), in -> Graphs.constants(in, s, a), g::execute,
            ConstantsGraph.Ref::get);
      }
    });
  }

  @Test
  void recordReturnIsTheMultiOutputForm() {
    Random r = new Random(8);
    assertTimeoutPreemptively(TIMEOUT, () -> {
      Strings s = new Strings();
      Arith a = new Arith();
      try (MultiGraph g = MultiGraph.compile(new Strings(), new Arith())) {
        Harness.compare(RUNS, 10, () -> Values.stringOrNull(r), in -> Graphs.multi(in, s, a), g::execute,
            MultiGraph.Ref::get);
      }
    });
  }

  @Test
  void failureSkipsDownstreamCallsAndTheGraphStaysUsable() {
    Random r = new Random(9);
    assertTimeoutPreemptively(TIMEOUT, () -> {
      Arith a = new Arith();
      try (FailingGraph g = FailingGraph.compile(new Arith(), new Arith())) {
        int failures = Harness.compare(RUNS, 10, () -> r.nextInt(1000), x -> Graphs.failing(x, a, a), g::execute,
            FailingGraph.Ref::get);
        Harness.atLeastOne(failures);
      }
    });
  }

  @Test
  void statefulActorsSeeCallsInProgramAndSubmissionOrder() {
    Random r = new Random(10);
    assertTimeoutPreemptively(TIMEOUT, () -> {
      Accumulator acc = new Accumulator();
      Accumulator calls = new Accumulator();
      Arith a = new Arith();
      try (StatefulGraph g = StatefulGraph.compile(new Accumulator(), new Accumulator(), new Arith())) {
        Harness.compare(RUNS, 10, r::nextLong, x -> Graphs.stateful(x, acc, calls, a), g::execute,
            StatefulGraph.Ref::get);
      }
    });
  }

  @Test
  void executeAsyncCompletesWithTheSameResults() {
    Random r = new Random(11);
    assertTimeoutPreemptively(TIMEOUT, () -> {
      Arith a = new Arith();
      try (FanInGraph g = FanInGraph.compile(new Arith(), new Arith(), new Arith())) {
        for (int round = 0; round < 100; round++) {
          List<int[]> inputs = new ArrayList<>();
          List<CompletableFuture<Integer>> futures = new ArrayList<>();
          for (int i = 0; i < 10; i++) {
            int[] in = {r.nextInt(), r.nextInt()};
            inputs.add(in);
            futures.add(g.executeAsync(in[0], in[1]));
          }
          for (int i = 0; i < 10; i++) {
            assertEquals(Graphs.fanIn(inputs.get(i)[0], inputs.get(i)[1], a, a, a),
                futures.get(i).get(30, TimeUnit.SECONDS));
          }
        }
      }
    });
  }

  @Test
  void toDotIsTheResourceTheProcessorWrote() throws IOException {
    for (String graph : List.of("SingleGraph", "FanOutGraph", "MultiGraph", "EveryTypeGraph")) {
      String dot;
      try {
        dot = (String) Class.forName("io.cgraph.graphtests." + graph).getMethod("toDot").invoke(null);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
      try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/cgraph/" + graph + ".dot")) {
        assertNotNull(in, "no DOT resource for " + graph);
        assertEquals(dot, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    assertEquals("""
        digraph FanOutGraph {
          rankdir=LR;
          input [shape=box, label="input\\n(x)"];
          output [shape=box, label="output\\nPair"];
          subgraph cluster_a {
            label="a: Arith";
            c0 [label="y = a.twice(x)"];
          }
          subgraph cluster_b {
            label="b: Arith";
            c1 [label="left = b.add(y, 1)"];
          }
          subgraph cluster_c {
            label="c: Arith";
            c2 [label="right = c.add(y, -1)"];
          }
          input -> c0;
          c0 -> c1;
          c0 -> c2;
          c1 -> output;
          c2 -> output;
        }
        """, FanOutGraph.toDot());
  }

  @Test
  void closeIsIdempotentAndReleasesTheActors() {
    assertTimeoutPreemptively(TIMEOUT, () -> {
      Arith actor = new Arith();
      SingleGraph first = SingleGraph.compile(actor);
      assertEquals(4, first.execute(2).get());
      first.close();
      first.close();
      try (SingleGraph second = SingleGraph.compile(actor)) {
        assertEquals(6, second.execute(3).get());
      }
    });
  }
}
