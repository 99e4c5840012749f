package io.cgraph.example;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;
import io.cgraph.gpu.DeviceTensor;
import io.cgraph.gpu.Gpu;
import io.cgraph.gpu.Kernels;

/**
 * Scores a batch of feature rows on the device: {@code scores = features · weights}. The weights
 * stay on the device for the actor's lifetime; each batch arrives as a device tensor and leaves as
 * one, so the graph moves descriptors, not data. Runs on CUDA where there is a driver, else on the
 * host backend, with the same results.
 */
@Actor
public class GpuScorer implements AutoCloseable {
  private final DeviceTensor weights;

  public GpuScorer(double[] weights) {
    this.weights = Gpu.tensor(weights);
  }

  /** {@code [rows, features]} in, {@code [rows]} out. Closes the batch it receives. */
  @GraphMethod
  public DeviceTensor score(DeviceTensor batch) {
    try (batch) {
      return Kernels.matVec(batch, weights);
    }
  }

  /** Frees the weights on the device. */
  @Override
  public void close() {
    weights.close();
  }
}
