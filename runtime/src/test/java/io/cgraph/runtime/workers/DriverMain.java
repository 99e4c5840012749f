package io.cgraph.runtime.workers;

import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.RemoteActor;
import io.cgraph.runtime.Workers;
import io.cgraph.runtime.semantics.Echo;
import io.cgraph.runtime.semantics.EchoGraph;
import java.nio.file.Path;

/** Child driver JVM for {@link WorkerFaultsTest}: runs a graph with a remote actor, reports, then waits to be killed. */
public final class DriverMain {
  private DriverMain() {}

  public static void main(String[] args) throws InterruptedException {
    Workers workers = Workers.create(1);
    RemoteActor<Echo> echo = workers.spawn(Echo.class);
    EchoGraph g = EchoGraph.compile(echo, GraphOptions.defaults().withChannelDir(Path.of(args[0])));
    long y = g.execute(21).get();
    System.out.println("ready " + y + " " + echo.workerProcess().orElseThrow().pid());
    System.out.flush();
    Thread.sleep(120_000);
    System.exit(3);
  }
}
