package io.cgraph.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackendTest {
  @Test
  void chosenOncePerJvm() {
    assertSame(Gpu.backend(), Gpu.backend());
    assertEquals(Gpu.backend().kind() == Backend.Kind.CUDA, Gpu.cudaAvailable());
    assertTrue(Gpu.deviceCount() >= 1);
  }

  @Test
  void withoutADriverTheHostBackendSaysWhy() {
    assumeFalse(Gpu.cudaAvailable(), "a CUDA driver is present");
    assumeFalse(System.getProperty(Gpu.BACKEND_PROPERTY) != null, "the backend was forced");
    assertEquals(Backend.Kind.HOST, Gpu.backend().kind());
    assertEquals("no usable CUDA driver (libcuda.so.1: cannot open shared object file: No such file or directory);"
        + " device tensors live in off-heap host memory", Gpu.backend().reason());
    assertEquals(Integer.getInteger(Gpu.HOST_DEVICES_PROPERTY, 1), Gpu.deviceCount());
  }

  @Test
  void jcudaLoadFailuresAreSummarised() {
    UnsatisfiedLinkError jcuda = new UnsatisfiedLinkError("Error while loading native library \"JCudaDriver-12.0.0\"\n"
        + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.0.0-linux-x86_64.so: libcuda.so.1: cannot open shared"
        + " object file: No such file or directory\n\tat somewhere");
    assertEquals("libcuda.so.1: cannot open shared object file: No such file or directory", Gpu.describe(jcuda));
    assertEquals("IllegalStateException: the CUDA driver is installed but reports no CUDA devices",
        Gpu.describe(new IllegalStateException("the CUDA driver is installed but reports no CUDA devices")));
  }

  /** A bad choice fails every call with the reason, not ExceptionInInitializerError then NoClassDefFoundError. */
  @Test
  void aBackendChoiceThatCannotWorkSaysWhyOnEveryCall() throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!arg.startsWith("-agentlib") && !arg.startsWith("-javaagent") && !arg.startsWith("-D" + Gpu.BACKEND_PROPERTY)) {
        cmd.add(arg);
      }
    }
    cmd.addAll(List.of("-D" + Gpu.BACKEND_PROPERTY + "=bogus", "-cp", System.getProperty("java.class.path"),
        BadBackendChoice.class.getName()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
      String thrown = "THROWN java.lang.IllegalStateException: -Dcgraph.gpu.backend=bogus is not a backend: use auto,"
          + " cuda or host";
      assertEquals(List.of(thrown, thrown), out.lines().filter(l -> l.startsWith("THROWN") || l.startsWith("BACKEND"))
          .toList(), out);
    } finally {
      p.destroyForcibly();
    }
  }
}
