package io.cgraph.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started by a test (a host agent or a driver program) with this JVM's java, flags and class
 * path, optionally behind a command prefix (a network namespace); its output is kept to assert on.
 */
final class JavaProcess {
  final String name;
  final Process process;
  final List<String> lines = new CopyOnWriteArrayList<>();

  private JavaProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
          System.out.println("[" + name + "] " + line);
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "test-output-" + name);
    t.setDaemon(true);
    t.start();
  }

  /** The java command line for {@code mainClass} with {@code args}. */
  static List<String> java(String mainClass, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-agentlib:jdwp") && !a.startsWith("-javaagent")) {
        cmd.add(a);
      }
    }
    cmd.add("-Xmx256m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(args);
    return cmd;
  }

  static JavaProcess start(String name, List<String> prefix, String mainClass, List<String> args) {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.addAll(java(mainClass, args));
    try {
      return new JavaProcess(name, new ProcessBuilder(cmd).redirectErrorStream(true).start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until a line contains {@code text}; fails after {@code seconds} or if the process exits first. */
  String await(String text, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() - deadline < 0) {
      for (String l : lines) {
        if (l.contains(text)) {
          return l;
        }
      }
      if (!process.isAlive()) {
        Thread.sleep(200); // let the last lines arrive
        for (String l : lines) {
          if (l.contains(text)) {
            return l;
          }
        }
        throw new AssertionError(name + " exited with " + process.exitValue() + " before printing '" + text
            + "'; its output:\n" + String.join("\n", lines));
      }
      Thread.sleep(20);
    }
    throw new AssertionError(name + " did not print '" + text + "' within " + seconds + " s; its output:\n"
        + String.join("\n", lines));
  }

  /** SIGKILL, then waits for the exit. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }
}
