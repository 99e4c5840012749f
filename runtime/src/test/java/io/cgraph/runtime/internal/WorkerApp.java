package io.cgraph.runtime.internal;

import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.Placement;
import io.cgraph.runtime.RemoteActor;
import io.cgraph.runtime.Workers;
import io.cgraph.runtime.sample.Parser;
import io.cgraph.runtime.sample.PipelineGraph;
import io.cgraph.runtime.sample.Scorer;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A user's application with an actor in a worker process, started with default {@link Workers}
 * settings (no class path or java of its own): run by {@link WorkersAnywhereTest} as
 * {@code mvn exec:java} and a fat jar would run it. Prints the result and where the actor ran.
 *
 * <p>Argument: the channel directory.
 */
public final class WorkerApp {
  private WorkerApp() {}

  public static void main(String[] args) {
    try (Workers workers = Workers.builder().startTimeout(Duration.ofSeconds(60)).build()) {
      RemoteActor<Parser> parser = workers.spawn(Parser.class);
      try (PipelineGraph g = PipelineGraph.compile(parser, Placement.local(new Scorer()),
          GraphOptions.defaults().withChannelDir(Path.of(args[0])))) {
        System.out.println("order " + g.execute("a;1;BUY;x", 2).get().order().id());
        System.out.println("parser ran on " + g.stats().actors().get(0).thread());
      }
    }
  }
}
