package io.cgraph.graphtests;

import java.util.Arrays;
import java.util.Objects;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesMarshallable;
import net.openhft.chronicle.bytes.BytesOut;

/** A mutable Chronicle {@code BytesMarshallable}, as trading code has them: it marshals itself. */
public final class Quote implements BytesMarshallable {
  private String symbol;
  private long bid;
  private long ask;
  private int[] sizes;

  public Quote() {}

  public Quote(String symbol, long bid, long ask, int[] sizes) {
    this.symbol = symbol;
    this.bid = bid;
    this.ask = ask;
    this.sizes = sizes;
  }

  @Override
  public void writeMarshallable(BytesOut<?> out) {
    out.writeBoolean(symbol != null);
    if (symbol != null) {
      out.writeUtf8(symbol);
    }
    out.writeLong(bid);
    out.writeLong(ask);
    out.writeInt(sizes.length);
    for (int s : sizes) {
      out.writeInt(s);
    }
  }

  @Override
  public void readMarshallable(BytesIn<?> in) {
    symbol = in.readBoolean() ? in.readUtf8() : null;
    bid = in.readLong();
    ask = in.readLong();
    sizes = new int[in.readInt()];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = in.readInt();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Quote q && Objects.equals(q.symbol, symbol) && q.bid == bid && q.ask == ask
        && Arrays.equals(q.sizes, sizes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(symbol, bid, ask, Arrays.hashCode(sizes));
  }

  @Override
  public String toString() {
    return symbol + " " + bid + "/" + ask + " " + Arrays.toString(sizes);
  }
}
