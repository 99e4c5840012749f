package io.cgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One test per rule: the exact message ID, the file and line where the user must act, and the
 * number of errors (a test that accepts any failure proves nothing).
 */
class ErrorTest {
  /** Actors and types the graphs below use. */
  private static final JavaFileObject TOK = Compilations.source("test.Tok", """
      package test;
      import io.cgraph.annotations.*;
      @Actor
      public class Tok {
        @GraphMethod public int[] encode(String text) { return new int[0]; }
        @GraphMethod public float score(int[] tokens) { return 0; }
        @GraphMethod public Stamped stamp(String s) { return null; }
        @GraphMethod public long count(Stamped s) { return 0; }
        @GraphMethod public java.util.Date when(String s) { return null; }
        @GraphMethod public long millis(java.util.Date d) { return 0; }
        @GraphMethod public Pair pair(String s) { return null; }
        public int helper(String s) { return 0; }
      }
      """);

  private static final JavaFileObject STAMPED = Compilations.source("test.Stamped", """
      package test;
      public record Stamped(String id, java.util.Date placedAt) {}
      """);

  private static final JavaFileObject PAIR = Compilations.source("test.Pair", """
      package test;
      public record Pair(float score, String text) {}
      """);

  /** A graph file: the signature is on line 5, body line k (from 0) on line 6 + k. */
  private static JavaFileObject annotatedGraph(String annotation, String signature, String... body) {
    StringBuilder b = new StringBuilder();
    b.append("package test;\n");
    b.append("import io.cgraph.annotations.*;\n");
    b.append("final class G {\n");
    b.append("  ").append(annotation).append("\n");
    b.append("  ").append(signature).append(" {\n");
    for (String line : body) {
      b.append("    ").append(line).append("\n");
    }
    b.append("  }\n");
    b.append("}\n");
    return Compilations.source("test.G", b.toString());
  }

  private static JavaFileObject graph(String signature, String... body) {
    return annotatedGraph("@Graph", signature, body);
  }

  private static Compilation compile(JavaFileObject... files) {
    List<JavaFileObject> all = new ArrayList<>(List.of(TOK, STAMPED, PAIR));
    all.addAll(Arrays.asList(files));
    return Compilations.compile(all);
  }

  private static void assertErrors(Compilation c, int count) {
    assertThat(c).failed();
    assertThat(c).hadErrorCount(count);
  }

  private static void assertError(Compilation c, String id, JavaFileObject file, int line) {
    assertThat(c).hadErrorContaining(id).inFile(file).onLine(line);
  }

  // ------------------------------------------------------------------ straight-line bodies

  @Test
  void ifStatementIsNotStraightLine() {
    JavaFileObject g = graph("static float f(String text, Tok tok)",
        "int[] tokens = tok.encode(text);",
        "if (text.isEmpty()) { return 0; }",
        "return tok.score(tokens);");
    Compilation c = compile(g);
    assertErrors(c, 1);
    assertError(c, Messages.NOT_STRAIGHT_LINE, g, 7);
    assertThat(c).hadErrorContaining("found an if statement");
  }

  @Test
  void loopIsNotStraightLine() {
    JavaFileObject g = graph("static float f(String text, Tok tok)",
        "int[] tokens = tok.encode(text);",
        "for (int i = 0; i < 3; i++) { }",
        "return tok.score(tokens);");
    Compilation c = compile(g);
    assertErrors(c, 1);
    assertError(c, Messages.NOT_STRAIGHT_LINE, g, 7);
  }

  @Test
  void switchIsNotStraightLine() {
    JavaFileObject g = graph("static float f(String text, Tok tok)",
        "int[] tokens = tok.encode(text);",
        "switch (text) { default: break; }",
        "return tok.score(tokens);");
    Compilation c = compile(g);
    assertErrors(c, 1);
    assertError(c, Messages.NOT_STRAIGHT_LINE, g, 7);
    assertThat(c).hadErrorContaining("found a switch statement");
  }

  @Test
  void tryIsNotStraightLine() {
    JavaFileObject g = graph("static float f(String text, Tok tok)",
        "int[] tokens = tok.encode(text);",
        "try { } finally { }",
        "return tok.score(tokens);");
    Compilation c = compile(g);
    assertErrors(c, 1);
    assertError(c, Messages.NOT_STRAIGHT_LINE, g, 7);
    assertThat(c).hadErrorContaining("found a try statement");
  }

  @Test
  void lambdaIsNotStraightLine() {
    JavaFileObject g = graph("static float f(String text, Tok tok)",
        "Runnable r = () -> tok.encode(text);",
        "int[] tokens = tok.encode(text);",
        "return tok.score(tokens);");
    Compilation c = compile(g);
    assertErrors(c, 1);
    assertError(c, Messages.NOT_STRAIGHT_LINE, g, 6);
    assertThat(c).hadErrorContaining("local r must be initialised by a call actor.graphMethod(...); found a lambda");
  }

  @Test
  void newAsAnArgumentIsNotStraightLine() {
    JavaFileObject g = graph("static float f(Tok tok)",
        "float s = tok.score(new int[] {1, 2});",
        "return tok.score(tok.encode(\"x\"));");
    Compilation c = compile(g);
    // the nested call is "any other expression as an argument" too
    assertErrors(c, 2);
    assertError(c, Messages.NOT_STRAIGHT_LINE, g, 6);
    assertError(c, Messages.NOT_STRAIGHT_LINE, g, 7);
    assertThat(c).hadErrorContaining("argument 1 of tok.score(...) is a call tok.encode(...)").inFile(g).onLine(7);
  }

  @Test
  void fieldAccessArgumentIsNotStraightLine() {
    JavaFileObject g = graph("static float f(Tok tok)",
        "int[] tokens = tok.encode(java.io.File.separator);",
        "return tok.score(tokens);");
    Compilation c = compile(g);
    assertErrors(c, 1);
    assertError(c, Messages.NOT_STRAIGHT_LINE, g, 6);
    assertThat(c).hadErrorContaining("argument 1 of tok.encode(...) is a field access java.io.File.separator");
  }

  @Test
  void arithmeticArgumentIsNotStraightLine() {
    JavaFileObject g = graph("static float f(String text, Tok tok)",
        "int[] tokens = tok.encode(text + \"!\");",
        "return tok.score(tokens);");
    Compilation c = compile(g);
    assertErrors(c, 1);
    assertError(c, Messages.NOT_STRAIGHT_LINE, g, 6);
    assertThat(c).hadErrorContaining("argument 1 of tok.encode(...) is arithmetic");
  }

  @Test
  void callOnAnInputIsNotStraightLine() {
    JavaFileObject g = graph("static float f(String text, Tok tok)",
        "String t = text.trim();",
        "int[] tokens = tok.encode(t);",
        "return tok.score(tokens);");
    Compilation c = compile(g);
    // the local t is rejected; its use on line 7 is not reported again
    assertErrors(c, 1);
    assertError(c, Messages.NOT_STRAIGHT_LINE, g, 6);
    assertThat(c).hadErrorContaining("text is not an actor parameter").inFile(g).onLine(6);
  }

  @Test
  void localNotInitialisedByACall() {
    JavaFileObject g = graph("static float f(Tok tok)",
        "int[] tokens = new int[3];",
        "return tok.score(tokens);");
    Compilation c = compile(g);
    assertErrors(c, 1);
    assertThat(c).hadErrorContaining("local tokens must be initialised by a call").inFile(g).onLine(6);
    assertError(c, Messages.NOT_STRAIGHT_LINE, g, 6);
  }

  @Test
  void nullIsNotAConstant() {
    JavaFileObject g = graph("static float f(Tok tok)",
        "int[] tokens = tok.encode(null);",
        "return tok.score(tokens);");
    Compilation c = compile(g);
    assertErrors(c, 1);
    assertError(c, Messages.NOT_STRAIGHT_LINE, g, 6);
  }

  @Test
  void actorPassedAsArgument() {
    JavaFileObject g = graph("static long f(String text, Tok tok, Tok other)",
        "long n = tok.count(other);",
        "return other.millis(tok.when(text));");
    Compilation c = compile(g);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("actor other is passed as an argument").inFile(g).onLine(6);
  }

  @Test
  void statementAfterReturn() {
    JavaFileObject g = graph("static float f(String text, Tok tok)",
        "int[] tokens = tok.encode(text);",
        "return tok.score(tokens);",
        "int[] more = tok.encode(text);");
    Compilation c = compile(g);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("a statement follows the return").inFile(g).onLine(8);
  }

  // ------------------------------------------------------------------ calls

  @Test
  void callOfAMethodThatIsNotAGraphMethod() {
    JavaFileObject g = graph("static int f(String text, Tok tok)",
        "return tok.helper(text);");
    Compilation c = compile(g);
    assertErrors(c, 1);
    assertError(c, Messages.NOT_GRAPH_METHOD, g, 6);
    assertThat(c).hadErrorContaining("Tok.helper is not a @GraphMethod");
  }

  @Test
  void callOfAMissingMethod() {
    JavaFileObject g = graph("static int f(String text, Tok tok)",
        "return tok.nothing(text);");
    Compilation c = compile(g);
    assertErrors(c, 1);
    assertError(c, Messages.NOT_GRAPH_METHOD, g, 6);
    assertThat(c).hadErrorContaining("Tok has no method nothing");
  }

  @Test
  void wrongArgumentCountAndType() {
    JavaFileObject g = graph("static float f(String text, int n, Tok tok)",
        "int[] tokens = tok.encode(text, n);",
        "float s = tok.score(text);",
        "return tok.score(tokens);");
    Compilation c = compile(g);
    // the failed calls are not reported again where tokens and s are used
    assertErrors(c, 2);
    assertError(c, Messages.ARGUMENT_MISMATCH, g, 6);
    assertThat(c).hadErrorContaining("tok.encode(...) takes 1 argument but is given 2").inFile(g).onLine(6);
    assertThat(c).hadErrorContaining("argument 1 of tok.score(...) is a String but the parameter is a int[]")
        .inFile(g).onLine(7);
  }

  @Test
  void localDeclaredWithAnotherType() {
    JavaFileObject g = graph("static float f(String text, Tok tok)",
        "int[] tokens = tok.encode(text);",
        "double s = tok.score(tokens);",
        "return tok.score(tokens);");
    Compilation c = compile(g);
    assertThat(c).failed();
    assertError(c, Messages.TYPE_MISMATCH, g, 7);
    assertThat(c).hadErrorContaining("local s is declared as double but tok.score(...) returns float");
  }

  /** Declares the local as the record component wants, not as the call returns: one error, on the local. */
  @Test
  void wrongLocalTypeInARecordReturnIsReportedOnlyOnTheLocal() {
    JavaFileObject meter = Compilations.source("test.Meter", """
        package test;
        import io.cgraph.annotations.*;
        @Actor
        public class Meter {
          @GraphMethod public double read(String s) { return 0; }
          @GraphMethod public String unit(String s) { return s; }
        }
        """);
    JavaFileObject reading = Compilations.source("test.Reading", """
        package test;
        public record Reading(float value, String unit) {}
        """);
    JavaFileObject g = graph("static Reading f(String text, Meter m)",
        "float v = m.read(text);",
        "String u = m.unit(text);",
        "return new Reading(v, u);");
    Compilation c = compile(meter, reading, g);
    assertErrors(c, 1);
    assertError(c, Messages.TYPE_MISMATCH, g, 6);
    assertThat(c).hadErrorContaining("local v is declared as float but m.read(...) returns double");
  }

  @Test
  void wrongLocalTypeIsNotReportedAgainAtTheReturn() {
    JavaFileObject g = graph("static int f(String text, Tok tok)",
        "int[] tokens = tok.encode(text);",
        "int s = tok.score(tokens);",
        "return s;");
    Compilation c = compile(g);
    assertErrors(c, 1);
    assertError(c, Messages.TYPE_MISMATCH, g, 7);
    assertThat(c).hadErrorContaining("local s is declared as int but tok.score(...) returns float");
  }

  @Test
  void wrongLocalTypeIsNotReportedAgainWhereItIsPassed() {
    JavaFileObject g = graph("static long f(String text, Tok tok)",
        "Stamped s = tok.pair(text);",
        "return tok.count(s);");
    Compilation c = compile(g);
    assertErrors(c, 1);
    assertError(c, Messages.TYPE_MISMATCH, g, 6);
    assertThat(c).hadErrorContaining("local s is declared as Stamped but tok.pair(...) returns Pair");
  }

  // ------------------------------------------------------------------ returns

  @Test
  void returningAnInput() {
    JavaFileObject g = graph("static String f(String text, Tok tok)",
        "int[] tokens = tok.encode(text);",
        "return text;");
    Compilation c = compile(g);
    assertErrors(c, 2);
    assertError(c, Messages.BAD_RETURN, g, 7);
    assertError(c, Messages.UNUSED_RESULT, g, 6);
  }

  @Test
  void recordComponentThatIsAnInput() {
    JavaFileObject g = graph("static Pair f(String text, Tok tok)",
        "int[] tokens = tok.encode(text);",
        "float s = tok.score(tokens);",
        "return new Pair(s, text);");
    Compilation c = compile(g);
    assertErrors(c, 1);
    assertError(c, Messages.BAD_RETURN, g, 8);
    assertThat(c).hadErrorContaining("component text of Pair is an input parameter");
  }

  @Test
  void missingReturn() {
    JavaFileObject g = graph("static void f(String text, Tok tok)",
        "int[] tokens = tok.encode(text);");
    Compilation c = compile(g);
    assertErrors(c, 2);
    assertError(c, Messages.BAD_RETURN, g, 5);
    assertError(c, Messages.UNUSED_RESULT, g, 6);
  }

  // ------------------------------------------------------------------ parameters and results

  @Test
  void unusedInputAndActor() {
    JavaFileObject g = graph("static float f(String text, int unused, Tok tok, Tok idle)",
        "int[] tokens = tok.encode(text);",
        "return tok.score(tokens);");
    Compilation c = compile(g);
    assertErrors(c, 2);
    assertThat(c).hadErrorContaining("input parameter unused is never used").inFile(g).onLine(5);
    assertThat(c).hadErrorContaining("actor parameter idle is never used").inFile(g).onLine(5);
    assertThat(c).hadErrorContaining(Messages.UNUSED_PARAMETER);
  }

  @Test
  void unusedAndDiscardedResults() {
    JavaFileObject g = graph("static float f(String text, Tok tok)",
        "int[] tokens = tok.encode(text);",
        "int[] dead = tok.encode(text);",
        "tok.encode(text);",
        "return tok.score(tokens);");
    Compilation c = compile(g);
    assertErrors(c, 2);
    assertError(c, Messages.UNUSED_RESULT, g, 7);
    assertError(c, Messages.UNUSED_RESULT, g, 8);
  }

  @Test
  void noActor() {
    JavaFileObject g = graph("static int f()",
        "return 1;");
    Compilation c = compile(g);
    assertErrors(c, 2);
    assertError(c, Messages.NO_ACTOR, g, 5);
    assertError(c, Messages.BAD_RETURN, g, 6);
  }

  // ------------------------------------------------------------------ transferable types

  @Test
  void recordWithADateCrossingAChannelNamesThePath() {
    JavaFileObject g = graph("static long f(String text, Tok a, Tok b)",
        "Stamped s = a.stamp(text);",
        "return b.count(s);");
    Compilation c = compile(g);
    assertErrors(c, 1);
    assertError(c, Messages.NOT_TRANSFERABLE, g, 6);
    assertThat(c).hadErrorContaining("Stamped.placedAt: java.util.Date is not transferable");
  }

  private static final JavaFileObject ORDER = Compilations.source("test.Order", """
      package test;
      public record Order(String id, java.util.Date placedAt, java.util.Map<String, Integer> tags,
          java.time.Instant shippedAt, Object note, int count, java.util.UUID key, java.math.BigDecimal price) {}
      """);

  private static final JavaFileObject SHOP = Compilations.source("test.Shop", """
      package test;
      import io.cgraph.annotations.*;
      @Actor
      public class Shop {
        @GraphMethod public Order order(String id) { return null; }
        @GraphMethod public int count(Order o) { return 0; }
      }
      """);

  @Test
  void everyNonTransferableComponentOfARecordIsReportedWithWhatToSendInstead() {
    JavaFileObject g = graph("static int f(String id, Shop a, Shop b)",
        "Order o = a.order(id);",
        "return b.count(o);");
    Compilation c = compile(ORDER, SHOP, g);
    assertErrors(c, 3);
    assertThat(c).hadErrorContaining(Messages.NOT_TRANSFERABLE + " the value o of a.order crosses a channel, but"
        + " Order.placedAt: java.util.Date is not transferable — send a java.time.Instant instead (date.toInstant();"
        + " Date.from(instant) rebuilds it)")
        .inFile(g).onLine(6);
    assertThat(c).hadErrorContaining("Order.tags: java.util.Map<java.lang.String,java.lang.Integer> is not"
        + " transferable — send a List of a record instead").inFile(g).onLine(6);
    assertThat(c).hadErrorContaining("Order.note: java.lang.Object is not transferable — use primitives, their"
        + " boxes, String, enums, primitive arrays, records of transferable components, List of transferable,"
        + " java.nio.ByteBuffer, java.time.Instant, java.time.Duration, java.util.UUID, java.math.BigDecimal, a Chronicle"
        + " BytesMarshallable"
        + " class, or io.cgraph.gpu.DeviceTensor")
        .inFile(g).onLine(6);
  }

  @Test
  void everyNonTransferableComponentOfAnInputIsReported() {
    JavaFileObject g = graph("static int f(Order o, Shop shop)",
        "return shop.count(o);");
    Compilation c = compile(ORDER, SHOP, g);
    assertErrors(c, 3); // Order.shippedAt (Instant), key (UUID) and price (BigDecimal) are transferable
    assertThat(c).hadErrorContaining("input o crosses a channel, but Order.placedAt: java.util.Date")
        .inFile(g).onLine(5);
    assertThat(c).hadErrorContaining("input o crosses a channel, but Order.tags").inFile(g).onLine(5);
    assertThat(c).hadErrorContaining("input o crosses a channel, but Order.note").inFile(g).onLine(5);
  }

  private static final JavaFileObject QUOTES = Compilations.source("test.Quotes", """
      package test;
      import net.openhft.chronicle.bytes.BytesIn;
      import net.openhft.chronicle.bytes.BytesMarshallable;
      import net.openhft.chronicle.bytes.BytesOut;
      public final class Quotes {
        public static class Quote implements BytesMarshallable {
          long bid;
          @Override public void writeMarshallable(BytesOut<?> out) { out.writeLong(bid); }
          @Override public void readMarshallable(BytesIn<?> in) { bid = in.readLong(); }
        }
        public static class Fixed implements BytesMarshallable {
          public Fixed(long bid) {}
        }
        public abstract static class Base implements BytesMarshallable {}
        public class Inner implements BytesMarshallable {}
        public interface Marked extends BytesMarshallable {}
        public static class Checked implements BytesMarshallable {
          public Checked() throws java.io.IOException {}
        }
      }
      """);

  private static final JavaFileObject DESK = Compilations.source("test.Desk", """
      package test;
      import io.cgraph.annotations.*;
      @Actor
      public class Desk {
        @GraphMethod public Quotes.Quote quote(Quotes.Quote q) { return q; }
        @GraphMethod public int fixed(Quotes.Fixed q) { return 0; }
        @GraphMethod public int base(Quotes.Base q) { return 0; }
        @GraphMethod public int inner(Quotes.Inner q) { return 0; }
        @GraphMethod public int marked(Quotes.Marked q) { return 0; }
        @GraphMethod public int checked(Quotes.Checked q) { return 0; }
      }
      """);

  @Test
  void aBytesMarshallableClassWithAPublicNoArgumentConstructorIsTransferable() throws Exception {
    JavaFileObject g = graph("static Quotes.Quote f(Quotes.Quote q, Desk a, Desk b)",
        "Quotes.Quote once = a.quote(q);",
        "return b.quote(once);");
    Compilation c = compile(QUOTES, DESK, g);
    assertThat(c).succeededWithoutWarnings();
    String source = c.generatedSourceFile("test.FGraph").orElseThrow().getCharContent(true).toString();
    assertTrue(source.contains("Marshalled.write(w, v, Quotes.Quote.class);"), source);
    assertTrue(source.contains("return Marshalled.read(r, new Quotes.Quote());"), source);
  }

  @Test
  void aBytesMarshallableMustBeACreatableClass() {
    String instead = " — change that, or send a record of its fields instead";
    String[][] cases = {
        {"Fixed", "fixed", "test.Quotes.Fixed is not transferable (a BytesMarshallable is read into a new instance:"
            + " give it a public no-argument constructor that throws no checked exception)" + instead},
        {"Checked", "checked", "test.Quotes.Checked is not transferable (a BytesMarshallable is read into a new"
            + " instance: give it a public no-argument constructor that throws no checked exception)" + instead},
        {"Base", "base", "test.Quotes.Base is not transferable (an interface or abstract class cannot be created to"
            + " read a value into; use the concrete BytesMarshallable class)" + instead},
        {"Inner", "inner", "test.Quotes.Inner is not transferable (a BytesMarshallable is read into a new instance:"
            + " make it static)" + instead},
        {"Marked", "marked", "test.Quotes.Marked is not transferable (an interface or abstract class"},
    };
    for (String[] k : cases) {
      JavaFileObject g = graph("static int f(Quotes." + k[0] + " q, Desk d)",
          "return d." + k[1] + "(q);");
      Compilation c = compile(QUOTES, DESK, g);
      assertErrors(c, 1);
      assertError(c, Messages.NOT_TRANSFERABLE, g, 5);
      assertThat(c).hadErrorContaining("input q crosses a channel, but " + k[2]);
    }
  }

  @Test
  void aRecordComponentNamedAsAMethodOfObjectIsReportedNotACrash() {
    JavaFileObject timed = Compilations.source("test.Timed", """
        package test;
        public record Timed(long at, java.time.Duration wait) {}
        """);
    JavaFileObject clock = Compilations.source("test.Clock", """
        package test;
        import io.cgraph.annotations.*;
        @Actor
        public class Clock {
          @GraphMethod public long at(Timed t) { return 0; }
        }
        """);
    JavaFileObject g = graph("static long f(Timed t, Clock c)",
        "return c.at(t);");
    Compilation c = compile(timed, clock, g);
    assertErrors(c, 1);
    assertThat(c).hadErrorContaining(Messages.NOT_TRANSFERABLE + " input t crosses a channel, but Timed.wait:"
        + " java.time.Duration is not transferable (the record has no accessor for it: a record component may not be"
        + " named as a method of Object) — rename the component").inFile(g).onLine(5);
  }

  @Test
  void nonTransferableInput() {
    JavaFileObject g = graph("static long f(java.util.Date d, Tok tok)",
        "return tok.millis(d);");
    Compilation c = compile(g);
    assertErrors(c, 1);
    assertError(c, Messages.NOT_TRANSFERABLE, g, 5);
    assertThat(c).hadErrorContaining("input d crosses a channel, but java.util.Date is not transferable");
  }

  @Test
  void typeTheGeneratedClassCannotAccess() {
    JavaFileObject g = Compilations.source("test.G", """
        package test;
        import io.cgraph.annotations.*;
        final class G {
          private record Secret(int x) {}
          @Actor public static class A { @GraphMethod public int size(Secret s) { return s.x(); } }
          @Graph static int f(Secret s, A a) {
            return a.size(s);
          }
        }
        """);
    Compilation c = compile(g);
    assertErrors(c, 1);
    assertError(c, Messages.NOT_ACCESSIBLE, g, 6);
    assertThat(c).hadErrorContaining("input s uses test.G.Secret, which generated code in package test cannot access");
  }

  @Test
  void nonTransferableValueThatStaysInsideOneActorIsFine() {
    JavaFileObject g = graph("static long f(String text, Tok tok)",
        "java.util.Date d = tok.when(text);",
        "return tok.millis(d);");
    assertThat(compile(g)).succeededWithoutWarnings();
  }

  // ------------------------------------------------------------------ the graph method, actors, graph methods

  @Test
  void graphNotStatic() {
    JavaFileObject g = graph("float f(String text, Tok tok)",
        "int[] tokens = tok.encode(text);",
        "return tok.score(tokens);");
    Compilation c = compile(g);
    assertErrors(c, 1);
    assertError(c, Messages.NOT_STATIC, g, 5);
  }

  @Test
  void graphPrivate() {
    JavaFileObject g = graph("private static float f(String text, Tok tok)",
        "int[] tokens = tok.encode(text);",
        "return tok.score(tokens);");
    Compilation c = compile(g);
    assertErrors(c, 1);
    assertError(c, Messages.BAD_GRAPH, g, 5);
    assertThat(c).hadErrorContaining("a @Graph method must not be private");
  }

  @Test
  void graphGeneric() {
    JavaFileObject g = graph("static <T> float f(String text, Tok tok)",
        "int[] tokens = tok.encode(text);",
        "return tok.score(tokens);");
    Compilation c = compile(g);
    assertErrors(c, 1);
    assertError(c, Messages.BAD_GRAPH, g, 5);
  }

  @Test
  void actorClassNotPublic() {
    JavaFileObject actor = Compilations.source("test.Hidden", """
        package test;
        import io.cgraph.annotations.*;
        @Actor
        class Hidden {
          @GraphMethod public int one(int x) { return x; }
        }
        """);
    Compilation c = compile(actor);
    assertErrors(c, 1);
    assertError(c, Messages.BAD_ACTOR_CLASS, actor, 4);
    assertThat(c).hadErrorContaining("@Actor class test.Hidden must be public");
  }

  @Test
  void privateNestedActorIsOneErrorAndTheGeneratedClassCompiles() {
    JavaFileObject g = Compilations.source("test.G", """
        package test;
        import io.cgraph.annotations.*;
        final class G {
          @Actor private static class A { @GraphMethod public int one(int x) { return x; } }
          @Graph
          static int f(int x, A a) {
            return a.one(x);
          }
          static int run() {
            try (FGraph graph = FGraph.compile(new A())) {
              return graph.execute(1).get();
            }
          }
        }
        """);
    Compilation c = compile(g);
    // the graph's (stub) class names no private type, so javac adds no error in generated code
    assertErrors(c, 1);
    assertError(c, Messages.BAD_ACTOR_CLASS, g, 4);
    assertThat(c).hadErrorContaining("@Actor class test.G.A must be public");
  }

  @Test
  void classWithGraphMethodsButNoActorIsOneErrorOnTheParameter() {
    JavaFileObject policy = Compilations.source("test.Policy", """
        package test;
        import io.cgraph.annotations.*;
        public class Policy {
          @GraphMethod public int decide(int x) { return x; }
        }
        """);
    JavaFileObject g = graph("static int f(int x, Policy policy)",
        "return policy.decide(x);");
    Compilation c = compile(policy, g);
    assertErrors(c, 1);
    assertError(c, Messages.NO_ACTOR, g, 5);
    assertThat(c).hadErrorContaining("parameter policy has type test.Policy, which has @GraphMethods but is not an"
        + " @Actor class").inFile(g).onLine(5);
    assertThat(c).hadErrorContaining("add @Actor to Policy");
  }

  @Test
  void classWithoutActorNextToARealActorIsOneErrorToo() {
    JavaFileObject policy = Compilations.source("test.Policy", """
        package test;
        import io.cgraph.annotations.*;
        public class Policy {
          @GraphMethod public float decide(int[] tokens) { return tokens.length; }
        }
        """);
    JavaFileObject g = graph("static float f(String text, Tok tok, Policy policy)",
        "int[] tokens = tok.encode(text);",
        "return policy.decide(tokens);");
    Compilation c = compile(policy, g);
    assertErrors(c, 1);
    assertError(c, Messages.NO_ACTOR, g, 5);
    assertThat(c).hadErrorContaining("add @Actor to Policy");
  }

  @Test
  void bufferBytesNotPositive() {
    JavaFileObject g = annotatedGraph("@Graph(bufferBytes = 0)",
        "static float f(String text, Tok tok)",
        "int[] tokens = tok.encode(text);",
        "return tok.score(tokens);");
    Compilation c = compile(g);
    assertErrors(c, 1);
    assertError(c, Messages.BAD_OPTION, g, 4);
    assertThat(c).hadErrorContaining("bufferBytes must be positive, got 0");
  }

  @Test
  void badActorClass() {
    JavaFileObject actor = Compilations.source("test.Bad", """
        package test;
        import io.cgraph.annotations.*;
        @Actor
        abstract class Bad {
          @GraphMethod public int one(int x) { return x; }
        }
        """);
    Compilation c = compile(actor);
    assertErrors(c, 2);
    assertThat(c).hadErrorContaining("@Actor test.Bad must be a concrete class").inFile(actor).onLine(4);
    assertThat(c).hadErrorContaining("@Actor class test.Bad must be public").inFile(actor).onLine(4);
    assertThat(c).hadErrorContaining(Messages.BAD_ACTOR_CLASS);
  }

  @Test
  void badGraphMethods() {
    JavaFileObject actor = Compilations.source("test.Odd", """
        package test;
        import io.cgraph.annotations.*;
        @Actor
        public class Odd {
          @GraphMethod int hidden(int x) { return x; }
          @GraphMethod public static int shared(int x) { return x; }
          @GraphMethod public <T> int generic(T x) { return 0; }
          @GraphMethod public int twice(int x) { return x; }
          public int twice(long x) { return 0; }
          @GraphMethod public int unsafe(int x) throws Throwable { return x; }
        }
        """);
    Compilation c = compile(actor);
    assertErrors(c, 5);
    assertThat(c).hadErrorContaining("Odd.hidden must be public").inFile(actor).onLine(5);
    assertThat(c).hadErrorContaining("Odd.shared must not be static").inFile(actor).onLine(6);
    assertThat(c).hadErrorContaining("Odd.generic must not be generic").inFile(actor).onLine(7);
    assertThat(c).hadErrorContaining("Odd.twice is overloaded").inFile(actor).onLine(8);
    assertThat(c).hadErrorContaining("declares throws java.lang.Throwable").inFile(actor).onLine(10);
    assertThat(c).hadErrorContaining(Messages.BAD_GRAPH_METHOD);
  }

  @Test
  void graphUsingABadGraphMethodOnlyFails() {
    JavaFileObject actor = Compilations.source("test.Odd", """
        package test;
        import io.cgraph.annotations.*;
        @Actor
        public class Odd {
          @GraphMethod public static int shared(int x) { return x; }
        }
        """);
    JavaFileObject g = graph("static int f(int x, Odd odd)",
        "return odd.shared(x);");
    Compilation c = compile(actor, g);
    assertErrors(c, 1);
    assertError(c, Messages.BAD_GRAPH_METHOD, actor, 5);
  }

  @Test
  void badOptions() {
    JavaFileObject g = annotatedGraph("@Graph(maxInflight = 0, bufferBytes = -1, name = \"not a name\")",
        "static float f(String text, Tok tok)",
        "int[] tokens = tok.encode(text);",
        "return tok.score(tokens);");
    Compilation c = compile(g);
    assertErrors(c, 3);
    assertThat(c).hadErrorContaining("maxInflight must be in 1..65536, got 0").inFile(g).onLine(4);
    assertThat(c).hadErrorContaining("bufferBytes must be positive, got -1").inFile(g).onLine(4);
    assertThat(c).hadErrorContaining("name \"not a name\" is not a valid Java class name").inFile(g).onLine(4);
    assertThat(c).hadErrorContaining(Messages.BAD_OPTION);
  }

  @Test
  void maxInflightAboveTheLimit() {
    JavaFileObject g = annotatedGraph("@Graph(maxInflight = 65537)",
        "static float f(String text, Tok tok)",
        "int[] tokens = tok.encode(text);",
        "return tok.score(tokens);");
    Compilation c = compile(g);
    assertErrors(c, 1);
    assertError(c, Messages.BAD_OPTION, g, 4);
  }

  @Test
  void duplicateGeneratedNames() {
    JavaFileObject g = Compilations.source("test.G", """
        package test;
        import io.cgraph.annotations.*;
        final class G {
          @Graph(name = "Same")
          static float one(String text, Tok tok) {
            int[] tokens = tok.encode(text);
            return tok.score(tokens);
          }
          @Graph(name = "Same")
          static float two(String text, Tok tok) {
            int[] tokens = tok.encode(text);
            return tok.score(tokens);
          }
        }
        """);
    Compilation c = compile(g);
    assertErrors(c, 2);
    assertError(c, Messages.DUPLICATE_NAME, g, 4);
    assertError(c, Messages.DUPLICATE_NAME, g, 9);
  }

  @Test
  void generatedNameOfAnExistingClass() {
    JavaFileObject existing = Compilations.source("test.FGraph", """
        package test;
        final class FGraph {}
        """);
    JavaFileObject g = graph("static float f(String text, Tok tok)",
        "int[] tokens = tok.encode(text);",
        "return tok.score(tokens);");
    Compilation c = compile(existing, g);
    assertErrors(c, 1);
    assertError(c, Messages.DUPLICATE_NAME, g, 4);
  }

  // ------------------------------------------------------------------ every problem, and only the real ones

  @Test
  void everyProblemOfAGraphIsReported() {
    JavaFileObject g = graph("static float f(String text, int unused, Tok tok)",
        "int[] tokens = tok.encode(text);",
        "if (tokens.length == 0) { }",
        "float s = tok.score(tokens);",
        "float dead = tok.score(tokens);",
        "return tok.score(tokens);");
    Compilation c = compile(g);
    assertErrors(c, 4);
    assertError(c, Messages.UNUSED_PARAMETER, g, 5);
    assertError(c, Messages.NOT_STRAIGHT_LINE, g, 7);
    assertError(c, Messages.UNUSED_RESULT, g, 8);
    assertError(c, Messages.UNUSED_RESULT, g, 9);
  }

  @Test
  void invalidGraphStillGetsItsClassSoUsersSeeOnlyTheRealError() {
    JavaFileObject g = graph("static float f(String text, Tok tok)",
        "int[] tokens = tok.encode(text);",
        "if (text.isEmpty()) { }",
        "return tok.score(tokens);");
    JavaFileObject user = Compilations.source("test.User", """
        package test;
        final class User {
          static float run() {
            try (FGraph graph = FGraph.compile(new Tok());
                FGraph placed = FGraph.compile(io.cgraph.runtime.Placement.local(new Tok()),
                    io.cgraph.runtime.GraphOptions.defaults())) {
              FGraph.Ref ref = graph.execute("x");
              io.cgraph.runtime.GraphStats s = placed.stats();
              return ref.get() + graph.executeAsync("y").join() + s.executions() + FGraph.MAX_INFLIGHT;
            }
          }
        }
        """);
    Compilation c = compile(g, user);
    assertErrors(c, 1);
    assertError(c, Messages.NOT_STRAIGHT_LINE, g, 7);
  }

  @Test
  void noWarningsFromAValidGraph() {
    JavaFileObject g = graph("static float f(String text, Tok tok)",
        "int[] tokens = tok.encode(text);",
        "return tok.score(tokens);");
    Compilation c = compile(g);
    assertThat(c).succeededWithoutWarnings();
    assertTrue(c.diagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.MANDATORY_WARNING));
  }
}
