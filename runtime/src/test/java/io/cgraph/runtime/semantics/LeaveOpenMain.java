package io.cgraph.runtime.semantics;

import io.cgraph.runtime.GraphOptions;
import java.nio.file.Path;

/** Child JVM for {@link ShutdownHookTest}: compiles a graph, uses it, and exits without closing it. */
public final class LeaveOpenMain {
  private LeaveOpenMain() {}

  public static void main(String[] args) {
    EchoGraph g = EchoGraph.compile(new Echo(), GraphOptions.defaults().withChannelDir(Path.of(args[0])));
    long y = g.execute(21).get();
    System.out.println("result " + y);
    System.out.flush();
    System.exit(0);
  }
}
