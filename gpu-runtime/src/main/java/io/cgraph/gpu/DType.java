package io.cgraph.gpu;

/** The element type of a {@link DeviceTensor}. Elements are stored little-endian, densely, row-major. */
public enum DType {
  /** IEEE-754 binary32, Java {@code float}. */
  FLOAT32(4, float[].class),
  /** IEEE-754 binary64, Java {@code double}. */
  FLOAT64(8, double[].class),
  /** Two's-complement 32-bit integer, Java {@code int}. */
  INT32(4, int[].class),
  /** Two's-complement 64-bit integer, Java {@code long}. */
  INT64(8, long[].class);

  private static final DType[] VALUES = values();

  private final int byteSize;
  private final Class<?> arrayType;

  DType(int byteSize, Class<?> arrayType) {
    this.byteSize = byteSize;
    this.arrayType = arrayType;
  }

  /**
   * Bytes per element.
   *
   * @return 4 or 8
   */
  public int byteSize() {
    return byteSize;
  }

  /**
   * The Java array type that holds elements of this type ({@code float[]} for {@link #FLOAT32}, ...).
   *
   * @return {@code float[].class}, {@code double[].class}, {@code int[].class} or {@code long[].class}
   */
  public Class<?> arrayType() {
    return arrayType;
  }

  /** The type with this {@link #ordinal()}, as a descriptor carries it. */
  static DType ofOrdinal(int ordinal) {
    if (ordinal < 0 || ordinal >= VALUES.length) {
      throw new IllegalStateException("malformed tensor descriptor: dtype ordinal " + ordinal
          + " is not one of " + java.util.Arrays.toString(VALUES)
          + " (writer and reader run different versions of cgraph-gpu-runtime?)");
    }
    return VALUES[ordinal];
  }
}
