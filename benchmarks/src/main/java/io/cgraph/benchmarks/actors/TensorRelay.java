package io.cgraph.benchmarks.actors;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;
import io.cgraph.gpu.DeviceTensor;

/** Hands the tensor it receives straight back: one device-tensor hop each way, no data moved. */
@Actor
public class TensorRelay {
  @GraphMethod
  public DeviceTensor relay(DeviceTensor t) {
    return t;
  }
}
