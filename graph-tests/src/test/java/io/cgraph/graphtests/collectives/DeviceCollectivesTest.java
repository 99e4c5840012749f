package io.cgraph.graphtests.collectives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.gpu.Gpu;
import io.cgraph.graphtests.Harness;
import io.cgraph.runtime.GraphOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DeviceCollectives} on the GPU backend of this machine (the host backend where there is no
 * CUDA driver): every kind against the direct call, bit for bit, dtype and shape included; shapes
 * that differ, or an operand its method closed, fail that execution only; every operand and result
 * is freed.
 */
class DeviceCollectivesTest {
  private static final Duration BOUND = Duration.ofSeconds(120);

  @TempDir Path channels;
  /** Whether the ring is forced for participants in this JVM ({@link OverTheRing}). */
  private boolean overTheRing;
  private long allocatedBefore;

  @BeforeEach
  void noteAllocated() {
    allocatedBefore = Gpu.backend().allocatedBytes();
    if (Gpu.backend().kind() == io.cgraph.gpu.Backend.Kind.HOST) {
      assertEquals(2, Gpu.deviceCount(), "the pom gives the host backend two devices, so that collectives cross them");
    }
  }

  @AfterEach
  void nothingLeft() throws IOException {
    assertEquals(allocatedBefore, Gpu.backend().allocatedBytes(), "device bytes not freed");
    try (Stream<Path> s = Files.list(channels)) {
      assertEquals(List.of(), s.map(Path::toString).collect(Collectors.toList()), "left in " + channels);
    }
  }

  private GraphOptions options() {
    return GraphOptions.defaults().withChannelDir(channels);
  }

  /** Inputs: a seed, each participant's rows (one differs in some), and the columns. */
  record Input(long seed, int[] rows, int cols) {}

  private static Supplier<Input> inputs(long seed, boolean mismatches) {
    Random random = new Random(seed);
    return () -> {
      int r = random.nextInt(9);
      int[] rows = {r, r, r};
      long s = random.nextLong();
      if (mismatches && random.nextInt(4) == 0) {
        rows[random.nextInt(3)] = r + 1;
        if (Math.floorMod(s, 7) == 3) {
          s++; // one failure per execution: with two, which one get reports is a race
        }
      }
      return new Input(s, rows, 1 + random.nextInt(7));
    };
  }

  private static TensorPart[] parts() {
    return new TensorPart[] {new TensorPart(0), new TensorPart(1), new TensorPart(2)};
  }

  /**
   * Runs {@code runs} inputs through the direct call first (whose result tensors nobody closes: the
   * garbage collector frees them, so the test waits for that), then through the graph, one at a
   * time, and compares; returns how many failed (in both).
   */
  private <R> int compare(int runs, Supplier<Input> inputs, java.util.function.Function<Input, Object> reference,
      java.util.function.Function<Input, R> submit, java.util.function.Function<R, Object> get) throws Exception {
    List<Input> in = new java.util.ArrayList<>();
    List<Harness.Outcome> want = new java.util.ArrayList<>();
    for (int i = 0; i < runs; i++) {
      Input input = inputs.get();
      in.add(input);
      want.add(Harness.Outcome.of(() -> reference.apply(input)));
    }
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (Gpu.backend().allocatedBytes() != allocatedBefore && System.nanoTime() - deadline < 0) {
      System.gc();
      Thread.sleep(20);
    }
    assertEquals(allocatedBefore, Gpu.backend().allocatedBytes(), "the direct calls' tensors were not collected");
    int failed = 0;
    for (int i = 0; i < runs; i++) {
      Input input = in.get(i);
      Harness.Outcome got = Harness.Outcome.of(() -> get.apply(submit.apply(input)));
      assertEquals(want.get(i).thrown(), got.thrown(), "execution " + i);
      if (got.thrown() != null) {
        failed++;
      } else {
        LongTriple w = (LongTriple) want.get(i).value();
        LongTriple g = (LongTriple) got.value();
        org.junit.jupiter.api.Assertions.assertArrayEquals(w.a(), g.a(), "execution " + i + " a");
        org.junit.jupiter.api.Assertions.assertArrayEquals(w.b(), g.b(), "execution " + i + " b");
        org.junit.jupiter.api.Assertions.assertArrayEquals(w.c(), g.c(), "execution " + i + " c");
      }
    }
    return failed;
  }

  @Test
  void everyKindMatchesTheDirectCallBitForBit() {
    assertTimeoutPreemptively(BOUND, () -> {
      TensorPart[] r = parts();
      TensorPart[] p = parts();
      try (TensorAllReduceGraph g = TensorAllReduceGraph.compile(p[0], p[1], p[2], options())) {
        compare(30, inputs(1, false), i -> CollectiveGraphs.tensorAllReduce(i.seed(), i.rows(), i.cols(),
            r[0], r[1], r[2]), i -> g.execute(i.seed(), i.rows(), i.cols()), TensorAllReduceGraph.Ref::get);
      }
      try (TensorAllReduceIntMaxGraph g = TensorAllReduceIntMaxGraph.compile(p[0], p[1], p[2], options())) {
        compare(30, inputs(2, false), i -> CollectiveGraphs.tensorAllReduceIntMax(i.seed(), i.rows(),
            i.cols(), r[0], r[1], r[2]), i -> g.execute(i.seed(), i.rows(), i.cols()),
            TensorAllReduceIntMaxGraph.Ref::get);
      }
      try (TensorAllGatherGraph g = TensorAllGatherGraph.compile(p[0], p[1], p[2], options())) {
        compare(30, inputs(3, false), i -> CollectiveGraphs.tensorAllGather(i.seed(), i.rows(), i.cols(),
            r[0], r[1], r[2]), i -> g.execute(i.seed(), i.rows(), i.cols()), TensorAllGatherGraph.Ref::get);
      }
      try (TensorReduceScatterGraph g = TensorReduceScatterGraph.compile(p[0], p[1], p[2], options())) {
        compare(30, inputs(4, false), i -> CollectiveGraphs.tensorReduceScatter(i.seed(), i.rows(),
            i.cols(), r[0], r[1], r[2]), i -> g.execute(i.seed(), i.rows(), i.cols()),
            TensorReduceScatterGraph.Ref::get);
      }
      try (TensorBroadcastGraph g = TensorBroadcastGraph.compile(p[0], p[1], p[2], options())) {
        compare(30, inputs(5, false), i -> CollectiveGraphs.tensorBroadcast(i.seed(), i.rows(), i.cols(),
            r[0], r[1], r[2]), i -> g.execute(i.seed(), i.rows(), i.cols()), TensorBroadcastGraph.Ref::get);
      }
    });
  }

  @Test
  void allGatherStacksAlongTheFirstDimension() {
    assertTimeoutPreemptively(BOUND, () -> {
      TensorPart[] p = parts();
      try (TensorAllGatherGraph g = TensorAllGatherGraph.compile(p[0], p[1], p[2], options())) {
        long[] d = g.execute(9, new int[] {2, 2, 2}, 5).get().b();
        assertEquals(List.of(0L, 2L, 6L, 5L), List.of(d[0], d[1], d[2], d[3])); // FLOAT32, rank 2, [3 * 2, 5]
      }
    });
  }

  @Test
  void shapesThatDifferFailThatExecutionOnly() {
    assertTimeoutPreemptively(BOUND, () -> {
      TensorPart[] r = parts();
      TensorPart[] p = parts();
      try (TensorAllReduceGraph g = TensorAllReduceGraph.compile(p[0], p[1], p[2], options())) {
        int failed = compare(60, inputs(6, true), i -> CollectiveGraphs.tensorAllReduce(i.seed(),
            i.rows(), i.cols(), r[0], r[1], r[2]), i -> g.execute(i.seed(), i.rows(), i.cols()),
            TensorAllReduceGraph.Ref::get);
        assertTrue(failed > 3, "some shapes should have differed, or an operand been closed: " + failed);
        // a fast-failed execution counts once the driver has taken all its results: the next get does that
        assertEquals(2, g.execute(1, new int[] {1, 1, 1}, 1).get().a()[1]); // a rank-2 tensor came back
        assertEquals(failed, g.stats().failures());
        assertEquals(!overTheRing, g.stats().collectives().get(0).inPlace());
      }
    });
  }

  /** The same graphs with their tensors' elements sent round the ring of channels ({@code -Dcgraph.collectives=ring}). */
  @Nested
  class OverTheRing {
    @BeforeEach
    void forceTheRing() {
      System.setProperty(io.cgraph.runtime.internal.GraphRuntime.COLLECTIVES_PROPERTY, "ring");
      overTheRing = true;
    }

    @AfterEach
    void backInPlace() {
      System.clearProperty(io.cgraph.runtime.internal.GraphRuntime.COLLECTIVES_PROPERTY);
    }

    @Test
    void everyKind() {
      everyKindMatchesTheDirectCallBitForBit();
    }

    @Test
    void allGatherStacks() {
      allGatherStacksAlongTheFirstDimension();
    }

    @Test
    void shapesThatDiffer() {
      shapesThatDifferFailThatExecutionOnly();
    }
  }
}
