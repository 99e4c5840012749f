package io.cgraph.graphtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.annotations.Graph;
import io.cgraph.runtime.SingleUse;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds a small consumer project with Maven the way a user would — the annotations and runtime as
 * dependencies, the processor {@code provided} and on {@code annotationProcessorPaths} — and checks
 * what the user sees: the message ID with the file and the line.
 *
 * <p>How it finds cgraph without installing anything: it puts this build's annotations, processor
 * and runtime (their classes, as jars, with their poms and the parent pom) into a throwaway local
 * repository, and gives the nested Maven a settings file whose only (mirror) repository is the
 * real local repository as a {@code file:} URL. So it works from a fresh clone under
 * {@code mvn -B verify} (no {@code install} needed), never touches the network or the user's
 * {@code ~/.m2}, and uses the plugin versions this build already resolved.
 */
class MavenConsumerTest {
  private static final long BUILD_TIMEOUT_S = 300;

  @Test
  void aUserBuildShowsTheMessageIdWithFileAndLine(@TempDir Path tmp) throws Exception {
    String version = property("cgraph.version");
    Path repo = tmp.resolve("repo");
    Path root = Paths.get(property("cgraph.rootDir"));
    install(repo, "cgraph-parent", version, null, root.resolve("pom.xml"));
    install(repo, "cgraph-annotations", version, classesOf(Graph.class), root.resolve("annotations/pom.xml"));
    install(repo, "cgraph-runtime", version, classesOf(SingleUse.class), root.resolve("runtime/pom.xml"));
    install(repo, "cgraph-processor", version, processorClasses(root), root.resolve("processor/pom.xml"));
    Path settings = tmp.resolve("settings.xml");
    Files.writeString(settings, settings(repo, Paths.get(property("cgraph.localRepository"))));

    Path project = tmp.resolve("consumer");
    Path src = project.resolve("src/main/java/demo");
    Files.createDirectories(src);
    Files.writeString(project.resolve("pom.xml"), pom(version));
    Files.writeString(src.resolve("Tok.java"), """
        package demo;
        import io.cgraph.annotations.*;
        @Actor
        public class Tok {
          @GraphMethod public int[] encode(String text) { return new int[text.length()]; }
          @GraphMethod public float score(int[] tokens) { return tokens.length; }
        }
        """);
    Files.writeString(src.resolve("Pipelines.java"), """
        package demo;
        import io.cgraph.annotations.*;
        final class Pipelines {
          @Graph(maxInflight = 4)
          static float scoring(String text, Tok tok, Tok model) {
            int[] tokens = tok.encode(text);
            return model.score(tokens);
          }
        }
        """);
    Files.writeString(src.resolve("App.java"), """
        package demo;
        public final class App {
          public static void main(String[] args) {
            try (ScoringGraph graph = ScoringGraph.compile(new Tok(), new Tok())) {
              ScoringGraph.Ref ref = graph.execute("hello");
              System.out.println(ref.get() + ref.get());
            }
          }
        }
        """);

    // 1. the graph is generated; the misuse checker finds the double read in App.java, line 6
    Build misuse = mvn(project, settings, tmp.resolve("build1.log"));
    assertNotEquals(0, misuse.exit(), misuse.output());
    List<String> misuseErrors = errorLines(misuse.output());
    assertEquals(1, misuseErrors.size(), misuse.output());
    assertTrue(misuseErrors.get(0).contains("App.java:[6,45] [CGraphRefReadTwice] ref.get() is called a second time"),
        misuse.output());
    assertTrue(!misuse.output().contains("cannot find symbol"), misuse.output());

    // 2. a branch in the graph body: the graph rule, on Pipelines.java line 7 (and nothing else)
    Files.writeString(src.resolve("App.java"), """
        package demo;
        public final class App {
          public static void main(String[] args) {
            try (ScoringGraph graph = ScoringGraph.compile(new Tok(), new Tok())) {
              System.out.println(graph.execute("hello").get());
            }
          }
        }
        """);
    Files.writeString(src.resolve("Pipelines.java"), """
        package demo;
        import io.cgraph.annotations.*;
        final class Pipelines {
          @Graph(maxInflight = 4)
          static float scoring(String text, Tok tok, Tok model) {
            int[] tokens = tok.encode(text);
            if (text.isEmpty()) { return 0; }
            return model.score(tokens);
          }
        }
        """);
    Build rule = mvn(project, settings, tmp.resolve("build2.log"));
    assertNotEquals(0, rule.exit(), rule.output());
    List<String> ruleErrors = errorLines(rule.output());
    assertEquals(1, ruleErrors.size(), rule.output());
    assertTrue(ruleErrors.get(0).contains("Pipelines.java:[7,5] [CGraphNotStraightLine] a graph body may only bind"),
        rule.output());
    assertTrue(!rule.output().contains("cannot find symbol"), rule.output());
  }

  // ------------------------------------------------------------------ the nested build

  private record Build(int exit, String output) {}

  private static Build mvn(Path project, Path settings, Path log) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(mavenExecutable());
    command.addAll(List.of("-B", "-q", "-s", settings.toString(), "-f", project.resolve("pom.xml").toString(), "compile"));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().remove("MAVEN_ARGS");
    Process p = pb.start();
    if (!p.waitFor(BUILD_TIMEOUT_S, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      throw new AssertionError("the consumer build did not finish in " + BUILD_TIMEOUT_S + " s:\n"
          + Files.readString(log));
    }
    return new Build(p.exitValue(), Files.readString(log));
  }

  /** {@code $maven.home/bin/mvn} of the Maven running this build, else {@code mvn} on the PATH. */
  private static String mavenExecutable() {
    String home = System.getProperty("maven.home", "");
    if (!home.isEmpty() && !home.contains("${")) {
      Path mvn = Paths.get(home, "bin", "mvn");
      if (Files.isExecutable(mvn)) {
        return mvn.toString();
      }
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path mvn = Paths.get(dir, "mvn");
      if (Files.isExecutable(mvn)) {
        return mvn.toString();
      }
    }
    throw new AssertionError("no Maven to run: set maven.home or put mvn on the PATH");
  }

  private static String settings(Path repo, Path realLocalRepository) {
    return """
        <settings>
          <localRepository>%s</localRepository>
          <mirrors>
            <mirror>
              <id>this-build</id>
              <mirrorOf>*</mirrorOf>
              <url>%s</url>
            </mirror>
          </mirrors>
        </settings>
        """.formatted(repo, realLocalRepository.toUri());
  }

  private static String pom(String version) {
    return """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>demo</groupId>
          <artifactId>consumer</artifactId>
          <version>1.0</version>
          <properties>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
            <maven.compiler.release>17</maven.compiler.release>
          </properties>
          <dependencies>
            <dependency><groupId>io.cgraph</groupId><artifactId>cgraph-annotations</artifactId><version>%1$s</version></dependency>
            <dependency><groupId>io.cgraph</groupId><artifactId>cgraph-runtime</artifactId><version>%1$s</version></dependency>
            <dependency><groupId>io.cgraph</groupId><artifactId>cgraph-processor</artifactId><version>%1$s</version><scope>provided</scope></dependency>
          </dependencies>
          <build>
            <plugins>
              <plugin>
                <artifactId>maven-resources-plugin</artifactId>
                <version>%2$s</version>
              </plugin>
              <plugin>
                <artifactId>maven-compiler-plugin</artifactId>
                <version>%3$s</version>
                <configuration>
                  <annotationProcessorPaths>
                    <path><groupId>io.cgraph</groupId><artifactId>cgraph-processor</artifactId><version>%1$s</version></path>
                  </annotationProcessorPaths>
                  <compilerArgs>
                    <arg>-Xlint:all</arg>
                    <arg>-Xlint:-processing</arg>
                    <arg>-Werror</arg>
                  </compilerArgs>
                </configuration>
              </plugin>
            </plugins>
          </build>
        </project>
        """.formatted(version, property("cgraph.resourcesPluginVersion"), property("cgraph.compilerPluginVersion"));
  }

  // ------------------------------------------------------------------ this build's artifacts

  /** Writes {@code io/cgraph/<artifact>/<version>/} with the pom and (unless null) a jar of {@code classes}. */
  private static void install(Path repo, String artifact, String version, Path classes, Path pom) throws IOException {
    Path dir = repo.resolve("io/cgraph").resolve(artifact).resolve(version);
    Files.createDirectories(dir);
    Files.copy(pom, dir.resolve(artifact + "-" + version + ".pom"));
    if (classes == null) {
      return;
    }
    Path jar = dir.resolve(artifact + "-" + version + ".jar");
    if (Files.isRegularFile(classes)) {
      Files.copy(classes, jar);
      return;
    }
    try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        zip.putNextEntry(new ZipEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
        Files.copy(f, zip);
        zip.closeEntry();
      }
    }
  }

  /** The classes directory (or jar) a class of this build was loaded from. */
  private static Path classesOf(Class<?> type) throws URISyntaxException {
    return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** The processor runs only inside javac, so it is not on this test's class path: its module's output. */
  private static Path processorClasses(Path root) {
    Path classes = root.resolve("processor/target/classes");
    assertTrue(Files.isRegularFile(classes.resolve("META-INF/services/javax.annotation.processing.Processor")),
        "build the processor module first: " + classes);
    return classes;
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isEmpty()) {
      throw new AssertionError("system property " + name + " is not set (the graph-tests pom sets it for surefire)");
    }
    return value;
  }

  /** The distinct compiler error lines ({@code [ERROR] /path/File.java:[line,col] message}); Maven prints each twice. */
  private static List<String> errorLines(String output) {
    return output.lines().filter(l -> l.startsWith("[ERROR] /") && l.contains(".java:[")).distinct().toList();
  }
}
