package io.cgraph.benchmarks.actors;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

/** The payload sweep's receiver: takes the bytes, answers their count. */
@Actor
public class Sink {
  @GraphMethod
  public int consume(byte[] data) {
    return data.length;
  }
}
