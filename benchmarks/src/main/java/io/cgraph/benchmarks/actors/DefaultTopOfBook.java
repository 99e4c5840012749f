package io.cgraph.benchmarks.actors;

import net.openhft.chronicle.bytes.BytesMarshallable;

/**
 * The Codecs scenario's value as a Chronicle {@code BytesMarshallable} that keeps Chronicle's
 * default marshalling (field by field, found by reflection): what a class that only says
 * {@code implements BytesMarshallable} gets.
 */
public final class DefaultTopOfBook implements BytesMarshallable {
  String symbol;
  long bid;
  long ask;
  int size;

  public DefaultTopOfBook() {}

  public DefaultTopOfBook(String symbol, long bid, long ask, int size) {
    this.symbol = symbol;
    this.bid = bid;
    this.ask = ask;
    this.size = size;
  }

  public long spread() {
    return ask - bid;
  }
}
