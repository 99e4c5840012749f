package io.cgraph.graphtests;

import java.util.List;

/** Records inside records, a nested record type, and a list of records inside a record. */
public record Nested(String name, Point origin, Inner inner, List<Point> path) {
  /** A record nested in another: generated code names it Nested.Inner. */
  public record Inner(Color color, Integer weight, List<Color> palette) {}
}
