package io.cgraph.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.JvmOptions;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers start with default settings wherever an application runs: under {@code mvn exec:java}
 * (the JVM's class path is Maven's launcher; the application is in a class loader of its own) and
 * from a fat jar started with nothing but {@code java -jar} (cgraph's options come from the manifest,
 * which a worker does not read). Each runs {@link WorkerApp} in a child JVM.
 */
class WorkersAnywhereTest {
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir Path dir;

  @Test
  void workersStartUnderAClassLoaderOfTheApplicationsOwnAsInExecJava() throws IOException {
    // The child's class path: a directory with the launcher alone (cgraph is not on it).
    String launcher = ForeignLoaderLauncher.class.getName().replace('.', '/') + ".class";
    Path launcherDir = dir.resolve("launcher");
    Path copy = launcherDir.resolve(launcher);
    Files.createDirectories(copy.getParent());
    try (InputStream in = ForeignLoaderLauncher.class.getClassLoader().getResourceAsStream(launcher)) {
      Files.copy(in, copy);
    }
    List<String> cmd = new ArrayList<>(List.of(JAVA));
    cmd.addAll(JvmOptions.all());
    cmd.addAll(List.of("-cp", launcherDir.toString(), ForeignLoaderLauncher.class.getName(),
        System.getProperty("java.class.path"), WorkerApp.class.getName(), channels()));
    assertRunsTheGraphInAWorker(cmd);
  }

  @Test
  void workersStartFromAFatJarWhoseManifestCarriesTheOptions() throws IOException {
    Path jar = dir.resolve("app-all.jar");
    writeFatJar(jar);
    // No JVM option at all: the driver has cgraph's opens and exports from the manifest only.
    assertRunsTheGraphInAWorker(List.of(JAVA, "-jar", jar.toString(), channels()));
  }

  private String channels() throws IOException {
    return Files.createDirectories(dir.resolve("channels")).toString();
  }

  private static void assertRunsTheGraphInAWorker(List<String> cmd) {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      try {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the application did not exit; its output: " + out);
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().filter(l -> l.startsWith("order ") || l.startsWith("parser ran on ")).toList();
        assertEquals(2, lines.size(), out);
        assertEquals("order a", lines.get(0), out);
        assertTrue(lines.get(1).matches("parser ran on worker 'cgraph-worker-0' \\(pid \\d+\\)"), out);
      } finally {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    });
  }

  /**
   * A fat jar as the shade or assembly plugins make it: every class of this test's class path in one
   * jar, {@code Main-Class} {@link WorkerApp}, and cgraph's opens and exports as {@code Add-Opens} and
   * {@code Add-Exports} (the {@code -D} options cannot go in a manifest).
   */
  private static void writeFatJar(Path jar) throws IOException {
    Manifest m = new Manifest();
    Attributes a = m.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    a.put(Attributes.Name.MAIN_CLASS, WorkerApp.class.getName());
    a.putValue("Add-Opens", packages("--add-opens="));
    a.putValue("Add-Exports", packages("--add-exports="));
    Set<String> written = new HashSet<>();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
      written.add(JarFile.MANIFEST_NAME);
      for (String element : System.getProperty("java.class.path").split(File.pathSeparator)) {
        Path p = Path.of(element);
        if (Files.isDirectory(p)) {
          try (Stream<Path> files = Files.walk(p)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
              String name = p.relativize(f).toString().replace(File.separatorChar, '/');
              try (InputStream in = Files.newInputStream(f)) {
                copy(name, in, out, written);
              }
            }
          }
        } else if (Files.isRegularFile(p)) {
          try (JarFile in = new JarFile(p.toFile())) {
            for (JarEntry e : (Iterable<JarEntry>) in.stream()::iterator) {
              if (!e.isDirectory()) {
                try (InputStream s = in.getInputStream(e)) {
                  copy(e.getName(), s, out, written);
                }
              }
            }
          }
        }
      }
    }
  }

  private static void copy(String name, InputStream in, JarOutputStream out, Set<String> written) throws IOException {
    String upper = name.toUpperCase(java.util.Locale.ROOT);
    boolean signature = upper.startsWith("META-INF/") && (upper.endsWith(".SF") || upper.endsWith(".RSA")
        || upper.endsWith(".DSA"));
    if (signature || name.startsWith("META-INF/versions/") || name.endsWith("module-info.class")
        || !written.add(name)) {
      return; // the first jar's copy wins, as in a shaded jar
    }
    out.putNextEntry(new JarEntry(name));
    in.transferTo(out);
    out.closeEntry();
  }

  /** The {@code module/package} pairs of cgraph's options that start with {@code prefix}. */
  private static String packages(String prefix) {
    List<String> pairs = new ArrayList<>();
    for (String o : JvmOptions.all()) {
      if (o.startsWith(prefix)) {
        pairs.add(o.substring(prefix.length(), o.indexOf('=', prefix.length())));
      }
    }
    return String.join(" ", pairs);
  }
}
