package io.cgraph.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cgraph.gpu.Gpu;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GpuStageTest {
  @Test
  void deviceScoresEqualTheCpuScoresBitForBitAndNothingLeaks() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      long before = Gpu.backend().allocatedBytes();
      assertEquals(0, GpuStage.run(ScoringApp.generate(20 * GpuStage.BATCH, new Random(7))));
      assertEquals(before, Gpu.backend().allocatedBytes());
    });
  }
}
