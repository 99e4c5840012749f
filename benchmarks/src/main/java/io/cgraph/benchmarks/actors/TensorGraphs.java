package io.cgraph.benchmarks.actors;

import io.cgraph.annotations.Graph;
import io.cgraph.gpu.DeviceTensor;

/** The device-tensor hop: driver → actor → driver with a tensor; generates {@code TensorHopGraph}. */
public final class TensorGraphs {
  private TensorGraphs() {}

  @Graph(maxInflight = 4)
  static DeviceTensor tensorHop(DeviceTensor t, TensorRelay relay) {
    return relay.relay(t);
  }
}
