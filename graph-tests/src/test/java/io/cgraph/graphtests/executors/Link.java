package io.cgraph.graphtests.executors;

/** A chain of records: each holds the next, so a long chain nests deeply. */
public record Link(int value, Link next) {
  /** A chain of {@code n} links, values n-1 down to 0. */
  public static Link chain(int n) {
    Link l = null;
    for (int i = 0; i < n; i++) {
      l = new Link(i, l);
    }
    return l;
  }
}
