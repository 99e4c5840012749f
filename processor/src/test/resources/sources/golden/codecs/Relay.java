package golden.codecs;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

@Actor
public class Relay {
  @GraphMethod
  public Bundle echo(Bundle bundle) {
    return bundle;
  }
}
