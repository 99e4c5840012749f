package io.cgraph.graphtests.executors;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

/** Builds chains of records of a requested length (on its own thread, iteratively). */
@Actor
public class Chains {
  @GraphMethod
  public Link build(int n) {
    return Link.chain(n);
  }

  @GraphMethod
  public int length(Link l) {
    int n = 0;
    for (Link x = l; x != null; x = x.next()) {
      n++;
    }
    return n;
  }
}
