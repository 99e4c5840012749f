package io.cgraph.graphtests.tensors;

import io.cgraph.gpu.DeviceTensor;

/** Two tensors returned together (multi-output). */
public record TensorPair(DeviceTensor first, DeviceTensor second) {}
