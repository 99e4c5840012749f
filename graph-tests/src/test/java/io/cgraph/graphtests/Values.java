package io.cgraph.graphtests;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;

/** Deep equality for values with arrays inside records, and random values of every transferable type. */
final class Values {
  private Values() {}

  static boolean deepEquals(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null || a.getClass() != b.getClass()) {
      return false;
    }
    if (a.getClass().isArray()) {
      return Objects.deepEquals(a, b);
    }
    if (a instanceof List<?> la) {
      List<?> lb = (List<?>) b;
      if (la.size() != lb.size()) {
        return false;
      }
      for (int i = 0; i < la.size(); i++) {
        if (!deepEquals(la.get(i), lb.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.getClass().isRecord()) {
      for (RecordComponent c : a.getClass().getRecordComponents()) {
        try {
          if (!deepEquals(c.getAccessor().invoke(a), c.getAccessor().invoke(b))) {
            return false;
          }
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new AssertionError(e);
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** Strings worth testing: empty, ASCII, accents, CJK, emoji (surrogate pairs), lone escapes, long ones. */
  static String string(Random r) {
    switch (r.nextInt(8)) {
      case 0:
        return "";
      case 1:
        return "héllo wörld";
      case 2:
        return "中文字符 and 日本語";
      case 3:
        return "😀👍🏽🚀 emoji";
      case 4:
        return "x".repeat(r.nextInt(2000));
      default:
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(40);
        for (int i = 0; i < n; i++) {
          int kind = r.nextInt(4);
          int cp = kind == 0 ? 0x20 + r.nextInt(0x5f) : kind == 1 ? 0xa0 + r.nextInt(0x2000)
              : kind == 2 ? 0x1f600 + r.nextInt(0x50) : r.nextInt(0x20);
          b.appendCodePoint(cp);
        }
        return b.toString();
    }
  }

  static String stringOrNull(Random r) {
    return r.nextInt(10) == 0 ? null : string(r);
  }

  static Color color(Random r) {
    int k = r.nextInt(Color.values().length + 1);
    return k == Color.values().length ? null : Color.values()[k];
  }

  /** Any instant from Instant.MIN to Instant.MAX, or null. */
  static Instant instant(Random r) {
    if (r.nextInt(8) == 0) {
      return null;
    }
    long second = Instant.MIN.getEpochSecond() + (long) (r.nextDouble()
        * ((double) Instant.MAX.getEpochSecond() - Instant.MIN.getEpochSecond()));
    return r.nextInt(8) == 0 ? (r.nextBoolean() ? Instant.MIN : Instant.MAX)
        : Instant.ofEpochSecond(second, r.nextInt(1_000_000_000));
  }

  static Quote quote(Random r) {
    if (r.nextInt(8) == 0) {
      return null;
    }
    int[] sizes = new int[r.nextInt(5)];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = r.nextInt();
    }
    return new Quote(stringOrNull(r), r.nextLong(), r.nextLong(), sizes);
  }

  /** Any duration, negative and the extremes included, or null. */
  static Duration duration(Random r) {
    return switch (r.nextInt(10)) {
      case 0 -> null;
      case 1 -> Duration.ofSeconds(Long.MIN_VALUE);
      case 2 -> Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
      default -> Duration.ofSeconds(r.nextLong(), r.nextInt(1_000_000_000));
    };
  }

  static UUID uuid(Random r) {
    return r.nextInt(8) == 0 ? null : new UUID(r.nextLong(), r.nextLong());
  }

  /** A decimal of up to 60 digits at any scale (negative too), zeros with a scale included, or null. */
  static BigDecimal decimal(Random r) {
    if (r.nextInt(8) == 0) {
      return null;
    }
    BigInteger unscaled = new BigInteger(r.nextInt(200), r);
    return new BigDecimal(r.nextBoolean() ? unscaled : unscaled.negate(), r.nextInt(41) - 20);
  }

  static Point point(Random r) {
    return r.nextInt(10) == 0 ? null : new Point(r.nextInt(), r.nextInt(), stringOrNull(r));
  }

  static List<Point> points(Random r) {
    if (r.nextInt(10) == 0) {
      return null;
    }
    List<Point> points = new ArrayList<>();
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      points.add(point(r));
    }
    return points;
  }

  static List<List<Integer>> grid(Random r) {
    if (r.nextInt(10) == 0) {
      return null;
    }
    List<List<Integer>> grid = new ArrayList<>();
    int rows = r.nextInt(5);
    for (int i = 0; i < rows; i++) {
      if (r.nextInt(8) == 0) {
        grid.add(null);
        continue;
      }
      List<Integer> row = new ArrayList<>();
      int cols = r.nextInt(5);
      for (int j = 0; j < cols; j++) {
        row.add(r.nextInt(8) == 0 ? null : r.nextInt());
      }
      grid.add(row);
    }
    return grid;
  }

  static List<Color> colors(Random r) {
    if (r.nextInt(10) == 0) {
      return null;
    }
    List<Color> colors = new ArrayList<>();
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      colors.add(color(r));
    }
    return colors;
  }

  static Nested nested(Random r) {
    if (r.nextInt(10) == 0) {
      return null;
    }
    Nested.Inner inner = r.nextInt(5) == 0 ? null
        : new Nested.Inner(color(r), r.nextInt(4) == 0 ? null : r.nextInt(), colors(r), instant(r), uuid(r),
            decimal(r), quote(r), duration(r));
    return new Nested(stringOrNull(r), point(r), inner, points(r));
  }

  static List<Nested> nestedList(Random r) {
    if (r.nextInt(10) == 0) {
      return null;
    }
    List<Nested> list = new ArrayList<>();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      list.add(nested(r));
    }
    return list;
  }

  static ByteBuffer buffer(Random r, int size) {
    if (size < 0) {
      return null;
    }
    byte[] bytes = new byte[size];
    r.nextBytes(bytes);
    return ByteBuffer.wrap(bytes);
  }

  static float floatValue(Random r) {
    float[] special = {0f, -0f, Float.NaN, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY};
    return r.nextInt(6) == 0 ? special[r.nextInt(special.length)] : r.nextFloat() * 1e6f - 5e5f;
  }

  static double doubleValue(Random r) {
    double[] special = {0d, -0d, Double.NaN, Double.MIN_VALUE, Double.MAX_VALUE, Double.POSITIVE_INFINITY};
    return r.nextInt(6) == 0 ? special[r.nextInt(special.length)] : r.nextGaussian() * 1e9;
  }
}
