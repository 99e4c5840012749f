package io.cgraph.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The arrays a collective's results are written into: of the asked type and length, every element writable. */
class RawMemoryTest {
  @Test
  void theJdksUnsafeSkipsTheZeroingWhereItIsExported() {
    // surefire runs with --add-exports java.base/jdk.internal.misc=ALL-UNNAMED (the root pom's JVM flags)
    assertTrue(RawMemory.skipsZeroing(), "allocateUninitializedArray was not bound");
  }

  @Test
  void uninitializedArraysHaveTheAskedTypeAndLength() {
    float[] f = assertInstanceOf(float[].class, RawMemory.uninitializedArray(float.class, 1000));
    double[] d = assertInstanceOf(double[].class, RawMemory.uninitializedArray(double.class, 3));
    int[] i = assertInstanceOf(int[].class, RawMemory.uninitializedArray(int.class, 1 << 20));
    long[] l = assertInstanceOf(long[].class, RawMemory.uninitializedArray(long.class, 7));
    assertEquals(1000, f.length);
    assertEquals(3, d.length);
    assertEquals(1 << 20, i.length);
    assertEquals(7, l.length);
    assertEquals(0, ((float[]) RawMemory.uninitializedArray(float.class, 0)).length);
    for (int k = 0; k < i.length; k++) {
      i[k] = k;
    }
    assertEquals((1 << 20) - 1, i[i.length - 1]);
  }
}
