package io.cgraph.benchmarks.actors;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

/** The Codecs scenario's actor: takes one top of book, in each of three encodings, and answers its spread. */
@Actor
public class Book {
  @GraphMethod
  public long spread(TopOfBook q) {
    return q.ask() - q.bid();
  }

  @GraphMethod
  public long spreadMarshalled(MarshalledTopOfBook q) {
    return q.spread();
  }

  @GraphMethod
  public long spreadDefault(DefaultTopOfBook q) {
    return q.spread();
  }
}
