package io.cgraph.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.annotations.Graph;
import java.io.File;
import com.google.testing.compile.Compilation;
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
import org.junit.jupiter.params.provider.MethodSource;

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

  /** Collectives of every kind under ECJ: read from the source text, generated exactly as under javac. */
  @Test
  void collectivesGenerateTheSameSourceAsUnderJavac() throws IOException {
    String part = """
        package test;
        import io.cgraph.annotations.*;
        @Actor
        public class Part {
          @GraphMethod public int[] encode(String text) { return new int[text.length()]; }
          @GraphMethod public int take(int[] sum, int[] all, int[] share) { return sum.length + all.length + share.length; }
          @GraphMethod public int take(int[] sum, int[] all, int[] share, int[] copy) { return copy.length; }
          @GraphMethod public int add(int x, int y, int z) { return x + y + z; }
        }
        """.replace("public int take(int[] sum, int[] all, int[] share, int[] copy)",
            "public int takeCopy(int[] sum, int[] all, int[] share, int[] copy)");
    String graph = """
        package test;
        import io.cgraph.annotations.*;
        final class G {
          @Graph
          static int f(String text, Part a, Part b, Part c) {
            int[] x = a.encode(text);
            int[] y = b.encode(text);
            int[] z = c.encode(text);
            int[] sum = Collectives.allReduce(ReduceOp.SUM, x, y, z);
            int[] all = Collectives.allGather(x, y, z);
            int[][] shares = Collectives.reduceScatter(ReduceOp.MAX, x, y, z);
            int[] copy = Collectives.broadcast(x, b, c);
            int p = a.take(sum, all, shares[0]);
            int q = b.takeCopy(sum, all, shares[1], copy);
            int r = c.takeCopy(sum, all, shares[2], copy);
            return a.add(p, q, r);
          }
        }
        """;
    Compilation javac = Compilations.compile(Compilations.source("test.Part", part), Compilations.source("test.G", graph));
    assertEquals(List.of(), javac.errors(), Compilations.describe(javac));
    String underJavac = Compilations.generatedSource(javac, "test.FGraph");
    Result r = compile(List.of(write("test/Part.java", part), write("test/G.java", graph)));
    assertTrue(r.ok(), r.describe());
    assertEquals(0, r.count(Diagnostic.Kind.ERROR) + r.count(Diagnostic.Kind.WARNING), r.describe());
    assertEquals(underJavac, Files.readString(dir.resolve("gen/test/FGraph.java"), StandardCharsets.UTF_8));
    assertTrue(underJavac.contains("Collective.Kind.ALL_REDUCE, ReduceOp.SUM"), underJavac);
  }

  /**
   * Code written against the whole public surface of a graph sees only the graph's own error: ECJ,
   * unlike javac, goes on to compile the rest after a processor's error, against the stub class.
   */
  @Test
  void codeUsingEveryMemberOfAnInvalidGraphSeesOnlyItsError() throws IOException {
    String client = """
        package test;
        import io.cgraph.annotations.*;
        import io.cgraph.runtime.GraphOptions;
        import io.cgraph.runtime.Placement;
        public class G {
          @Actor public static class A { @GraphMethod public int one(int x) { return x; } }
          @Graph
          %s int f(int x, A a) {
            return a.one(x);
          }
          static long run(java.nio.file.Path dir) throws Exception {
            int limit = FGraph.MAX_INFLIGHT;
            String dot = FGraph.toDot();
            try (FGraph graph = FGraph.compile(Placement.local(new A()), GraphOptions.defaults());
                java.util.stream.Stream<FGraph.Execution> journal = FGraph.readJournal(dir)) {
              FGraph.Ref ref = graph.execute(limit);
              int got = ref.isDone() || ref.isConsumed() || ref.execution() < 0 ? 0 : ref.get(java.time.Duration.ofSeconds(1));
              java.util.concurrent.CompletableFuture<Integer> f = graph.executeAsync(2);
              long steps = graph.stats().actors().get(0).steps();
              for (FGraph.Execution e : (Iterable<FGraph.Execution>) journal::iterator) {
                got += e.x() + (e.result() == null ? 0 : e.result()) + (int) e.number() + (e.completed() ? 1 : 0);
                graph.replay(e).get();
                if (e.failure() != null) {
                  return -1;
                }
              }
              return got + f.get() + steps + dot.length() + FGraph.compile(new A()).execute(1).get()
                  + FGraph.compile(new A(), GraphOptions.defaults()).execute(1).get();
            }
          }
        }
        """;
    // The valid graph: the client compiles cleanly.
    Result valid = compile(List.of(write("test/G.java", client.formatted("static"))));
    assertTrue(valid.ok(), valid.describe());
    // Not static: one error, on the graph method; nothing about the client's use of FGraph.
    Result r = compile(List.of(write("test/G.java", client.formatted(""))));
    assertEquals(1, r.count(Diagnostic.Kind.ERROR), r.describe());
    assertEquals(1, r.errorsContaining(Messages.NOT_STATIC), r.describe());
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

  /** The actor and types of {@link ErrorTest}. */
  private static final String ERROR_TOK = """
      package test;
      import io.cgraph.annotations.*;
      @Actor
      public class Tok {
        @GraphMethod public int[] encode(String text) { return new int[0]; }
        @GraphMethod public float score(int[] tokens) { return 0; }
        @GraphMethod public Stamped stamp(String s) { return null; }
        @GraphMethod public long count(Stamped s) { return 0; }
        @GraphMethod public long millis(java.util.Date d) { return 0; }
        @GraphMethod public java.util.Date when(String s) { return null; }
        @GraphMethod public Pair pair(String s) { return null; }
        @GraphMethod public String label(String s, long n, char c, boolean b, double d) { return s; }
        public int helper(String s) { return 0; }
      }
      """;
  private static final String STAMPED = "package test;\npublic record Stamped(String id, java.util.Date placedAt) {}\n";
  private static final String PAIR = "package test;\npublic record Pair(float score, String text) {}\n";

  /** The bodies of {@link ErrorTest} and a few more: signature, then the body's lines. */
  static Stream<List<String>> bodies() {
    return Stream.of(
        // collectives: a reader that takes no part, a participant that never reads, an unknown op, a share out of range
        List.of("static float f(String text, Tok a, Tok b, Tok c)", "int[] x = a.encode(text);",
            "int[] y = b.encode(text);", "int[] sum = Collectives.allReduce(ReduceOp.SUM, x, y);",
            "float p = a.score(sum);", "return c.score(sum);"),
        List.of("static float f(String text, Tok a, Tok b)", "int[] x = a.encode(text);",
            "int[] y = b.encode(text);", "int[] sum = Collectives.allReduce(ReduceOp.AVERAGE, x, y);",
            "float p = a.score(sum);", "return b.score(sum);"),
        List.of("static float f(String text, Tok a, Tok b)", "int[] x = a.encode(text);",
            "int[] y = b.encode(text);", "int[][] s = Collectives.reduceScatter(ReduceOp.SUM, x, y);",
            "float p = a.score(s[0]);", "return b.score(s[5]);"),
        List.of("static float f(String text, Tok a, Tok b)", "int[] x = a.encode(text);",
            "int[] sum = Collectives.allReduce(ReduceOp.SUM, x, text);", "float p = a.score(sum);",
            "return b.score(sum);"),
        List.of("static float f(String text, Tok tok)", "int[] tokens = tok.encode(text);",
            "if (text.isEmpty()) { return 0; }", "return tok.score(tokens);"),
        List.of("static float f(String text, Tok tok)", "int[] tokens = tok.encode(text);",
            "for (int i = 0; i < 3; i++) { }", "return tok.score(tokens);"),
        List.of("static float f(String text, Tok tok)", "int[] tokens = tok.encode(text);",
            "while (text.isEmpty()) { text = \"x\"; }", "return tok.score(tokens);"),
        List.of("static float f(String text, Tok tok)", "int[] tokens = tok.encode(text);",
            "switch (text) { default: break; }", "return tok.score(tokens);"),
        List.of("static float f(String text, Tok tok)", "int[] tokens = tok.encode(text);",
            "try { } finally { }", "return tok.score(tokens);"),
        List.of("static float f(String text, Tok tok)", "Runnable r = () -> tok.encode(text);",
            "int[] tokens = tok.encode(text);", "return tok.score(tokens);"),
        List.of("static float f(Tok tok)", "float s = tok.score(new int[] {1, 2});",
            "return tok.score(tok.encode(\"x\"));"),
        List.of("static float f(Tok tok)", "int[] tokens = tok.encode(java.io.File.separator);",
            "return tok.score(tokens);"),
        List.of("static float f(String text, Tok tok)", "int[] tokens = tok.encode(text + \"!\");",
            "return tok.score(tokens);"),
        List.of("static float f(String text, Tok tok)", "String t = text.trim();", "int[] tokens = tok.encode(t);",
            "return tok.score(tokens);"),
        List.of("static float f(Tok tok)", "int[] tokens = new int[3];", "return tok.score(tokens);"),
        List.of("static float f(Tok tok)", "int[] tokens = tok.encode(null);", "return tok.score(tokens);"),
        List.of("static long f(String text, Tok tok, Tok other)", "long n = tok.count(other);",
            "return other.millis(tok.when(text));"),
        List.of("static float f(String text, Tok tok)", "int[] tokens = tok.encode(text);",
            "return tok.score(tokens);", "int[] more = tok.encode(text);"),
        List.of("static int f(String text, Tok tok)", "return tok.helper(text);"),
        List.of("static int f(String text, Tok tok)", "return tok.nothing(text);"),
        List.of("static float f(String text, int n, Tok tok)", "int[] tokens = tok.encode(text, n);",
            "float s = tok.score(text);", "return tok.score(tokens);"),
        List.of("static float f(String text, Tok tok)", "int[] tokens = tok.encode(text);",
            "double s = tok.score(tokens);", "return tok.score(tokens);"),
        List.of("static String f(String text, Tok tok)", "int[] tokens = tok.encode(text);", "return text;"),
        List.of("static Pair f(String text, Tok tok)", "int[] tokens = tok.encode(text);",
            "float s = tok.score(tokens);", "return new Pair(s, text);"),
        List.of("static Pair f(String text, Tok tok)", "int[] tokens = tok.encode(text);",
            "float s = tok.score(tokens);", "return new Pair(s, \"fixed\");"),
        List.of("static Pair f(String text, Tok tok)", "return new Pair(1.5f, text.trim());"),
        List.of("static Stamped f(String text, Tok tok)", "return new Stamped(text, null);"),
        List.of("static void f(String text, Tok tok)", "int[] tokens = tok.encode(text);"),
        List.of("static float f(String text, int unused, Tok tok, Tok idle)", "int[] tokens = tok.encode(text);",
            "return tok.score(tokens);"),
        List.of("static float f(String text, Tok tok)", "int[] tokens = tok.encode(text);", "tok.encode(text);",
            "return tok.score(tokens);"),
        List.of("static float f(String text, Tok tok)", "int[] tokens = tok.encode(text);",
            "int[] tokens = tok.encode(text);", "return tok.score(tokens);"),
        List.of("static float f(String text, Tok tok)", "final int[] tokens = tok.encode(text);",
            "var again = tok.encode(text);", "return tok.score(tokens);"),
        List.of("static String f(String text, Tok tok)",
            "String a = tok.label(text, -5L, '\\'', true, -1.5e3);",
            "String b = tok.label(a, 0x1F, 'x', false, .5);", "return tok.label(b, 7, '\\n', true, 2d);"),
        List.of("static String f(String text, Tok tok)", "String a = tok.label(text, tok, 'c', true, 1);",
            "return tok.label(a, 1, 'c', text.isEmpty() ? true : false, 1);"),
        List.of("static float f(String text, Tok tok)", "int[] tokens = (tok.encode((text)));",
            "return tok.score(tokens);"),
        List.of("static float f(String text, Tok tok)", "int[] tokens = tok.encode(text);",
            "return tok.score(tokens) + 1;"),
        List.of("static float f(String text, Tok tok)", "int[] tokens = tok.encode(text);",
            "return Math.abs(tok.score(tokens));"),
        List.of("static float f(String text, Tok tok)", "int[] tokens = tok.encode(text);"),
        List.of("static int f(String text, Tok tok)", "int[] tokens = tok.encode(text);", "int s = tok.score(tokens);",
            "return s;"),
        List.of("static long f(String text, Tok tok)", "Stamped s = tok.pair(text);", "return tok.count(s);"),
        List.of("static Pair f(String text, Tok tok)", "int[] tokens = tok.encode(text);",
            "float s = tok.score(tokens);", "String t = tok.score(tokens);", "return new Pair(s, t);"));
  }

  @ParameterizedTest
  @MethodSource("bodies")
  void reportsTheSameProblemsAsUnderJavac(List<String> graph) throws IOException {
    StringBuilder b = new StringBuilder("package test;\nimport io.cgraph.annotations.*;\nfinal class G {\n  @Graph\n  ");
    b.append(graph.get(0)).append(" {\n");
    graph.subList(1, graph.size()).forEach(line -> b.append("    ").append(line).append('\n'));
    b.append("  }\n}\n");
    List<String> underJavac = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : Compilations.compile(Compilations.source("test.Tok", ERROR_TOK),
        Compilations.source("test.Stamped", STAMPED), Compilations.source("test.Pair", PAIR),
        Compilations.source("test.G", b.toString())).diagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR && d.getMessage(Locale.ROOT).startsWith("[CGraph")) {
        underJavac.add(d.getMessage(Locale.ROOT));
      }
    }
    Result r = compile(List.of(write("test/Tok.java", ERROR_TOK), write("test/Stamped.java", STAMPED),
        write("test/Pair.java", PAIR), write("test/G.java", b.toString())));
    List<String> underEcj = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : r.diagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR && d.getMessage(Locale.ROOT).startsWith("[CGraph")) {
        underEcj.add(d.getMessage(Locale.ROOT));
      }
    }
    java.util.Collections.sort(underJavac);
    java.util.Collections.sort(underEcj);
    assertEquals(String.join("\n", underJavac), String.join("\n", underEcj), r.describe());
  }

  /** Whole files (relative path, then text, repeated) whose problems are not in a graph body alone. */
  static Stream<List<String>> files() {
    String policy = """
        package test;
        import io.cgraph.annotations.*;
        public class Policy {
          @GraphMethod public int decide(int x) { return x; }
        }
        """;
    String order = """
        package test;
        public record Order(String id, java.util.Date placedAt, java.util.Map<String, Integer> tags,
            java.time.Instant shippedAt, Object note) {}
        """;
    String shop = """
        package test;
        import io.cgraph.annotations.*;
        @Actor
        public class Shop {
          @GraphMethod public Order order(String id) { return null; }
          @GraphMethod public int count(Order o) { return 0; }
        }
        """;
    return Stream.of(
        List.of("test/G.java", """
            package test;
            import io.cgraph.annotations.*;
            final class G {
              @Actor private static class A { @GraphMethod public int one(int x) { return x; } }
              @Graph static int f(int x, A a) { return a.one(x); }
              static int run() { try (FGraph g = FGraph.compile(new A())) { return g.execute(1).get(); } }
            }
            """),
        List.of("test/Policy.java", policy, "test/G.java", """
            package test;
            import io.cgraph.annotations.*;
            final class G {
              @Graph static int f(int x, Policy policy) { return policy.decide(x); }
            }
            """),
        List.of("test/Order.java", order, "test/Shop.java", shop, "test/G.java", """
            package test;
            import io.cgraph.annotations.*;
            final class G {
              @Graph static int f(String id, Shop a, Shop b) {
                Order o = a.order(id);
                return b.count(o);
              }
              @Graph static int g(Order o, Shop shop) { return shop.count(o); }
            }
            """),
        List.of("test/Quotes.java", """
            package test;
            import net.openhft.chronicle.bytes.BytesMarshallable;
            public final class Quotes {
              public static class Quote implements BytesMarshallable {}
              public static class Fixed implements BytesMarshallable { public Fixed(long bid) {} }
              public abstract static class Base implements BytesMarshallable {}
              public class Inner implements BytesMarshallable {}
            }
            """, "test/Desk.java", """
            package test;
            import io.cgraph.annotations.*;
            @Actor
            public class Desk {
              @GraphMethod public Quotes.Quote quote(Quotes.Quote q) { return q; }
              @GraphMethod public int fixed(Quotes.Fixed q) { return 0; }
              @GraphMethod public int base(Quotes.Base q) { return 0; }
              @GraphMethod public int inner(Quotes.Inner q) { return 0; }
            }
            """, "test/G.java", """
            package test;
            import io.cgraph.annotations.*;
            final class G {
              @Graph static Quotes.Quote ok(Quotes.Quote q, Desk a, Desk b) {
                Quotes.Quote once = a.quote(q);
                return b.quote(once);
              }
              @Graph static int fixed(Quotes.Fixed q, Desk d) { return d.fixed(q); }
              @Graph static int base(Quotes.Base q, Desk d) { return d.base(q); }
              @Graph static int inner(Quotes.Inner q, Desk d) { return d.inner(q); }
            }
            """));
  }

  @ParameterizedTest
  @MethodSource("files")
  void reportsTheSameErrorsAsUnderJavac(List<String> pathsAndTexts) throws IOException {
    List<JavaFileObject> forJavac = new ArrayList<>();
    List<Path> forEcj = new ArrayList<>();
    for (int i = 0; i < pathsAndTexts.size(); i += 2) {
      String path = pathsAndTexts.get(i);
      String text = pathsAndTexts.get(i + 1);
      forJavac.add(Compilations.source(path.replace(".java", "").replace('/', '.'), text));
      forEcj.add(write(path, text));
    }
    List<String> underJavac = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : Compilations.compile(forJavac).diagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        underJavac.add(d.getMessage(Locale.ROOT));
      }
    }
    Result r = compile(forEcj);
    List<String> underEcj = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : r.diagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        underEcj.add(d.getMessage(Locale.ROOT));
      }
    }
    java.util.Collections.sort(underJavac);
    java.util.Collections.sort(underEcj);
    assertTrue(underJavac.stream().allMatch(m -> m.startsWith("[CGraph")), String.join("\n", underJavac));
    assertEquals(String.join("\n", underJavac), String.join("\n", underEcj), r.describe());
  }

  /**
   * A record component named as a method of {@code Object}: javac stops at the processor's error
   * (the record has no accessor for it), ECJ reports the same error and, on the record, its own.
   */
  @Test
  void aRecordComponentNamedAsAMethodOfObjectIsTheSameErrorAsUnderJavac() throws IOException {
    List<Path> sources = List.of(write("test/Timed.java", """
        package test;
        public record Timed(long at, java.time.Duration wait) {}
        """), write("test/Clock.java", """
        package test;
        import io.cgraph.annotations.*;
        @Actor
        public class Clock {
          @GraphMethod public long at(Timed t) { return 0; }
        }
        """), write("test/G.java", """
        package test;
        import io.cgraph.annotations.*;
        final class G {
          @Graph static long f(Timed t, Clock c) { return c.at(t); }
        }
        """));
    Result r = compile(sources);
    String expected = Messages.NOT_TRANSFERABLE + " input t crosses a channel, but Timed.wait: java.time.Duration is"
        + " not transferable (the record has no accessor for it: a record component may not be named as a method of"
        + " Object) — rename the component";
    List<String> errors = r.diagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> d.getMessage(Locale.ROOT)).sorted().toList();
    assertEquals(List.of("Illegal component name wait in record Timed;", expected), errors, r.describe());
    Diagnostic<? extends JavaFileObject> cgraph = r.diagnostics().stream()
        .filter(d -> d.getMessage(Locale.ROOT).equals(expected)).findFirst().orElseThrow();
    assertTrue(cgraph.getSource().getName().endsWith("G.java"), r.describe());
    assertEquals(4, cgraph.getLineNumber(), r.describe());
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
