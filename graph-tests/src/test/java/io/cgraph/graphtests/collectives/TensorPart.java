package io.cgraph.graphtests.collectives;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;
import io.cgraph.gpu.DeviceTensor;
import io.cgraph.gpu.Gpu;
import java.util.SplittableRandom;

/**
 * A participant of the tensor collectives: makes tensors from a seed ({@code rows[id]} rows, so a
 * test can make the shapes differ) and describes what the collective lent it. Participant 1 hands
 * over a closed float tensor for seeds {@code 3 (mod 7)}. Participant {@code i}'s tensors live on
 * device {@code i mod deviceCount}, so that collectives cross devices.
 */
@Actor
public class TensorPart {
  private final int id;

  public TensorPart(int id) {
    this.id = id;
  }

  @GraphMethod
  public DeviceTensor floats(long seed, int[] rows, int cols) {
    SplittableRandom r = new SplittableRandom(seed * 131 + id);
    float[] v = new float[rows[id] * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextDouble(-1000, 1000);
    }
    DeviceTensor t = Gpu.tensor(device(), v, rows[id], cols);
    if (id == 1 && Math.floorMod(seed, 7) == 3) {
      t.close(); // a method that closes what it returns: the collective cannot read it
    }
    return t;
  }

  @GraphMethod
  public DeviceTensor ints(long seed, int[] rows, int cols) {
    SplittableRandom r = new SplittableRandom(seed * 131 + id);
    int[] v = new int[rows[id] * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextInt();
    }
    return Gpu.tensor(device(), v, rows[id], cols);
  }

  /** The tensor's dtype, rank, shape and every element's bits; borrows it (a collective's result). */
  @GraphMethod
  public long[] describe(DeviceTensor t) {
    {
      long[] shape = t.shape();
      int n = (int) t.elementCount();
      long[] out = new long[2 + shape.length + n];
      out[0] = t.dtype().ordinal();
      out[1] = shape.length;
      System.arraycopy(shape, 0, out, 2, shape.length);
      int at = 2 + shape.length;
      switch (t.dtype()) {
        case FLOAT32 -> {
          float[] v = t.toFloatArray();
          for (int i = 0; i < n; i++) {
            out[at + i] = Float.floatToRawIntBits(v[i]);
          }
        }
        case INT32 -> {
          int[] v = t.toIntArray();
          for (int i = 0; i < n; i++) {
            out[at + i] = v[i];
          }
        }
        default -> throw new IllegalArgumentException("not made here: " + t.dtype());
      }
      return out;
    }
  }

  private int device() {
    return id % Gpu.deviceCount();
  }
}
