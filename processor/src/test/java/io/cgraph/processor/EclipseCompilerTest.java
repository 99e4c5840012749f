package io.cgraph.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.annotations.Graph;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The processor under Eclipse's compiler (ECJ), which has no {@code Trees}: graph bodies are read
 * from their source text, the generated classes are the same as under javac (the golden files),
 * they compile and run, the misuse checker is off with one note, and an invalid body is one error
 * with its message ID on the graph method.
 */
class EclipseCompilerTest {
  @TempDir Path dir;

  private static final String TOK = """
      package test;
      import io.cgraph.annotations.*;
      @Actor
      public class Tok {
        @GraphMethod public int[] encode(String text) { return new int[text.length()]; }
        @GraphMethod public float score(int[] tokens) { return tokens.length; }
      }
      """;

  /** A valid graph, and code that runs it (line 6 reads a Ref twice: javac's checker would say so). */
  private static final String GRAPH = """
      package test;
      import io.cgraph.annotations.*;
      public final class G {
        @Graph
        static float f(String text, Tok tok) {
          int[] tokens = tok.encode(text); // a comment
          return tok.score(tokens);
        }
        public static float direct(String text) { return f(text, new Tok()); }
        public static float compiled(String text) {
          try (FGraph g = FGraph.compile(new Tok())) {
            return g.execute(text).get();
          }
        }
      }
      """;

  @Test
  void aValidGraphIsGeneratedCompiledAndRunsLikeItsMethod() throws Exception {
    Result r = compile(List.of(write("test/Tok.java", TOK), write("test/G.java", GRAPH)));
    assertTrue(r.ok(), r.describe());
    assertEquals(0, r.count(Diagnostic.Kind.ERROR), r.describe());
    assertEquals(1, r.notesContaining(Messages.CHECKER_OFF), r.describe());
    assertEquals(0, r.notesContaining(Messages.NEEDS_JAVAC), r.describe());
    assertTrue(Files.isRegularFile(dir.resolve("gen/test/FGraph.java")), r.describe());
    assertTrue(Files.isRegularFile(dir.resolve("out/test/FGraph.class")), r.describe());
    assertTrue(Files.isRegularFile(dir.resolve("out/META-INF/cgraph/FGraph.dot")), r.describe());

    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("out").toUri().toURL()},
        EclipseCompilerTest.class.getClassLoader())) {
      Class<?> g = loader.loadClass("test.G");
      Method direct = g.getMethod("direct", String.class);
      Method compiled = g.getMethod("compiled", String.class);
      Object expected = direct.invoke(null, "hello");
      Object actual = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> compiled.invoke(null, "hello"));
      assertEquals(5.0f, expected);
      assertEquals(expected, actual);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "io/cgraph/runtime/sample, io/cgraph/runtime/sample/PipelineGraph.java, PipelineGraph.java",
    "golden/codecs, golden/codecs/RoundTripGraph.java, RoundTripGraph.java",
    "golden/shapes, golden/shapes/Shapes.java, Shapes.java",
    "golden/shapes, golden/shapes/MeasureGraph.java, MeasureGraph.java",
  })
  void generatesTheSameSourceAsUnderJavac(String sources, String generated, String golden) throws IOException {
    List<Path> files = new ArrayList<>();
    Path from = resourceDir("sources/" + sources);
    try (Stream<Path> s = Files.list(from)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList())) {
        files.add(write(sources + "/" + p.getFileName(), Files.readString(p, StandardCharsets.UTF_8)));
      }
    }
    Result r = compile(files);
    assertTrue(r.ok(), r.describe());
    assertEquals(0, r.count(Diagnostic.Kind.ERROR) + r.count(Diagnostic.Kind.WARNING), r.describe());
    assertEquals(readGolden(golden), Files.readString(dir.resolve("gen").resolve(generated), StandardCharsets.UTF_8));
  }

  @Test
  void anInvalidBodyIsOneErrorWithItsIdOnTheGraphMethod() throws IOException {
    String graph = """
        package test;
        import io.cgraph.annotations.*;
        final class G {
          @Graph
          static float f(String text, Tok tok) {
            int[] tokens = tok.encode(text);
            if (text.isEmpty()) {
              return 0;
            }
            return tok.score(tokens);
          }
        }
        """;
    Result r = compile(List.of(write("test/Tok.java", TOK), write("test/G.java", graph)));
    assertEquals(1, r.count(Diagnostic.Kind.ERROR), r.describe());
    Diagnostic<? extends JavaFileObject> error = r.first(Diagnostic.Kind.ERROR);
    assertTrue(error.getMessage(Locale.ROOT).startsWith(Messages.NOT_STRAIGHT_LINE + " a graph body may only bind"),
        r.describe());
    assertTrue(error.getMessage(Locale.ROOT).contains("found an if statement"), r.describe());
    assertTrue(error.getSource().getName().endsWith("G.java"), r.describe());
    assertEquals(5, error.getLineNumber(), r.describe());
    // the graph still gets its class (the stub), so code using it shows only the real error
    assertTrue(Files.isRegularFile(dir.resolve("gen/test/FGraph.java")), r.describe());
  }

  @Test
  void theSubsetsErrorsHaveTheirIds() throws IOException {
    String graph = """
        package test;
        import io.cgraph.annotations.*;
        final class G {
          @Graph
          static float f(String text, Tok tok) {
            int[] tokens = tok.encode(text + "!");
            tok.encode(text);
            return tok.score(tokens);
          }
        }
        """;
    Result r = compile(List.of(write("test/Tok.java", TOK), write("test/G.java", graph)));
    assertEquals(2, r.count(Diagnostic.Kind.ERROR), r.describe());
    assertEquals(1, r.errorsContaining(Messages.NOT_STRAIGHT_LINE + " argument 1 of tok.encode(...) is arithmetic"
        + " or a comparison (text + \"!\")"), r.describe());
    assertEquals(1, r.errorsContaining(Messages.UNUSED_RESULT + " the result of tok.encode(...) is discarded"),
        r.describe());
  }

  // ------------------------------------------------------------------ ECJ through javax.tools

  private record Result(boolean ok, List<Diagnostic<? extends JavaFileObject>> diagnostics, String output) {
    long count(Diagnostic.Kind kind) {
      return diagnostics.stream().filter(d -> d.getKind() == kind).count();
    }

    long notesContaining(String text) {
      return diagnostics.stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.NOTE && d.getMessage(Locale.ROOT).contains(text)).count();
    }

    long errorsContaining(String text) {
      return diagnostics.stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR && d.getMessage(Locale.ROOT).contains(text)).count();
    }

    Diagnostic<? extends JavaFileObject> first(Diagnostic.Kind kind) {
      return diagnostics.stream().filter(d -> d.getKind() == kind).findFirst().orElseThrow();
    }

    String describe() {
      return diagnostics.stream().map(d -> d.getKind() + " " + (d.getSource() == null ? "" : d.getSource().getName())
          + ":" + d.getLineNumber() + " " + d.getMessage(Locale.ROOT)).collect(Collectors.joining("\n"))
          + "\n" + output;
    }
  }

  private Result compile(List<Path> sources) throws IOException {
    Files.createDirectories(dir.resolve("out"));
    Files.createDirectories(dir.resolve("gen"));
    JavaCompiler ecj = new EclipseCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter output = new StringWriter();
    try (StandardJavaFileManager files = ecj.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      JavaCompiler.CompilationTask task = ecj.getTask(output, files, diagnostics,
          List.of("-17", "-encoding", "UTF-8", "-classpath", classpath(), "-d", dir.resolve("out").toString(),
              "-s", dir.resolve("gen").toString()),
          null, files.getJavaFileObjectsFromPaths(sources));
      task.setProcessors(List.of(new GraphProcessor()));
      boolean ok = task.call();
      return new Result(ok, diagnostics.getDiagnostics(), output.toString());
    }
  }

  /** The annotations and the runtime (generated code compiles against the runtime API). */
  private static String classpath() {
    List<String> entries = new ArrayList<>();
    for (Class<?> c : List.of(Graph.class, io.cgraph.runtime.SingleUse.class)) {
      try {
        entries.add(Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  private Path write(String relative, String text) throws IOException {
    Path p = dir.resolve("src").resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private static Path resourceDir(String name) {
    URL url = EclipseCompilerTest.class.getClassLoader().getResource(name);
    try {
      return Paths.get(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String readGolden(String name) {
    try (InputStream in = EclipseCompilerTest.class.getClassLoader().getResourceAsStream("golden/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
