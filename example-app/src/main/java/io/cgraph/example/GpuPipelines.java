package io.cgraph.example;

import io.cgraph.annotations.Graph;
import io.cgraph.gpu.DeviceTensor;

/** The GPU stage: a batch of order features, scored on the device. Generates {@code ScoreBatchGraph}. */
public final class GpuPipelines {
  private GpuPipelines() {}

  @Graph(maxInflight = 4)
  public static DeviceTensor scoreBatch(DeviceTensor features, GpuScorer scorer) {
    return scorer.score(features);
  }
}
