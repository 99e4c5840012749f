package io.cgraph.runtime.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.ThreadsAndFiles;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A graph left open when the JVM exits is closed by the shutdown hook: no channel directory remains. */
class ShutdownHookTest {
  @TempDir Path channels;

  @Test
  void graphLeftOpenAtExitIsClosedByTheShutdownHook() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
        if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle")) {
          cmd.add(arg);
        }
      }
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(LeaveOpenMain.class.getName());
      cmd.add(channels.toString());
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      try {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child JVM exited");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("result 42"), out);
        ThreadsAndFiles.assertEmpty(channels);
      } finally {
        p.destroyForcibly();
      }
    });
  }
}
