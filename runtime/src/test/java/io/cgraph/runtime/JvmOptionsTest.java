package io.cgraph.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.sample.Parser;
import io.cgraph.runtime.sample.PipelineGraph;
import io.cgraph.runtime.sample.Scorer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JVM options: one list, shipped as {@code cgraph.args}; a JVM started without them gets a
 * {@link CGraphException} that names the missing ones when it compiles a graph, before Chronicle
 * maps anything.
 */
class JvmOptionsTest {
  /** Run in a JVM started without cgraph's options: compiles a graph, prints what it threw. */
  public static final class NoOptionsMain {
    public static void main(String[] args) {
      try (PipelineGraph g = PipelineGraph.compile(new Parser(), new Scorer())) {
        System.out.println("compiled " + g);
      } catch (RuntimeException | Error e) {
        System.out.println("THREW " + e.getClass().getName() + ": " + e.getMessage());
      }
    }
  }

  @Test
  void theShippedArgumentFileHoldsTheOptionsThisBuildRunsWith() {
    List<String> all = JvmOptions.all();
    assertTrue(all.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), all.toString());
    assertTrue(all.contains("--add-opens=java.base/java.lang.reflect=ALL-UNNAMED"), all.toString());
    assertTrue(all.contains("--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED"), all.toString());
    assertTrue(all.contains("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"), all.toString());
    assertTrue(all.contains("-Dchronicle.analytics.disable=true"), all.toString());
    assertEquals(List.of(), JvmOptions.missing(), "this test JVM runs with the options");
  }

  @Test
  void aJvmWithoutTheOptionsIsToldExactlyWhichAreMissing() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), NoOptionsMain.class.getName())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
      assertTrue(out.contains("THREW io.cgraph.runtime.CGraphException: cgraph needs JVM options that this JVM was"
          + " started without: --add-opens=java.base/sun.nio.ch=ALL-UNNAMED"
          + " --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED."
          + " Start java with all of cgraph's options: `java @cgraph.args ...`"), out);
      assertTrue(!out.contains("IllegalAccessException"), out);
    });
  }

  @Test
  void theArgumentFileWorksAsJavasOwn() throws Exception {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      Path args = java.nio.file.Files.createTempFile("cgraph", ".args");
      try {
        java.nio.file.Files.write(args, JvmOptions.all());
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "@" + args, "-cp", System.getProperty("java.class.path"), NoOptionsMain.class.getName())
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertTrue(out.contains("compiled "), out);
      } finally {
        java.nio.file.Files.deleteIfExists(args);
      }
    });
  }
}
