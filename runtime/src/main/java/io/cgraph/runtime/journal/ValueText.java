package io.cgraph.runtime.journal;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HexFormat;

/**
 * Renders decoded journal values as JSON: records as objects (components in declaration order),
 * arrays and lists as arrays, enums and chars as strings, byte buffers as hex strings, anything
 * else by {@code toString()} as a string. Deterministic, so inspector output can be compared.
 */
final class ValueText {
  private ValueText() {}

  static String json(Object v) {
    StringBuilder b = new StringBuilder();
    append(b, v);
    return b.toString();
  }

  static void append(StringBuilder b, Object v) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String s) {
      quote(b, s);
    } else if (v instanceof Character c) {
      quote(b, String.valueOf(c));
    } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short
        || v instanceof Byte) {
      b.append(v);
    } else if (v instanceof Float || v instanceof Double) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        quote(b, v.toString());
      } else {
        b.append(v);
      }
    } else if (v instanceof Enum<?> e) {
      quote(b, e.name());
    } else if (v instanceof ByteBuffer buf) {
      ByteBuffer d = buf.duplicate();
      byte[] bytes = new byte[d.remaining()];
      d.get(bytes);
      quote(b, HexFormat.of().formatHex(bytes));
    } else if (v.getClass().isArray()) {
      b.append('[');
      for (int i = 0, n = Array.getLength(v); i < n; i++) {
        if (i > 0) {
          b.append(',');
        }
        append(b, Array.get(v, i));
      }
      b.append(']');
    } else if (v instanceof Collection<?> c) {
      b.append('[');
      boolean first = true;
      for (Object e : c) {
        if (!first) {
          b.append(',');
        }
        first = false;
        append(b, e);
      }
      b.append(']');
    } else if (v instanceof Record r) {
      b.append('{');
      RecordComponent[] components = r.getClass().getRecordComponents();
      for (int i = 0; i < components.length; i++) {
        if (i > 0) {
          b.append(',');
        }
        quote(b, components[i].getName());
        b.append(':');
        append(b, component(r, components[i]));
      }
      b.append('}');
    } else {
      quote(b, v.toString());
    }
  }

  static Object component(Record r, RecordComponent c) {
    try {
      java.lang.reflect.Method accessor = c.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(r);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "<" + e + ">";
    }
  }

  static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || (c >= 0xD800 && c <= 0xDFFF)) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
