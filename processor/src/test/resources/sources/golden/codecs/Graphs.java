package golden.codecs;

import io.cgraph.annotations.Graph;

final class Graphs {
  private Graphs() {}

  @Graph
  static Bundle roundTrip(Bundle bundle, Relay first, Relay second) {
    Bundle once = first.echo(bundle);
    return second.echo(once);
  }
}
