package io.cgraph.graphtests.collectives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cgraph.gpu.Backend;
import io.cgraph.gpu.Gpu;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tensor collectives of {@link DeviceCollectivesTest} on CUDA devices: participants in one JVM
 * reduce on the devices with peer copies and the {@code add} kernel, each participant's tensors on
 * device {@code i mod deviceCount}. Skipped, with the reason printed, where no CUDA device exists
 * (then {@link DeviceCollectivesTest} runs the same algorithm on the host backend's two simulated
 * devices).
 */
class CudaCollectivesTest extends DeviceCollectivesTest {
  @BeforeAll
  static void needsCuda() {
    if (!Gpu.cudaAvailable()) {
      System.out.println("[cgraph-gpu] CudaCollectivesTest skipped: the " + Gpu.backend());
    }
    assumeTrue(Gpu.cudaAvailable(), () -> "no CUDA device: " + Gpu.backend());
  }

  @Test
  void theTensorsLiveOnCudaDevices() {
    assertEquals(Backend.Kind.CUDA, Gpu.backend().kind());
    System.out.println("[cgraph-gpu] CudaCollectivesTest on " + Gpu.backend() + ", " + Gpu.deviceCount()
        + " device(s)");
  }
}
