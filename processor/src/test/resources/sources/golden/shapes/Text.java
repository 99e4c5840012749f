package golden.shapes;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

@Actor
public class Text {
  @GraphMethod
  public String label(String prefix, long n, char sep) {
    return prefix + sep + n;
  }

  @GraphMethod
  public int length(String s) {
    return s.length();
  }
}
