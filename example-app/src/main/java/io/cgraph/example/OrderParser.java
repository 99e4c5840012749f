package io.cgraph.example;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

/** Parses {@code id,customer,symbol,BUY|SELL,quantity,price,country} lines. */
@Actor
public class OrderParser {
  @GraphMethod
  public Order parse(String line) {
    String[] f = line.split(",", -1);
    if (f.length != 7) {
      throw new IllegalArgumentException("expected 7 comma-separated fields, got " + f.length + ": " + line);
    }
    return new Order(Long.parseLong(f[0]), f[1], f[2], Side.valueOf(f[3]), Integer.parseInt(f[4]),
        Double.parseDouble(f[5]), f[6]);
  }
}
