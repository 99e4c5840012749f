package io.cgraph.runtime.internal;

import java.util.Objects;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesMarshallable;
import net.openhft.chronicle.bytes.BytesOut;

/** A Chronicle self-marshalling class with its own methods and text. */
public final class Quote implements BytesMarshallable {
  String symbol;
  long bid;

  public Quote() {}

  public Quote(String symbol, long bid) {
    this.symbol = symbol;
    this.bid = bid;
  }

  @Override
  public void writeMarshallable(BytesOut<?> out) {
    out.writeUtf8(symbol);
    out.writeLong(bid);
  }

  @Override
  public void readMarshallable(BytesIn<?> in) {
    symbol = in.readUtf8();
    bid = in.readLong();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Quote q && Objects.equals(q.symbol, symbol) && q.bid == bid;
  }

  @Override
  public int hashCode() {
    return Objects.hash(symbol, bid);
  }

  @Override
  public String toString() {
    return symbol + "@" + bid;
  }
}
