package io.cgraph.runtime.journal;

import io.cgraph.runtime.internal.ValueKind;
import java.lang.reflect.RecordComponent;

/**
 * Renders decoded journal values as JSON, each kind of value as {@link ValueKind#appendJson} shows
 * it (records as objects, arrays and lists as arrays, ...). Deterministic, so inspector output can
 * be compared.
 */
final class ValueText {
  private ValueText() {}

  static String json(Object v) {
    StringBuilder b = new StringBuilder();
    append(b, v);
    return b.toString();
  }

  static void append(StringBuilder b, Object v) {
    ValueKind.appendJson(b, v);
  }

  /** A record's component, or {@code "<exception>"} when its accessor fails. */
  static Object component(Record r, RecordComponent c) {
    try {
      return ValueKind.component(r, c);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "<" + e + ">";
    }
  }

  static void quote(StringBuilder b, String s) {
    ValueKind.quote(b, s);
  }
}
