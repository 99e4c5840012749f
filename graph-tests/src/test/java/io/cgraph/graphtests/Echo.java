package io.cgraph.graphtests;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Packs and passes values on unchanged: what arrives is exactly what the channels carried. */
@Actor
public class Echo {
  @GraphMethod
  public AllTypes pack(
      boolean z, byte b, short s, char c, int i, long l, float f, double d,
      Boolean boxedZ, Byte boxedB, Short boxedS, Character boxedC, Integer boxedI, Long boxedL, Float boxedF,
      Double boxedD,
      String text, Color color,
      boolean[] zs, byte[] bs, short[] ss, char[] cs, int[] is, long[] ls, float[] fs, double[] ds,
      ByteBuffer buffer, Nested nested, List<Point> points, List<List<Integer>> grid, List<Color> colors) {
    return new AllTypes(z, b, s, c, i, l, f, d, boxedZ, boxedB, boxedS, boxedC, boxedI, boxedL, boxedF, boxedD,
        text, color, zs, bs, ss, cs, is, ls, fs, ds, buffer, nested, points, grid, colors);
  }

  @GraphMethod
  public AllTypes all(AllTypes v) {
    return v;
  }

  @GraphMethod
  public Instant instant(Instant v) {
    return v;
  }

  @GraphMethod
  public UUID uuid(UUID v) {
    return v;
  }

  @GraphMethod
  public BigDecimal decimal(BigDecimal v) {
    return v;
  }

  @GraphMethod
  public Quote quote(Quote v) {
    return v;
  }

  @GraphMethod
  public Duration duration(Duration v) {
    return v;
  }

  @GraphMethod
  public Nested.Inner stamp(Instant at, UUID key, BigDecimal price, Quote quote, Duration delay) {
    return new Nested.Inner(null, null, null, at, key, price, quote, delay);
  }

  @GraphMethod
  public String string(String s) {
    return s;
  }

  @GraphMethod
  public List<List<Integer>> grid(List<List<Integer>> grid) {
    return grid;
  }

  @GraphMethod
  public List<Nested> nested(List<Nested> nested) {
    return nested;
  }
}
