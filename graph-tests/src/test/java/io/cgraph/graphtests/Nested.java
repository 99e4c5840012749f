package io.cgraph.graphtests;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Records inside records, a nested record type, and a list of records inside a record. */
public record Nested(String name, Point origin, Inner inner, List<Point> path) {
  /**
   * A record nested in another: generated code names it Nested.Inner. It carries the value types of
   * {@code java.time}, {@code java.util} and {@code java.math} that are transferable, and a Chronicle
   * BytesMarshallable.
   */
  public record Inner(Color color, Integer weight, List<Color> palette, Instant at, UUID key, BigDecimal price,
      Quote quote, Duration delay) {}
}
