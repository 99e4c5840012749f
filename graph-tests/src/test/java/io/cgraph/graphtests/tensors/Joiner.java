package io.cgraph.graphtests.tensors;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;
import io.cgraph.gpu.DeviceTensor;
import io.cgraph.gpu.Kernels;

/** Adds two tensors (fan-in). Closes both arguments. */
@Actor
public class Joiner {
  @GraphMethod
  public DeviceTensor sum(DeviceTensor a, DeviceTensor b) {
    try (a; b) {
      return Kernels.add(a, b);
    }
  }
}
