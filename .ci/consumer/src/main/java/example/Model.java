package example;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

@Actor
public class Model {
  private final float[] weights;

  public Model(float[] weights) {
    this.weights = weights;
  }

  @GraphMethod
  public float score(int[] tokens) {
    float s = 0;
    for (int i = 0; i < tokens.length; i++) {
      s += weights[i % weights.length] * tokens[i];
    }
    return s;
  }
}
