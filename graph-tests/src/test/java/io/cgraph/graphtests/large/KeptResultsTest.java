package io.cgraph.graphtests.large;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cgraph.runtime.GraphOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's zero-copy case: Ray hands the caller a view of the channel buffer, so a caller that
 * keeps results blocks the writer. cgraph hands the caller its own memory: a graph returning a
 * 1 MiB array, executed many times while every result is kept, never blocks and no kept result
 * changes afterwards.
 */
class KeptResultsTest {
  private static final int LENGTH = 128 * 1024; // 1 MiB of doubles

  @TempDir Path channels;

  @Test
  void keepingEveryLargeResultNeverBlocksAndNothingIsOverwritten() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      List<double[]> kept = new ArrayList<>();
      try (SamplesGraph g = SamplesGraph.compile(new Generator(),
          GraphOptions.defaults().withChannelDir(channels).withGetTimeout(Duration.ofSeconds(30)))) {
        for (int seed = 0; seed < 200; seed++) {
          kept.add(g.execute(seed, LENGTH).get());
        }
        for (int seed = 0; seed < 200; seed++) {
          double[] r = kept.get(seed);
          assertEquals(LENGTH, r.length);
          assertEquals(seed * 1_000_003.0, r[0]);
          assertEquals(seed * 1_000_003.0 + LENGTH - 1, r[LENGTH - 1]);
        }
        assertNotSame(kept.get(0), kept.get(4), "results are fresh arrays, never a reused ring slot");
      }
    });
  }
}
