package io.cgraph.graphtests;

import java.nio.ByteBuffer;
import java.util.List;

/** One component of every transferable kind. Compare with {@link Values#deepEquals} (arrays inside). */
public record AllTypes(
    boolean z, byte b, short s, char c, int i, long l, float f, double d,
    Boolean boxedZ, Byte boxedB, Short boxedS, Character boxedC, Integer boxedI, Long boxedL, Float boxedF,
    Double boxedD,
    String text, Color color,
    boolean[] zs, byte[] bs, short[] ss, char[] cs, int[] is, long[] ls, float[] fs, double[] ds,
    ByteBuffer buffer, Nested nested, List<Point> points, List<List<Integer>> grid, List<Color> colors) {}
