/**
 * Device tensors for cgraph: {@link io.cgraph.gpu.DeviceTensor} values that cross graph edges as
 * small descriptors while their bytes stay on the device.
 *
 * <ul>
 *   <li>{@link io.cgraph.gpu.Gpu}: the entry point; picks the backend once per JVM (CUDA through
 *       JCuda, or the host fallback) and creates tensors.</li>
 *   <li>{@link io.cgraph.gpu.DeviceTensor}: a typed, shaped buffer on one device; the ownership
 *       rules are on that class.</li>
 *   <li>{@link io.cgraph.gpu.Kernels}: computations actors can call (axpy, add, matrix–vector),
 *       bit-identical on both backends.</li>
 *   <li>{@link io.cgraph.gpu.DeviceTensorCodec}: what generated graph code calls to move a tensor
 *       through a channel slot.</li>
 *   <li>{@link io.cgraph.gpu.Backend}: which backend runs, why, and how much memory is held.</li>
 * </ul>
 */
package io.cgraph.gpu;
