package io.cgraph.gpu;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another JVM on this host that reads one channel message holding a tensor descriptor: the reader
 * side of a cross-process edge. Prints {@code OK <dtype> <shape> <element bits...>} or
 * {@code ERROR <message>}.
 */
final class ChildProcess {
  private ChildProcess() {}

  public static void main(String[] args) throws IOException {
    byte[] message = Files.readAllBytes(Path.of(args[0]));
    try (Slot slot = new Slot(4096)) {
      try (DeviceTensor t = DeviceTensorCodec.read(slot.load(message))) {
        StringBuilder out = new StringBuilder("OK ").append(t.dtype()).append(' ')
            .append(java.util.Arrays.toString(t.shape()).replace(" ", ""));
        for (int bits : Data.rawBits(t.toFloatArray())) {
          out.append(' ').append(Integer.toHexString(bits));
        }
        System.out.println(out);
      } catch (RuntimeException e) {
        System.out.println("ERROR " + e.getMessage());
      }
    }
    System.out.println("allocatedBytes " + Gpu.backend().allocatedBytes());
  }

  /** Runs {@link #main} in a new JVM with this JVM's flags and classpath; returns its standard output. */
  static String run(byte[] message, Path dir) throws IOException, InterruptedException {
    Path file = dir.resolve("message.bin");
    Files.write(file, message);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!arg.startsWith("-agentlib") && !arg.startsWith("-javaagent")) {
        cmd.add(arg);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ChildProcess.class.getName());
    cmd.add(file.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError("the child JVM did not exit");
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new AssertionError("the child JVM exited with " + p.exitValue() + ":\n" + text);
      }
      return text;
    } finally {
      p.destroyForcibly();
    }
  }
}
