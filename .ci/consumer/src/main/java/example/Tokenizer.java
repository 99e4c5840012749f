package example;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

@Actor
public class Tokenizer {
  @GraphMethod
  public int[] encode(String text) {
    return text.chars().toArray();
  }
}
