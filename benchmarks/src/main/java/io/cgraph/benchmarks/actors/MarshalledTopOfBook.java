package io.cgraph.benchmarks.actors;

import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesMarshallable;
import net.openhft.chronicle.bytes.BytesOut;

/**
 * The Codecs scenario's value as a Chronicle {@code BytesMarshallable} with its own
 * {@code writeMarshallable}/{@code readMarshallable}: the same fields as {@link TopOfBook}.
 */
public final class MarshalledTopOfBook implements BytesMarshallable {
  String symbol;
  long bid;
  long ask;
  int size;

  public MarshalledTopOfBook() {}

  public MarshalledTopOfBook(String symbol, long bid, long ask, int size) {
    this.symbol = symbol;
    this.bid = bid;
    this.ask = ask;
    this.size = size;
  }

  public long spread() {
    return ask - bid;
  }

  @Override
  public void writeMarshallable(BytesOut<?> out) {
    out.writeUtf8(symbol);
    out.writeLong(bid);
    out.writeLong(ask);
    out.writeInt(size);
  }

  @Override
  public void readMarshallable(BytesIn<?> in) {
    symbol = in.readUtf8();
    bid = in.readLong();
    ask = in.readLong();
    size = in.readInt();
  }
}
