package io.cgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The misuse checker (DESIGN §5): each finding with its exact ID, file, line and count; valid uses
 * that must compile with no diagnostic at all; suppression.
 */
class MisuseCheckerTest {
  private static final JavaFileObject TOK = Compilations.source("test.Tok", """
      package test;
      import io.cgraph.annotations.*;
      @Actor
      public class Tok {
        @GraphMethod public int[] encode(String text) { return new int[text.length()]; }
        @GraphMethod public float score(int[] tokens) { return tokens.length; }
      }
      """);

  /** {@code ScoringGraph} with maxInflight = 2. */
  private static final JavaFileObject GRAPHS = Compilations.source("test.Graphs", """
      package test;
      import io.cgraph.annotations.*;
      final class Graphs {
        @Graph(maxInflight = 2)
        static float scoring(String text, Tok tok, Tok model) {
          int[] tokens = tok.encode(text);
          return model.score(tokens);
        }
      }
      """);

  /** A user class whose method body starts on line 7; {@code lines} are the body, one per line. */
  private static JavaFileObject user(String... lines) {
    StringBuilder b = new StringBuilder();
    b.append("package test;\n");
    b.append("import io.cgraph.runtime.GraphOptions;\n");
    b.append("import java.util.ArrayList;\n");
    b.append("import java.util.List;\n");
    b.append("final class User {\n");
    b.append("  static float run(Tok tok, Tok model) {\n");
    for (String line : lines) {
      b.append("    ").append(line).append("\n");
    }
    b.append("  }\n");
    b.append("}\n");
    return Compilations.source("test.User", b.toString());
  }

  private static Compilation compile(JavaFileObject... users) {
    JavaFileObject[] all = new JavaFileObject[users.length + 2];
    all[0] = TOK;
    all[1] = GRAPHS;
    System.arraycopy(users, 0, all, 2, users.length);
    return Compilations.compile(all);
  }

  /** {@code -Xlint:all} without {@code -Werror}, to see a warning as a warning. */
  private static Compilation javacWithoutWerror(JavaFileObject user) {
    return com.google.testing.compile.Compiler.javac()
        .withProcessors(new GraphProcessor())
        .withOptions("-Xlint:all,-processing")
        .compile(TOK, GRAPHS, user);
  }

  private static void assertOnlyError(Compilation c, String id, JavaFileObject file, int line) {
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining(id).inFile(file).onLine(line);
    assertEquals(0, count(c, Diagnostic.Kind.WARNING), Compilations.describe(c));
  }

  private static long count(Compilation c, Diagnostic.Kind kind) {
    return c.diagnostics().stream().filter(d -> d.getKind() == kind).count();
  }

  private static void assertClean(Compilation c) {
    assertThat(c).succeeded();
    assertEquals(0, c.diagnostics().size(), Compilations.describe(c));
  }

  // ------------------------------------------------------------------ get twice

  @Test
  void getTwiceOnTheSameRef() {
    JavaFileObject u = user(
        "try (ScoringGraph g = ScoringGraph.compile(tok, model)) {",
        "  ScoringGraph.Ref r = g.execute(\"a\");",
        "  float first = r.get();",
        "  return first + r.get();",
        "}");
    Compilation c = compile(u);
    assertOnlyError(c, Messages.REF_READ_TWICE, u, 10);
    assertThat(c).hadErrorContaining("r.get() is called a second time on the same Ref");
  }

  @Test
  void getInALoopOnARefDeclaredOutsideIt() {
    JavaFileObject u = user(
        "try (ScoringGraph g = ScoringGraph.compile(tok, model)) {",
        "  ScoringGraph.Ref r = g.execute(\"a\");",
        "  float sum = 0;",
        "  for (int i = 0; i < 3; i++) {",
        "    sum += r.get();",
        "  }",
        "  return sum;",
        "}");
    Compilation c = compile(u);
    assertOnlyError(c, Messages.REF_READ_TWICE, u, 11);
    assertThat(c).hadErrorContaining("runs in every iteration of this loop, but r is declared outside it");
  }

  // ------------------------------------------------------------------ capacity

  @Test
  void moreUnreadResultsThanThePipelineAndTheBufferHoldWithNoGetBetween() {
    // maxInflight = 2 in the pipeline plus the default 1000 buffered results: the 1003rd execute fails.
    List<String> lines = new ArrayList<>();
    lines.add("try (ScoringGraph g = ScoringGraph.compile(tok, model)) {");
    StringBuilder sum = new StringBuilder("  return 0");
    for (int i = 0; i < 1003; i++) {
      lines.add("  ScoringGraph.Ref r" + i + " = g.execute(\"a\");");
      sum.append(" + r").append(i).append(".get()");
    }
    lines.add(sum + ";");
    lines.add("}");
    JavaFileObject u = user(lines.toArray(new String[0]));
    Compilation c = compile(u);
    assertOnlyError(c, Messages.TOO_MANY_IN_FLIGHT, u, 8 + 1002);
    assertThat(c).hadErrorContaining("g.execute(...) would leave 1003 results unread, but ScoringGraph keeps at most"
        + " maxInflight = 2 (its @Graph value) in the pipeline plus maxBufferedResults = 1000 (the default) that have"
        + " arrived, and 1002 Refs (r0, r1, r2, ...) are not read yet");
  }

  @Test
  void unreadResultsThatFitTheBufferAreFine() {
    JavaFileObject u = user(
        "try (ScoringGraph g = ScoringGraph.compile(tok, model)) {",
        "  ScoringGraph.Ref a = g.execute(\"a\");",
        "  ScoringGraph.Ref b = g.execute(\"b\");",
        "  ScoringGraph.Ref c = g.execute(\"c\");",
        "  return a.get() + b.get() + c.get();",
        "}");
    assertClean(compile(u));
  }

  @Test
  void theCheckersDefaultBufferIsTheRuntimes() {
    assertEquals(io.cgraph.runtime.GraphOptions.DEFAULT_MAX_BUFFERED_RESULTS, RuntimeTypes.DEFAULT_MAX_BUFFERED_RESULTS);
    assertEquals(io.cgraph.runtime.GraphOptions.MAX_INFLIGHT_LIMIT, RuntimeTypes.MAX_INFLIGHT_LIMIT);
  }

  // ------------------------------------------------------------------ use after close

  @Test
  void useOfAGraphAfterClose() {
    JavaFileObject u = user(
        "ScoringGraph g = ScoringGraph.compile(tok, model);",
        "float x = g.execute(\"a\").get();",
        "g.close();",
        "return x + g.execute(\"b\").get();");
    Compilation c = compile(u);
    assertOnlyError(c, Messages.USE_AFTER_CLOSE, u, 10);
    assertThat(c).hadErrorContaining("g.execute(...) is called after g.close()");
  }

  // ------------------------------------------------------------------ actor in use (a warning)

  @Test
  void graphMethodCalledOnAnActorHeldByAnOpenGraphWarns() {
    JavaFileObject u = user(
        "try (ScoringGraph g = ScoringGraph.compile(tok, model)) {",
        "  int[] direct = tok.encode(\"x\");",
        "  return g.execute(\"a\").get() + direct.length;",
        "}");
    Compilation c = javacWithoutWerror(u);
    assertThat(c).succeeded();
    assertEquals(1, count(c, Diagnostic.Kind.WARNING), Compilations.describe(c));
    assertThat(c).hadWarningContaining(Messages.ACTOR_IN_USE).inFile(u).onLine(8);
    assertThat(c).hadWarningContaining("actor tok was handed to graph g, which is still open");
  }

  @Test
  void actorCallAfterTheGraphIsClosedIsFine() {
    JavaFileObject u = user(
        "float x;",
        "try (ScoringGraph g = ScoringGraph.compile(tok, model)) {",
        "  x = g.execute(\"a\").get();",
        "}",
        "return x + tok.encode(\"x\").length;");
    assertClean(compile(u));
  }

  @Test
  void theWarningFailsWerrorBuildsOnlyOnRealMisuse() {
    JavaFileObject u = user(
        "ScoringGraph g = ScoringGraph.compile(tok, model);",
        "float x = model.score(tok.encode(\"x\"));",
        "g.close();",
        "return x;");
    Compilation c = compile(u); // -Werror
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1); // javac's "warnings found and -Werror specified"
    assertThat(c).hadWarningContaining("actor tok was handed to graph g").inFile(u).onLine(8);
    assertThat(c).hadWarningContaining("actor model was handed to graph g").inFile(u).onLine(8);
    assertEquals(2, count(c, Diagnostic.Kind.WARNING), Compilations.describe(c));
  }

  // ------------------------------------------------------------------ suppression, once per finding

  @Test
  void suppressWarningsCgraphOnTheMethodOrClassSilencesFindings() {
    JavaFileObject onMethod = Compilations.source("test.User", """
        package test;
        final class User {
          @SuppressWarnings("cgraph")
          static float run(Tok tok, Tok model) {
            try (ScoringGraph g = ScoringGraph.compile(tok, model)) {
              ScoringGraph.Ref r = g.execute("a");
              return r.get() + r.get();
            }
          }
        }
        """);
    assertClean(compile(onMethod));
    JavaFileObject onClass = Compilations.source("test.User", """
        package test;
        @SuppressWarnings({"unused", "cgraph"})
        final class User {
          static float run(Tok tok, Tok model) {
            try (ScoringGraph g = ScoringGraph.compile(tok, model)) {
              ScoringGraph.Ref r = g.execute("a");
              Runnable later = () -> { };
              return r.get() + r.get();
            }
          }
        }
        """);
    assertClean(compile(onClass));
  }

  @Test
  void findingsInSeveralTopLevelClassesOfOneFileAreReportedOnceEach() {
    JavaFileObject u = Compilations.source("test.User", """
        package test;
        final class User {
          static float run(ScoringGraph.Ref r) {
            return r.get() + r.get();
          }
        }
        final class Other {
          static float run(ScoringGraph.Ref r) {
            float a = r.get();
            return a + r.get();
          }
          static final class Nested {
            static float run(ScoringGraph.Ref r) {
              return r.get() * r.get();
            }
          }
        }
        """);
    Compilation c = compile(u);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(3);
    assertThat(c).hadErrorContaining(Messages.REF_READ_TWICE).inFile(u).onLine(4);
    assertThat(c).hadErrorContaining(Messages.REF_READ_TWICE).inFile(u).onLine(10);
    assertThat(c).hadErrorContaining(Messages.REF_READ_TWICE).inFile(u).onLine(14);
  }

  // ------------------------------------------------------------------ valid programs: no diagnostic at all

  @Test
  void refsKeptInAList() {
    JavaFileObject u = user(
        "try (ScoringGraph g = ScoringGraph.compile(tok, model)) {",
        "  List<ScoringGraph.Ref> refs = new ArrayList<>();",
        "  refs.add(g.execute(\"a\"));",
        "  refs.add(g.execute(\"b\"));",
        "  float sum = 0;",
        "  for (ScoringGraph.Ref r : refs) {",
        "    sum += r.get();",
        "  }",
        "  return sum;",
        "}");
    assertClean(compile(u));
  }

  @Test
  void refsReadInADifferentOrder() {
    JavaFileObject u = user(
        "try (ScoringGraph g = ScoringGraph.compile(tok, model)) {",
        "  ScoringGraph.Ref a = g.execute(\"a\");",
        "  ScoringGraph.Ref b = g.execute(\"b\");",
        "  float y = b.get();",
        "  return a.get() + y;",
        "}");
    assertClean(compile(u));
  }

  @Test
  void maxInflightExecutesThenGetsThenMore() {
    JavaFileObject u = user(
        "try (ScoringGraph g = ScoringGraph.compile(tok, model)) {",
        "  ScoringGraph.Ref a = g.execute(\"a\");",
        "  ScoringGraph.Ref b = g.execute(\"b\");",
        "  float sum = a.get();",
        "  ScoringGraph.Ref c = g.execute(\"c\");",
        "  sum += b.get() + c.get();",
        "  ScoringGraph.Ref d = g.execute(\"d\");",
        "  ScoringGraph.Ref e = g.execute(\"e\");",
        "  return sum + d.get() + e.get();",
        "}");
    assertClean(compile(u));
  }

  @Test
  void refsReadInALoopWhereEachIterationExecutesItsOwn() {
    JavaFileObject u = user(
        "try (ScoringGraph g = ScoringGraph.compile(tok, model)) {",
        "  float sum = 0;",
        "  for (int i = 0; i < 10; i++) {",
        "    ScoringGraph.Ref r = g.execute(\"x\" + i);",
        "    sum += r.get();",
        "  }",
        "  return sum;",
        "}");
    assertClean(compile(u));
  }

  @Test
  void moreExecutesThanTheGraphDefaultWhenOptionsMayRaiseTheLimit() {
    JavaFileObject u = user(
        "GraphOptions options = GraphOptions.defaults().withMaxInflight(8);",
        "try (ScoringGraph g = ScoringGraph.compile(tok, model, options)) {",
        "  ScoringGraph.Ref a = g.execute(\"a\");",
        "  ScoringGraph.Ref b = g.execute(\"b\");",
        "  ScoringGraph.Ref c = g.execute(\"c\");",
        "  return a.get() + b.get() + c.get();",
        "}");
    assertClean(compile(u));
  }

  @Test
  void getAfterAGetInOneBranchOnlyAndARetryAfterATimeout() {
    JavaFileObject u = user(
        "try (ScoringGraph g = ScoringGraph.compile(tok, model)) {",
        "  ScoringGraph.Ref r = g.execute(\"a\");",
        "  float x = 0;",
        "  if (tok.hashCode() > 0) {",
        "    x = r.get();",
        "  } else {",
        "    x += r.get();",
        "  }",
        "  ScoringGraph.Ref s = g.execute(\"b\");",
        "  while (true) {",
        "    try {",
        "      x += s.get(java.time.Duration.ofSeconds(1));",
        "      break;",
        "    } catch (io.cgraph.runtime.ChannelTimeoutException e) {",
        "      x -= 1;",
        "    }",
        "  }",
        "  r = g.execute(\"c\");",
        "  return x + r.get();",
        "}");
    assertClean(compile(u));
  }
}
