package io.cgraph.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.CGraphException;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.JvmOptions;
import io.cgraph.runtime.Placement;
import io.cgraph.runtime.RemoteActor;
import io.cgraph.runtime.Workers;
import io.cgraph.runtime.sample.Parser;
import io.cgraph.runtime.sample.PipelineGraph;
import io.cgraph.runtime.sample.Scorer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How worker JVMs start: their command line, a class path or java of the user's, and a fast, exact failure. */
class WorkerLaunchTest {
  @TempDir Path empty;

  @Test
  void aWorkerGetsCgraphsJvmOptionsEvenWhenTheDriverHadThemFromAManifest() {
    WorkerProcess.Launch launch = new WorkerProcess.Launch(Path.of("/opt/jdk/bin/java"), "app.jar",
        List.of("-Xmx1g"), Duration.ofSeconds(5));
    // A driver started from a fat jar whose manifest opens the packages has none of them in its arguments.
    List<String> cmd = WorkerProcess.command(launch, "w-0", List.of("-Xss2m", "-agentlib:jdwp=transport=dt_socket"));
    assertEquals("/opt/jdk/bin/java", cmd.get(0));
    assertEquals("-Xss2m", cmd.get(1));
    assertFalse(cmd.stream().anyMatch(a -> a.startsWith("-agentlib:jdwp")), cmd.toString());
    assertTrue(cmd.containsAll(JvmOptions.all()), cmd.toString());
    assertEquals(List.of("-Xmx1g", "-cp", "app.jar", WorkerMain.class.getName(), "w-0",
        Long.toString(ProcessHandle.current().pid())), cmd.subList(cmd.size() - 6, cmd.size()));
    // A driver that has them passes each once.
    List<String> again = WorkerProcess.command(launch, "w-0", JvmOptions.all());
    assertEquals(again.size(), cmd.size() - 1, again.toString()); // -Xss2m is the one difference
  }

  @Test
  void aWorkerThatCannotStartFailsAtOnceWithItsOwnWords() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      long start = System.nanoTime();
      try (Workers workers = Workers.builder().classPath(empty.toString()).startTimeout(Duration.ofSeconds(50))
          .build()) {
        CGraphException e = assertThrows(CGraphException.class, () -> workers.spawn(Parser.class));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.getMessage().contains("exited with code 1 before it was ready"), e.getMessage());
        assertTrue(e.getMessage().contains("Could not find or load main class io.cgraph.runtime.internal.WorkerMain"),
            e.getMessage());
        assertTrue(ms < 40_000, "failed after " + ms + " ms, not at the start timeout");
      }
    });
  }

  @Test
  void workersRunWithAnExplicitJavaAndClassPath() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      try (Workers workers = Workers.builder().javaExecutable(Path.of(System.getProperty("java.home"), "bin", "java"))
          .classPath(System.getProperty("java.class.path")).build()) {
        RemoteActor<Parser> parser = workers.spawn(Parser.class);
        try (PipelineGraph g = PipelineGraph.compile(parser, Placement.local(new Scorer()),
            GraphOptions.defaults().withChannelDir(empty))) {
          assertEquals("a", g.execute("a;1;BUY;x", 2).get().order().id());
        }
      }
    });
  }
}
