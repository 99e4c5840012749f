package golden.codecs;

import java.nio.ByteBuffer;
import java.util.List;

/** One component of every transferable kind. */
public record Bundle(
    boolean z, byte b, short s, char c, int i, long l, float f, double d,
    Boolean boxedZ, Character boxedC, Long boxedL, Double boxedD,
    String text, Color color,
    boolean[] zs, byte[] bs, short[] ss, char[] cs, int[] is, long[] ls, float[] fs, double[] ds,
    ByteBuffer buffer,
    List<Point> points, List<List<Integer>> grid, Outer.Inner inner, List<Color> colors) {}
