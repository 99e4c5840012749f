package example;

import io.cgraph.annotations.Graph;

public final class Pipelines {
  private Pipelines() {}

  @Graph(maxInflight = 8)
  static float scoring(String text, Tokenizer tok, Model model) {
    int[] tokens = tok.encode(text);
    return model.score(tokens);
  }
}
