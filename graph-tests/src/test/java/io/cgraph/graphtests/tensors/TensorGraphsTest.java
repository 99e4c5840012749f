package io.cgraph.graphtests.tensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cgraph.gpu.DType;
import io.cgraph.gpu.DeviceTensor;
import io.cgraph.gpu.DeviceTensorCodec;
import io.cgraph.gpu.Gpu;
import io.cgraph.runtime.GraphOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * DeviceTensor values through chain, fan-out and fan-in graphs, on whatever backend is active (the
 * host backend where there is no CUDA driver): every dtype, 1 element to 64 MiB, results bit-exact
 * against the same arithmetic on Java arrays, and every byte freed once the graph is closed.
 */
class TensorGraphsTest {
  private static final Duration BOUND = Duration.ofSeconds(120);

  @TempDir Path channels;
  private long allocatedBefore;

  @BeforeEach
  void rememberAllocation() {
    allocatedBefore = Gpu.backend().allocatedBytes();
  }

  @AfterEach
  void nothingLeaks() {
    assertEquals(0, DeviceTensorCodec.inTransit(), "tensors left in transit");
    assertEquals(allocatedBefore, Gpu.backend().allocatedBytes(), "device bytes not freed");
  }

  private GraphOptions options() {
    return GraphOptions.defaults().withChannelDir(channels);
  }

  /** A tensor of {@code n} random elements of {@code dtype}, and the same values as a Java array. */
  private static Object[] random(DType dtype, int n, long seed) {
    Random rnd = new Random(seed);
    switch (dtype) {
      case FLOAT32: {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
          a[i] = (float) rnd.nextGaussian() * 1e3f;
        }
        return new Object[] {Gpu.tensor(a), a};
      }
      case FLOAT64: {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
          a[i] = rnd.nextGaussian() * 1e6;
        }
        return new Object[] {Gpu.tensor(a), a};
      }
      case INT32: {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
          a[i] = rnd.nextInt();
        }
        return new Object[] {Gpu.tensor(a), a};
      }
      default: {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
          a[i] = rnd.nextLong();
        }
        return new Object[] {Gpu.tensor(a), a};
      }
    }
  }

  /** {@code factor * a} computed by repeated doubling in Java (the same operations the actors run). */
  private static Object times(Object a, int doublings) {
    if (a instanceof float[] f) {
      float[] r = f.clone();
      for (int d = 0; d < doublings; d++) {
        for (int i = 0; i < r.length; i++) {
          r[i] = r[i] + r[i];
        }
      }
      return r;
    }
    if (a instanceof double[] f) {
      double[] r = f.clone();
      for (int d = 0; d < doublings; d++) {
        for (int i = 0; i < r.length; i++) {
          r[i] = r[i] + r[i];
        }
      }
      return r;
    }
    if (a instanceof int[] f) {
      int[] r = f.clone();
      for (int d = 0; d < doublings; d++) {
        for (int i = 0; i < r.length; i++) {
          r[i] = r[i] + r[i];
        }
      }
      return r;
    }
    long[] r = ((long[]) a).clone();
    for (int d = 0; d < doublings; d++) {
      for (int i = 0; i < r.length; i++) {
        r[i] = r[i] + r[i];
      }
    }
    return r;
  }

  private static Object sum(Object a, Object b) {
    if (a instanceof float[] x) {
      float[] y = (float[]) b;
      float[] r = new float[x.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = x[i] + y[i];
      }
      return r;
    }
    if (a instanceof double[] x) {
      double[] y = (double[]) b;
      double[] r = new double[x.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = x[i] + y[i];
      }
      return r;
    }
    if (a instanceof int[] x) {
      int[] y = (int[]) b;
      int[] r = new int[x.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = x[i] + y[i];
      }
      return r;
    }
    long[] x = (long[]) a;
    long[] y = (long[]) b;
    long[] r = new long[x.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = x[i] + y[i];
    }
    return r;
  }

  /** Asserts bit-exact equality of the tensor's contents with {@code expected}, then closes it. */
  private static void assertContents(Object expected, DeviceTensor actual) {
    try (actual) {
      if (expected instanceof float[] e) {
        float[] a = actual.toFloatArray();
        assertEquals(e.length, a.length);
        for (int i = 0; i < e.length; i++) {
          if (Float.floatToRawIntBits(e[i]) != Float.floatToRawIntBits(a[i])) {
            assertEquals(e[i], a[i], "element " + i);
          }
        }
      } else if (expected instanceof double[] e) {
        double[] a = actual.toDoubleArray();
        assertEquals(e.length, a.length);
        for (int i = 0; i < e.length; i++) {
          if (Double.doubleToRawLongBits(e[i]) != Double.doubleToRawLongBits(a[i])) {
            assertEquals(e[i], a[i], "element " + i);
          }
        }
      } else if (expected instanceof int[] e) {
        assertArrayEquals(e, actual.toIntArray());
      } else {
        assertArrayEquals((long[]) expected, actual.toLongArray());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void chainOfEveryDtype(DType dtype) {
    assertTimeoutPreemptively(BOUND, () -> {
      try (ChainGraph g = ChainGraph.compile(new Doubler(), new Doubler(), options())) {
        for (int n : new int[] {1, 2, 1000, 65_537}) {
          Object[] in = random(dtype, n, n);
          assertContents(times(in[1], 2), g.execute((DeviceTensor) in[0]).get());
        }
      }
    });
  }

  @ParameterizedTest
  @ValueSource(ints = {64 << 20})
  void sixtyFourMebibytesThroughAChain(int bytes) {
    assertTimeoutPreemptively(BOUND, () -> {
      try (ChainGraph g = ChainGraph.compile(new Doubler(), new Doubler(), options())) {
        Object[] in = random(DType.FLOAT32, bytes / Float.BYTES, 64);
        DeviceTensor out = g.execute((DeviceTensor) in[0]).get();
        assertEquals(bytes, out.byteSize());
        assertContents(times(in[1], 2), out);
      }
    });
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void fanOutSharesTheInputAndBothResultsArrive(DType dtype) {
    assertTimeoutPreemptively(BOUND, () -> {
      try (FanOutGraph g = FanOutGraph.compile(new Doubler(), new Doubler(), options())) {
        for (int i = 0; i < 50; i++) {
          Object[] in = random(dtype, 1 + i * 37, i);
          TensorPair pair = g.execute((DeviceTensor) in[0]).get();
          Object expected = times(in[1], 1);
          assertContents(expected, pair.first());
          assertContents(expected, pair.second());
        }
      }
    });
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void fanInJoinsTwoTensors(DType dtype) {
    assertTimeoutPreemptively(BOUND, () -> {
      try (FanInGraph g = FanInGraph.compile(new Doubler(), new Doubler(), new Joiner(), options())) {
        for (int i = 0; i < 50; i++) {
          Object[] x = random(dtype, 1 + i * 101, i);
          Object[] y = random(dtype, 1 + i * 101, 1000 + i);
          assertContents(sum(times(x[1], 1), times(y[1], 1)),
              g.execute((DeviceTensor) x[0], (DeviceTensor) y[0]).get());
        }
      }
    });
  }

  @Test
  void executeMovesTheInputTensor() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (ChainGraph g = ChainGraph.compile(new Doubler(), new Doubler(), options())) {
        DeviceTensor x = Gpu.tensor(new int[] {1, 2, 3});
        DeviceTensor out = g.execute(x).get();
        assertThrows(IllegalStateException.class, x::toIntArray, "the driver's handle moved into the graph");
        assertContents(new int[] {4, 8, 12}, out);
      }
    });
  }

  @Test
  void tensorsInFlightWhenTheGraphClosesAreFreed() {
    assertTimeoutPreemptively(BOUND, () -> {
      ChainGraph g = ChainGraph.compile(new Doubler(), new Doubler(), options());
      for (int i = 0; i < 4; i++) {
        Object[] in = random(DType.FLOAT64, 10_000, i);
        g.execute((DeviceTensor) in[0]);
      }
      g.close();
      // nothingLeaks() checks that the unread results, still in transit, were freed with the graph
    });
  }

  @Test
  void tensorsInFlightWhenAPlacedGraphClosesAreFreed() {
    assertTimeoutPreemptively(BOUND, () -> {
      // The compile(Placement...) path frees what is left in its channels as the plain one does.
      ChainGraph g = ChainGraph.compile(io.cgraph.runtime.Placement.local(new Doubler()),
          io.cgraph.runtime.Placement.local(new Doubler()), options());
      for (int i = 0; i < 4; i++) {
        Object[] in = random(DType.FLOAT64, 10_000, i);
        g.execute((DeviceTensor) in[0]);
      }
      g.close();
      // nothingLeaks() checks that the unread results, still in transit, were freed with the graph
    });
  }
}
