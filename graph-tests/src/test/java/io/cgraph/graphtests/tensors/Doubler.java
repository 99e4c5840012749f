package io.cgraph.graphtests.tensors;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;
import io.cgraph.gpu.DeviceTensor;
import io.cgraph.gpu.Kernels;

/** Doubles a tensor on its device. Closes the tensor it receives; never the one it returns. */
@Actor
public class Doubler {
  @GraphMethod
  public DeviceTensor twice(DeviceTensor x) {
    try (x) {
      return Kernels.add(x, x);
    }
  }
}
