package io.cgraph.graphtests.collectives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.annotations.Collectives;
import io.cgraph.annotations.ReduceOp;
import io.cgraph.graphtests.Harness;
import io.cgraph.runtime.ActorTaskException;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.GraphStats;
import io.cgraph.runtime.Placement;
import io.cgraph.runtime.Workers;
import io.cgraph.runtime.internal.GraphRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Collectives in compiled graphs (issue #16) against their reference semantics, the {@code @Graph}
 * method called directly: every kind, op and element type, bit for bit, over lengths 0, 1, odd,
 * not divisible by the participants, and 64 MiB; a failing participant and differing lengths fail
 * that execution only; several executions in flight; participants in worker processes. Participants
 * that all run in this JVM read each other's arrays in place; {@link OverTheRing} runs the same
 * graphs with the ring of channels that participants in other processes use.
 */
class CollectivesTest {
  private static final Duration BOUND = Duration.ofSeconds(180);
  private static final int RUNS = 12;

  @TempDir Path channels;
  /** Whether the ring is forced for participants in this JVM ({@link OverTheRing}). */
  private boolean overTheRing;

  private GraphOptions options() {
    return GraphOptions.defaults().withChannelDir(channels);
  }

  @AfterEach
  void noChannelFileLeft() throws IOException {
    try (Stream<Path> s = Files.list(channels)) {
      assertEquals(List.of(), s.map(Path::toString).collect(Collectors.toList()), "left in " + channels);
    }
  }

  /** One execution's inputs: a seed (negative: worker 1 throws) and every worker's length. */
  record Input(long seed, int[] lengths) {
    @Override
    public String toString() {
      return "seed " + seed + ", lengths " + Arrays.toString(lengths);
    }
  }

  /** Seeds and equal lengths: 0, 1, odd, not divisible by 3 or 4, up to a few thousand. */
  private static Supplier<Input> equalLengths(long seed, int workers) {
    Random random = new Random(seed);
    int[] fixed = {0, 1, 2, 3, 5, 7, 13, 4097};
    int[] next = {0};
    return () -> {
      int n = next[0] < fixed.length ? fixed[next[0]++] : random.nextInt(5000);
      int[] lengths = new int[workers];
      Arrays.fill(lengths, n);
      return new Input(random.nextLong() & Long.MAX_VALUE, lengths);
    };
  }

  private static Worker[] workers(int n) {
    Worker[] w = new Worker[n];
    for (int i = 0; i < n; i++) {
      w[i] = new Worker(i);
    }
    return w;
  }

  /** Runs {@code RUNS} executions through the graph and the reference; returns how many threw (in both). */
  private static <R> int compare(Supplier<Input> inputs, Function<Input, ?> reference, Function<Input, R> submit,
      Function<R, ?> get) {
    return Harness.compare(RUNS, 4, inputs, reference, submit, get);
  }

  @Test
  void allReduceEveryOpAndTypeMatchesTheReferenceBitForBit() {
    assertTimeoutPreemptively(BOUND, () -> {
      Worker[] r = workers(4);
      Worker[] w = workers(4);
      try (AllReduceFloatSumGraph g = AllReduceFloatSumGraph.compile(w[0], w[1], w[2], w[3], options())) {
        compare(equalLengths(1, 4), i -> CollectiveGraphs.allReduceFloatSum(i.seed(), i.lengths(), r[0], r[1], r[2],
            r[3]), i -> g.execute(i.seed(), i.lengths()), AllReduceFloatSumGraph.Ref::get);
      }
      try (AllReduceFloatProductGraph g = AllReduceFloatProductGraph.compile(w[0], w[1], w[2], w[3], options())) {
        compare(equalLengths(2, 4), i -> CollectiveGraphs.allReduceFloatProduct(i.seed(), i.lengths(), r[0], r[1],
            r[2], r[3]), i -> g.execute(i.seed(), i.lengths()), AllReduceFloatProductGraph.Ref::get);
      }
      try (AllReduceFloatMinGraph g = AllReduceFloatMinGraph.compile(w[0], w[1], w[2], w[3], options())) {
        compare(equalLengths(3, 4), i -> CollectiveGraphs.allReduceFloatMin(i.seed(), i.lengths(), r[0], r[1], r[2],
            r[3]), i -> g.execute(i.seed(), i.lengths()), AllReduceFloatMinGraph.Ref::get);
      }
      try (AllReduceFloatMaxGraph g = AllReduceFloatMaxGraph.compile(w[0], w[1], w[2], w[3], options())) {
        compare(equalLengths(4, 4), i -> CollectiveGraphs.allReduceFloatMax(i.seed(), i.lengths(), r[0], r[1], r[2],
            r[3]), i -> g.execute(i.seed(), i.lengths()), AllReduceFloatMaxGraph.Ref::get);
      }
      try (AllReduceDoubleSumGraph g = AllReduceDoubleSumGraph.compile(w[0], w[1], w[2], w[3], options())) {
        compare(equalLengths(5, 4), i -> CollectiveGraphs.allReduceDoubleSum(i.seed(), i.lengths(), r[0], r[1], r[2],
            r[3]), i -> g.execute(i.seed(), i.lengths()), AllReduceDoubleSumGraph.Ref::get);
      }
      try (AllReduceDoubleProductGraph g = AllReduceDoubleProductGraph.compile(w[0], w[1], w[2], w[3], options())) {
        compare(equalLengths(6, 4), i -> CollectiveGraphs.allReduceDoubleProduct(i.seed(), i.lengths(), r[0], r[1],
            r[2], r[3]), i -> g.execute(i.seed(), i.lengths()), AllReduceDoubleProductGraph.Ref::get);
      }
      try (AllReduceDoubleMinGraph g = AllReduceDoubleMinGraph.compile(w[0], w[1], w[2], w[3], options())) {
        compare(equalLengths(7, 4), i -> CollectiveGraphs.allReduceDoubleMin(i.seed(), i.lengths(), r[0], r[1], r[2],
            r[3]), i -> g.execute(i.seed(), i.lengths()), AllReduceDoubleMinGraph.Ref::get);
      }
      try (AllReduceDoubleMaxGraph g = AllReduceDoubleMaxGraph.compile(w[0], w[1], w[2], w[3], options())) {
        compare(equalLengths(8, 4), i -> CollectiveGraphs.allReduceDoubleMax(i.seed(), i.lengths(), r[0], r[1], r[2],
            r[3]), i -> g.execute(i.seed(), i.lengths()), AllReduceDoubleMaxGraph.Ref::get);
      }
      try (AllReduceIntSumGraph g = AllReduceIntSumGraph.compile(w[0], w[1], w[2], w[3], options())) {
        compare(equalLengths(9, 4), i -> CollectiveGraphs.allReduceIntSum(i.seed(), i.lengths(), r[0], r[1], r[2],
            r[3]), i -> g.execute(i.seed(), i.lengths()), AllReduceIntSumGraph.Ref::get);
      }
      try (AllReduceIntProductGraph g = AllReduceIntProductGraph.compile(w[0], w[1], w[2], w[3], options())) {
        compare(equalLengths(10, 4), i -> CollectiveGraphs.allReduceIntProduct(i.seed(), i.lengths(), r[0], r[1],
            r[2], r[3]), i -> g.execute(i.seed(), i.lengths()), AllReduceIntProductGraph.Ref::get);
      }
      try (AllReduceIntMinGraph g = AllReduceIntMinGraph.compile(w[0], w[1], w[2], w[3], options())) {
        compare(equalLengths(11, 4), i -> CollectiveGraphs.allReduceIntMin(i.seed(), i.lengths(), r[0], r[1], r[2],
            r[3]), i -> g.execute(i.seed(), i.lengths()), AllReduceIntMinGraph.Ref::get);
      }
      try (AllReduceIntMaxGraph g = AllReduceIntMaxGraph.compile(w[0], w[1], w[2], w[3], options())) {
        compare(equalLengths(12, 4), i -> CollectiveGraphs.allReduceIntMax(i.seed(), i.lengths(), r[0], r[1], r[2],
            r[3]), i -> g.execute(i.seed(), i.lengths()), AllReduceIntMaxGraph.Ref::get);
      }
      try (AllReduceLongSumGraph g = AllReduceLongSumGraph.compile(w[0], w[1], w[2], w[3], options())) {
        compare(equalLengths(13, 4), i -> CollectiveGraphs.allReduceLongSum(i.seed(), i.lengths(), r[0], r[1], r[2],
            r[3]), i -> g.execute(i.seed(), i.lengths()), AllReduceLongSumGraph.Ref::get);
      }
      try (AllReduceLongProductGraph g = AllReduceLongProductGraph.compile(w[0], w[1], w[2], w[3], options())) {
        compare(equalLengths(14, 4), i -> CollectiveGraphs.allReduceLongProduct(i.seed(), i.lengths(), r[0], r[1],
            r[2], r[3]), i -> g.execute(i.seed(), i.lengths()), AllReduceLongProductGraph.Ref::get);
      }
      try (AllReduceLongMinGraph g = AllReduceLongMinGraph.compile(w[0], w[1], w[2], w[3], options())) {
        compare(equalLengths(15, 4), i -> CollectiveGraphs.allReduceLongMin(i.seed(), i.lengths(), r[0], r[1], r[2],
            r[3]), i -> g.execute(i.seed(), i.lengths()), AllReduceLongMinGraph.Ref::get);
      }
      try (AllReduceLongMaxGraph g = AllReduceLongMaxGraph.compile(w[0], w[1], w[2], w[3], options())) {
        compare(equalLengths(16, 4), i -> CollectiveGraphs.allReduceLongMax(i.seed(), i.lengths(), r[0], r[1], r[2],
            r[3]), i -> g.execute(i.seed(), i.lengths()), AllReduceLongMaxGraph.Ref::get);
      }
      try (AllReducePairGraph g = AllReducePairGraph.compile(w[0], w[1], options())) {
        compare(equalLengths(17, 2), i -> CollectiveGraphs.allReducePair(i.seed(), i.lengths(), r[0], r[1]),
            i -> g.execute(i.seed(), i.lengths()), AllReducePairGraph.Ref::get);
      }
    });
  }

  @Test
  void allGatherReduceScatterAndBroadcastOfEveryTypeMatchTheReference() {
    assertTimeoutPreemptively(BOUND, () -> {
      Worker[] r = workers(4);
      Worker[] w = workers(4);
      try (AllGatherFloatGraph g = AllGatherFloatGraph.compile(w[0], w[1], w[2], options())) {
        compare(equalLengths(21, 3), i -> CollectiveGraphs.allGatherFloat(i.seed(), i.lengths(), r[0], r[1], r[2]),
            i -> g.execute(i.seed(), i.lengths()), AllGatherFloatGraph.Ref::get);
      }
      try (AllGatherDoubleGraph g = AllGatherDoubleGraph.compile(w[0], w[1], w[2], options())) {
        compare(equalLengths(22, 3), i -> CollectiveGraphs.allGatherDouble(i.seed(), i.lengths(), r[0], r[1], r[2]),
            i -> g.execute(i.seed(), i.lengths()), AllGatherDoubleGraph.Ref::get);
      }
      try (AllGatherIntGraph g = AllGatherIntGraph.compile(w[0], w[1], w[2], options())) {
        compare(equalLengths(23, 3), i -> CollectiveGraphs.allGatherInt(i.seed(), i.lengths(), r[0], r[1], r[2]),
            i -> g.execute(i.seed(), i.lengths()), AllGatherIntGraph.Ref::get);
      }
      try (AllGatherLongGraph g = AllGatherLongGraph.compile(w[0], w[1], w[2], options())) {
        compare(equalLengths(24, 3), i -> CollectiveGraphs.allGatherLong(i.seed(), i.lengths(), r[0], r[1], r[2]),
            i -> g.execute(i.seed(), i.lengths()), AllGatherLongGraph.Ref::get);
      }
      try (ReduceScatterFloatGraph g = ReduceScatterFloatGraph.compile(w[0], w[1], w[2], w[3], options())) {
        compare(equalLengths(25, 4), i -> CollectiveGraphs.reduceScatterFloat(i.seed(), i.lengths(), r[0], r[1],
            r[2], r[3]), i -> g.execute(i.seed(), i.lengths()), ReduceScatterFloatGraph.Ref::get);
      }
      try (ReduceScatterDoubleGraph g = ReduceScatterDoubleGraph.compile(w[0], w[1], w[2], w[3], options())) {
        compare(equalLengths(26, 4), i -> CollectiveGraphs.reduceScatterDouble(i.seed(), i.lengths(), r[0], r[1],
            r[2], r[3]), i -> g.execute(i.seed(), i.lengths()), ReduceScatterDoubleGraph.Ref::get);
      }
      try (ReduceScatterIntGraph g = ReduceScatterIntGraph.compile(w[0], w[1], w[2], w[3], options())) {
        compare(equalLengths(27, 4), i -> CollectiveGraphs.reduceScatterInt(i.seed(), i.lengths(), r[0], r[1],
            r[2], r[3]), i -> g.execute(i.seed(), i.lengths()), ReduceScatterIntGraph.Ref::get);
      }
      try (ReduceScatterLongGraph g = ReduceScatterLongGraph.compile(w[0], w[1], w[2], w[3], options())) {
        compare(equalLengths(28, 4), i -> CollectiveGraphs.reduceScatterLong(i.seed(), i.lengths(), r[0], r[1],
            r[2], r[3]), i -> g.execute(i.seed(), i.lengths()), ReduceScatterLongGraph.Ref::get);
      }
      try (BroadcastFloatGraph g = BroadcastFloatGraph.compile(w[0], w[1], w[2], options())) {
        compare(equalLengths(29, 3), i -> CollectiveGraphs.broadcastFloat(i.seed(), i.lengths(), r[0], r[1], r[2]),
            i -> g.execute(i.seed(), i.lengths()), BroadcastFloatGraph.Ref::get);
      }
      try (BroadcastDoubleGraph g = BroadcastDoubleGraph.compile(w[0], w[1], w[2], options())) {
        compare(equalLengths(30, 3), i -> CollectiveGraphs.broadcastDouble(i.seed(), i.lengths(), r[0], r[1], r[2]),
            i -> g.execute(i.seed(), i.lengths()), BroadcastDoubleGraph.Ref::get);
      }
      try (BroadcastIntGraph g = BroadcastIntGraph.compile(w[0], w[1], w[2], options())) {
        compare(equalLengths(31, 3), i -> CollectiveGraphs.broadcastInt(i.seed(), i.lengths(), r[0], r[1], r[2]),
            i -> g.execute(i.seed(), i.lengths()), BroadcastIntGraph.Ref::get);
      }
      try (BroadcastLongGraph g = BroadcastLongGraph.compile(w[0], w[1], w[2], options())) {
        compare(equalLengths(32, 3), i -> CollectiveGraphs.broadcastLong(i.seed(), i.lengths(), r[0], r[1], r[2]),
            i -> g.execute(i.seed(), i.lengths()), BroadcastLongGraph.Ref::get);
      }
    });
  }

  @Test
  void theRingKeepsTheDocumentedOrderOfAFloatSum() {
    // 0.1f + 0.2f + 0.3f + 1e8f differs by order: the reference and the graph agree on the ring's
    float[][] parts = {{1e8f, 0.1f}, {0.3f, 1e8f}, {-1e8f, 0.2f}, {0.2f, -1e8f}};
    float[] ring = Collectives.allReduce(ReduceOp.SUM, parts);
    // length 2 over 4 participants: chunks 0 and 2 are empty, element 0 is chunk 1 (from participant
    // 2 round), element 1 is chunk 3 (from participant 0 round)
    assertEquals(((parts[2][0] + parts[3][0]) + parts[0][0]) + parts[1][0], ring[0]);
    assertEquals(((parts[0][1] + parts[1][1]) + parts[2][1]) + parts[3][1], ring[1]);
    assertEquals(0.3f, ring[0]); // -1e8 + 0.2 + 1e8 + 0.3, in ring order
    assertEquals(0.0f, ring[1]); // 0.1 + 1e8 + 0.2 - 1e8 rounds 0.1 and 0.2 away
  }

  @Test
  void aFailingParticipantOrDifferingLengthsFailThatExecutionOnly() {
    assertTimeoutPreemptively(BOUND, () -> {
      Worker[] r = workers(4);
      Worker[] w = workers(4);
      Random random = new Random(41);
      Supplier<Input> inputs = () -> {
        int n = random.nextInt(300);
        int[] lengths = {n, n, n, n};
        long seed = random.nextLong() & Long.MAX_VALUE;
        switch (random.nextInt(5)) {
          case 0 -> seed = -seed - 1; // worker 1 throws
          case 1 -> lengths[random.nextInt(4)] = n + 1 + random.nextInt(3); // one length differs
          default -> { }
        }
        return new Input(seed, lengths);
      };
      try (AllReduceFloatSumGraph g = AllReduceFloatSumGraph.compile(w[0], w[1], w[2], w[3], options())) {
        int failed = Harness.compare(120, 4, inputs, i -> CollectiveGraphs.allReduceFloatSum(i.seed(), i.lengths(),
            r[0], r[1], r[2], r[3]), i -> g.execute(i.seed(), i.lengths()), AllReduceFloatSumGraph.Ref::get);
        assertTrue(failed > 10, "the inputs should have made executions fail: " + failed);
        // the graph is still usable, and counted every failed execution
        FloatQuad ok = g.execute(7, new int[] {3, 3, 3, 3}).get();
        FloatQuad expected = CollectiveGraphs.allReduceFloatSum(7, new int[] {3, 3, 3, 3}, r[0], r[1], r[2], r[3]);
        assertArrayEquals(expected.a(), ok.a());
        assertArrayEquals(expected.a(), ok.d());
        assertEquals(failed, g.stats().failures());
      }
      try (AllGatherIntGraph g = AllGatherIntGraph.compile(w[0], w[1], w[2], options())) {
        ActorTaskException e = assertThrows(ActorTaskException.class, () -> g.execute(1, new int[] {4, 4, 5}).get());
        assertEquals(IllegalArgumentException.class.getName(), e.originalClassName());
        // the first participant to see a length that differs from its own reports it (which one is a race)
        assertTrue(e.getMessage().matches("(?s).*all = Collectives\\.allGather\\(\\.\\.\\.\\): participant rank [0-2] has [45]"
            + " elements, 'w[0-2]' \\(rank [0-2]\\) has [45]; all must have the same length.*"), e.getMessage());
        ActorTaskException thrown = assertThrows(ActorTaskException.class, () -> g.execute(-1, new int[] {4, 4, 4})
            .get());
        assertEquals("w1", thrown.actor());
        assertEquals(IllegalStateException.class.getName(), thrown.originalClassName());
        IntTriple expected = CollectiveGraphs.allGatherInt(2, new int[] {6, 6, 6}, r[0], r[1], r[2]);
        IntTriple gathered = g.execute(2, new int[] {6, 6, 6}).get();
        assertEquals(18, gathered.c().length);
        assertArrayEquals(expected.c(), gathered.a());
        assertArrayEquals(expected.c(), gathered.c());
      }
    });
  }

  @Test
  void aThrowingParticipantFailsTheExecutionAtOnceWhileAnotherStillHoldsItsOperand() {
    assertTimeoutPreemptively(BOUND, () -> {
      Gate slow = new Gate(false, true);
      try (FastFailGraph g = FastFailGraph.compile(new Gate(true, false), new Gate(false, false), slow, options())) {
        FastFailGraph.Ref ref = g.execute(-1);
        slow.holding.await();
        // get's own timeout is 10 s; the slow participant holds for up to a minute: the failure
        // must come from the throwing participant, before the slow one reaches the collective
        ActorTaskException e = assertThrows(ActorTaskException.class, ref::get);
        assertEquals(1, slow.release.getCount(), "thrown while a participant still holds its operand");
        assertEquals("a", e.actor());
        assertEquals(IllegalStateException.class.getName(), e.originalClassName());
        slow.release.countDown();
        // the ring carried the failure through, in step: the next executions are whole
        for (int x = 0; x < 20; x++) {
          assertEquals(3 * 3 * (x + 2), g.execute(x).get());
        }
        assertEquals(1, g.stats().failures());
      }
    });
  }

  @Test
  void aCollectiveInsideAPipelineWithEightExecutionsInFlight() {
    assertTimeoutPreemptively(BOUND, () -> {
      Worker[] r = workers(4);
      Worker[] w = workers(4);
      Random random = new Random(43);
      Supplier<Input> inputs = () -> {
        int n = random.nextInt(2000);
        long seed = random.nextLong() & Long.MAX_VALUE;
        return new Input(random.nextInt(10) == 0 ? -seed - 1 : seed, new int[] {n, n, n, n});
      };
      try (PipelineGraph g = PipelineGraph.compile(w[0], w[1], w[2], w[3], options())) {
        int failed = Harness.compare(400, 8, inputs, i -> CollectiveGraphs.pipeline(i.seed(), i.lengths(), r[0], r[1],
            r[2], r[3]), i -> g.execute(i.seed(), i.lengths()), PipelineGraph.Ref::get);
        assertTrue(failed > 0, "some executions should have failed");
        GraphStats stats = g.stats();
        assertEquals(0, stats.inFlight());
        assertEquals(1, stats.collectives().size());
        GraphStats.CollectiveStats sum = stats.collectives().get(0);
        assertEquals("sum", sum.name());
        assertEquals(List.of("w0", "w1", "w2", "w3"), sum.participants());
        assertEquals(400, sum.runs()); // failed executions run the ring too, carrying the failure
        assertTrue(sum.nanos() > 0, "time in the collective: " + sum);
        assertEquals(!overTheRing, sum.inPlace(), sum.toString());
      }
    });
  }

  @Test
  void anOutsiderThatFeedsAParticipantAndReadsAnotherIsNotGatedOnItself() {
    assertTimeoutPreemptively(BOUND, () -> {
      Worker[] r = workers(4);
      Worker[] w = workers(4);
      // x is worker 3 (its own lengths entry), feeding rank 2 and reading rank 1's digest
      try (OutsiderFeedsAParticipantGraph g = OutsiderFeedsAParticipantGraph.compile(w[3], w[0], w[1], w[2],
          options())) {
        Harness.compare(50, 2, equalLengths(51, 4), i -> CollectiveGraphs.outsiderFeedsAParticipant(i.seed(),
            i.lengths(), r[3], r[0], r[1], r[2]), i -> g.execute(i.seed(), i.lengths()),
            OutsiderFeedsAParticipantGraph.Ref::get);
      }
    });
  }

  @Test
  void sixtyFourMebibytesPerParticipant() {
    assertTimeoutPreemptively(BOUND, () -> {
      int n = (64 << 20) / Float.BYTES + 3; // 64 MiB and a little, not divisible by 4
      int[] lengths = {n, n, n, n};
      long expected = CollectiveGraphs.large(5, lengths, new Worker(0), new Worker(1), new Worker(2), new Worker(3));
      Worker[] w = workers(4);
      try (LargeGraph g = LargeGraph.compile(w[0], w[1], w[2], w[3], options())) {
        assertEquals(expected, g.execute(5, lengths).get(Duration.ofSeconds(120)));
      }
    });
  }

  @Test
  void participantsInWorkerProcesses() {
    assertTimeoutPreemptively(BOUND, () -> {
      Worker[] r = workers(4);
      try (Workers workers = Workers.create(2)) {
        try (PipelineGraph g = PipelineGraph.compile(workers.spawnOn(0, Worker.class, 0),
            workers.spawnOn(1, Worker.class, 1), Placement.local(new Worker(2)), workers.spawnOn(1, Worker.class, 3),
            options())) {
          Random random = new Random(47);
          int failed = Harness.compare(60, 8, () -> {
            int n = random.nextInt(3000);
            long seed = random.nextLong() & Long.MAX_VALUE;
            return new Input(random.nextInt(6) == 0 ? -seed - 1 : seed, new int[] {n, n, n, n});
          }, i -> CollectiveGraphs.pipeline(i.seed(), i.lengths(), r[0], r[1], r[2], r[3]),
              i -> g.execute(i.seed(), i.lengths()), PipelineGraph.Ref::get);
          assertTrue(failed > 0, "some executions should have failed");
          // the workers report their participants' counters: every execution ran the ring everywhere
          GraphStats.CollectiveStats sum = g.stats().collectives().get(0);
          assertEquals(60, sum.runs(), sum.toString());
          assertFalse(sum.inPlace(), "three of the four participants run in workers: " + sum);
        }
      }
    });
  }

  @Test
  void jfrRecordsEachParticipantsPartOfACollective() {
    assertTimeoutPreemptively(BOUND, () -> {
      Path file = channels.resolveSibling(channels.getFileName() + "-collectives.jfr");
      Worker[] w = workers(4);
      try (jdk.jfr.Recording recording = new jdk.jfr.Recording()) {
        recording.enable("io.cgraph.ActorCall");
        recording.start();
        try (PipelineGraph g = PipelineGraph.compile(w[0], w[1], w[2], w[3], options())) {
          for (int i = 0; i < 5; i++) {
            g.execute(i, new int[] {100, 100, 100, 100}).get();
          }
        }
        recording.stop();
        recording.dump(file);
      }
      try {
        List<String> parts = jdk.jfr.consumer.RecordingFile.readAllEvents(file).stream()
            .filter(e -> e.getString("graph").equals("PipelineGraph") && e.getString("method").equals("allReduce(sum)"))
            .map(e -> e.getString("actor") + "@" + e.getLong("execution")).sorted().collect(Collectors.toList());
        List<String> expected = new ArrayList<>();
        for (String actor : List.of("w0", "w1", "w2", "w3")) {
          for (int i = 0; i < 5; i++) {
            expected.add(actor + "@" + i);
          }
        }
        assertEquals(expected.stream().sorted().collect(Collectors.toList()), parts);
      } finally {
        Files.deleteIfExists(file);
      }
    });
  }

  @Test
  void theDotTextShowsACollectiveAsOneNodeWithItsParticipants() {
    String dot = AllGatherFloatGraph.toDot();
    assertTrue(dot.contains("  c3 [shape=hexagon, label=\"all = Collectives.allGather(g0, g1, g2)\\nparticipants:"
        + " w0, w1, w2\"];\n"), dot);
    assertTrue(dot.contains("  c0 -> c3;\n  c1 -> c3;\n  c2 -> c3;\n"), dot);
    assertTrue(dot.contains("  c3 -> c4;\n"), dot);
    List<String> broadcast = new ArrayList<>(List.of(BroadcastIntGraph.toDot().split("\n")));
    assertTrue(broadcast.contains("  c1 [shape=hexagon, label=\"copy = Collectives.broadcast(g0, w1, w2)"
        + "\\nparticipants: w0, w1, w2\"];"), String.join("\n", broadcast));
  }

  /**
   * The graphs above with {@code -Dcgraph.collectives=ring}: participants in this JVM send their
   * chunks round the ring of channels, as participants in worker processes and on other hosts do.
   */
  @Nested
  class OverTheRing {
    @BeforeEach
    void forceTheRing() {
      System.setProperty(GraphRuntime.COLLECTIVES_PROPERTY, "ring");
      overTheRing = true;
    }

    @AfterEach
    void backInPlace() {
      System.clearProperty(GraphRuntime.COLLECTIVES_PROPERTY);
    }

    @Test
    void allReduceEveryOpAndType() {
      allReduceEveryOpAndTypeMatchesTheReferenceBitForBit();
    }

    @Test
    void allGatherReduceScatterAndBroadcastOfEveryType() {
      allGatherReduceScatterAndBroadcastOfEveryTypeMatchTheReference();
    }

    @Test
    void theDocumentedOrderOfAFloatSum() {
      theRingKeepsTheDocumentedOrderOfAFloatSum();
    }

    @Test
    void aFailingParticipantOrDifferingLengths() {
      aFailingParticipantOrDifferingLengthsFailThatExecutionOnly();
    }

    @Test
    void aThrowingParticipantFailsAtOnce() {
      aThrowingParticipantFailsTheExecutionAtOnceWhileAnotherStillHoldsItsOperand();
    }

    @Test
    void eightExecutionsInFlight() {
      aCollectiveInsideAPipelineWithEightExecutionsInFlight();
    }

    @Test
    void anOutsiderIsNotGatedOnItself() {
      anOutsiderThatFeedsAParticipantAndReadsAnotherIsNotGatedOnItself();
    }

    @Test
    void sixtyFourMebibytes() {
      sixtyFourMebibytesPerParticipant();
    }
  }
}
