package io.cgraph.runtime.sample;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;
import java.util.Arrays;
import java.util.List;

@Actor
public class Parser {
  /** "id;amount;BUY|SELL;tag,tag" -> Order; amount multiplied by scale. Throws on a malformed line. */
  @GraphMethod
  public Order parse(String line, int scale) {
    String[] parts = line.split(";", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("malformed line: " + line);
    }
    List<String> tags = parts[3].isEmpty() ? List.of() : Arrays.asList(parts[3].split(","));
    return new Order(parts[0], Double.parseDouble(parts[1]) * scale, Side.valueOf(parts[2]), tags);
  }
}
