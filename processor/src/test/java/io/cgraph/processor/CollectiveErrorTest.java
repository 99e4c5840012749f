package io.cgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The compile-time rules of collectives (issue #16), one test each: the message ID, the line the
 * user must change, what the message says, and the number of errors.
 */
class CollectiveErrorTest {
  private static final JavaFileObject VEC = Compilations.source("test.Vec", """
      package test;
      import io.cgraph.annotations.*;
      @Actor
      public class Vec {
        @GraphMethod public float[] make(String s) { return new float[0]; }
        @GraphMethod public double[] wide(String s) { return new double[0]; }
        @GraphMethod public String[] words(String s) { return new String[0]; }
        @GraphMethod public long use(float[] v) { return 0; }
        @GraphMethod public long first(float v) { return 0; }
        @GraphMethod public long add(long a, long b) { return a + b; }
      }
      """);

  /** A graph file: the signature is on line 5, body line k (from 0) on line 6 + k. */
  private static JavaFileObject graph(String signature, String... body) {
    return graphImporting("", signature, body);
  }

  /** As {@link #graph}, with one more import line (so one line later) when {@code imports} is not empty. */
  private static JavaFileObject graphImporting(String imports, String signature, String... body) {
    StringBuilder b = new StringBuilder();
    b.append("package test;\n");
    b.append("import io.cgraph.annotations.*;\n");
    b.append(imports);
    b.append("final class G {\n");
    b.append("  @Graph\n");
    b.append("  ").append(signature).append(" {\n");
    for (String line : body) {
      b.append("    ").append(line).append("\n");
    }
    b.append("  }\n");
    b.append("}\n");
    return Compilations.source("test.G", b.toString());
  }

  private static Compilation compile(JavaFileObject graph) {
    return Compilations.compile(List.of(VEC, graph));
  }

  private static void assertOnlyError(Compilation c, JavaFileObject file, int line, String text) {
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining(Messages.BAD_COLLECTIVE).inFile(file).onLine(line);
    assertThat(c).hadErrorContaining(text);
  }

  @Test
  void aValidCollectiveCompilesWithoutWarnings() {
    Compilation c = compile(graph("static long f(String s, Vec a, Vec b)",
        "float[] x = a.make(s);",
        "float[] y = b.make(s);",
        "float[] sum = Collectives.allReduce(ReduceOp.SUM, x, y);",
        "long p = a.use(sum);",
        "long q = b.use(sum);",
        "return a.add(p, q);"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void anActorThatIsNotAParticipantMayNotReadTheResult() {
    JavaFileObject g = graph("static long f(String s, Vec a, Vec b, Vec c)",
        "float[] x = a.make(s);",
        "float[] y = b.make(s);",
        "float[] sum = Collectives.allReduce(ReduceOp.SUM, x, y);",
        "long p = a.use(sum);",
        "long q = b.use(sum);",
        "long r = c.use(sum);",
        "long pq = a.add(p, q);",
        "return a.add(pq, r);");
    assertOnlyError(compile(g), g, 11, "r = c.use(sum) reads sum, the result of a collective in which c does not"
        + " take part; only participants get a copy — add a value of c to the collective, or pass c a participant's"
        + " result");
  }

  @Test
  void everyParticipantReadsTheResult() {
    JavaFileObject g = graph("static long f(String s, Vec a, Vec b)",
        "float[] x = a.make(s);",
        "float[] y = b.make(s);",
        "float[] sum = Collectives.allGather(x, y);",
        "return a.use(sum);");
    assertOnlyError(compile(g), g, 8, "participant b never reads sum, the result of its collective; every"
        + " participant gets its own copy — pass sum to a later call on b, or leave b out of the collective");
  }

  @Test
  void participantsAreDistinctActors() {
    JavaFileObject g = graph("static long f(String s, Vec a)",
        "float[] x = a.make(s);",
        "float[] y = a.make(s);",
        "float[] sum = Collectives.allReduce(ReduceOp.MAX, x, y);",
        "return a.use(sum);");
    assertOnlyError(compile(g), g, 8, "x and y both belong to actor a; the participants of a collective must be"
        + " distinct actors");
  }

  @Test
  void theOpIsAReduceOpConstant() {
    JavaFileObject g = graph("static long f(String s, Vec a, Vec b)",
        "float[] x = a.make(s);",
        "float[] y = b.make(s);",
        "float[] sum = Collectives.allReduce(ReduceOp.valueOf(s), x, y);",
        "long p = a.use(sum);",
        "long q = b.use(sum);",
        "return a.add(p, q);");
    assertOnlyError(compile(g), g, 8, "the first argument of Collectives.allReduce(...) must"
        + " be a ReduceOp constant (ReduceOp.SUM, PRODUCT, MIN or MAX)");
  }

  @Test
  void anOperandIsALocalBoundByACall() {
    JavaFileObject g = graph("static long f(String s, float[] v, Vec a, Vec b)",
        "float[] x = a.make(s);",
        "float[] sum = Collectives.allGather(x, v);",
        "long p = a.use(sum);",
        "return b.use(x);");
    assertOnlyError(compile(g), g, 7, "operand 2 of Collectives.allGather(...) is input parameter v; an operand"
        + " must be a local bound by a call on an actor");
  }

  @Test
  void operandsHaveOneElementType() {
    JavaFileObject g = graph("static long f(String s, Vec a, Vec b)",
        "float[] x = a.make(s);",
        "double[] y = b.wide(s);",
        "float[] sum = Collectives.allGather(x, y);",
        "long p = a.use(sum);",
        "return b.use(sum);");
    Compilation c = compile(g);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining(Messages.BAD_COLLECTIVE + " Collectives.allGather(...): x is float[] but y is"
        + " double[]; all operands of a collective have one element type").inFile(g).onLine(8);
  }

  @Test
  void operandsArePrimitiveArraysOfTheSupportedTypes() {
    JavaFileObject g = graph("static long f(String s, Vec a, Vec b)",
        "String[] x = a.words(s);",
        "String[] y = b.words(s);",
        "String[] all = Collectives.allGather(x, y);",
        "return a.add(1L, 2L);");
    Compilation c = compile(g);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining(Messages.BAD_COLLECTIVE + " Collectives.allGather(...): x is String[];"
        + " a collective's operands are float[], double[], int[] or long[]").inFile(g).onLine(8);
  }

  @Test
  void aCollectiveNeedsTwoParticipants() {
    JavaFileObject g = graph("static long f(String s, Vec a)",
        "float[] x = a.make(s);",
        "float[] all = Collectives.allGather(x);",
        "return a.use(all);");
    assertOnlyError(compile(g), g, 7, "Collectives.allGather(...) has 1 participant; a collective needs at least two");
  }

  @Test
  void theGraphDoesNotReturnACollectiveResult() {
    JavaFileObject g = graph("static float[] f(String s, Vec a, Vec b)",
        "float[] x = a.make(s);",
        "float[] y = b.make(s);",
        "float[] sum = Collectives.allReduce(ReduceOp.SUM, x, y);",
        "long p = a.use(sum);",
        "long q = b.use(sum);",
        "return sum;");
    Compilation c = compile(g);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining(Messages.BAD_COLLECTIVE + " the graph returns sum, the result of a collective,"
        + " which each participant holds a copy of").inFile(g).onLine(11);
  }

  @Test
  void eachParticipantReadsItsOwnShare() {
    JavaFileObject g = graph("static long f(String s, Vec a, Vec b)",
        "float[] x = a.make(s);",
        "float[] y = b.make(s);",
        "float[][] shares = Collectives.reduceScatter(ReduceOp.SUM, x, y);",
        "long p = a.use(shares[1]);",
        "long q = b.use(shares[1]);",
        "return a.add(p, q);");
    assertOnlyError(compile(g), g, 9, "p = a.use(shares[1]) reads shares[1] on a, whose share is shares[0]; each"
        + " participant of a reduceScatter reads its own share");
  }

  @Test
  void sharesAreReadOneByOne() {
    JavaFileObject g = graph("static long f(String s, Vec a, Vec b)",
        "float[] x = a.make(s);",
        "float[] y = b.make(s);",
        "float[][] shares = Collectives.reduceScatter(ReduceOp.SUM, x, y);",
        "long p = a.use(shares[0]);",
        "long q = b.use(shares);",
        "return a.add(p, q);");
    assertOnlyError(compile(g), g, 10, "q = b.use(shares) reads shares, the shares of a reduceScatter, whole; each"
        + " participant reads its own share — pass shares[i], i its position among the operands");
  }

  @Test
  void onlyAReduceScattersSharesAreIndexed() {
    JavaFileObject g = graph("static long f(String s, Vec a)",
        "float[] x = a.make(s);",
        "return a.first(x[0]);");
    assertOnlyError(compile(g), g, 7, "x[0] indexes x, which is not the result of Collectives.reduceScatter");
  }

  @Test
  void aBroadcastNamesItsReceiversAsActors() {
    JavaFileObject g = graph("static long f(String s, Vec a, Vec b)",
        "float[] x = a.make(s);",
        "float[] copy = Collectives.broadcast(x, b, s);",
        "long p = a.use(copy);",
        "return b.use(copy);");
    assertOnlyError(compile(g), g, 7, "receiver 2 of Collectives.broadcast(...) is an expression s (identifier); after the"
        + " root's value, broadcast names the actor parameters that receive it — pass an actor parameter");
  }

  /**
   * Stand-ins for the gpu-runtime's types, which the processor knows by name only (a valid tensor
   * graph is compiled and run in graph-tests' DeviceCollectivesTest).
   */
  private static final JavaFileObject TENSOR = Compilations.source("io.cgraph.gpu.DeviceTensor", """
      package io.cgraph.gpu;
      public final class DeviceTensor implements AutoCloseable {
        @Override public void close() {}
      }
      """);

  private static final JavaFileObject DEVICE_COLLECTIVES = Compilations.source("io.cgraph.gpu.DeviceCollectives", """
      package io.cgraph.gpu;
      import io.cgraph.annotations.ReduceOp;
      public final class DeviceCollectives {
        public static DeviceTensor allReduce(ReduceOp op, DeviceTensor... parts) { return null; }
        public static float[] allGather(float[]... parts) { return null; }
      }
      """);

  private static final JavaFileObject TENSORS = Compilations.source("test.Ten", """
      package test;
      import io.cgraph.annotations.*;
      import io.cgraph.gpu.DeviceTensor;
      @Actor
      public class Ten {
        @GraphMethod public DeviceTensor make(String s) { return null; }
        @GraphMethod public float[] floats(String s) { return null; }
        @GraphMethod public long use(DeviceTensor t) { return 0; }
        @GraphMethod public long useFloats(float[] t) { return 0; }
        @GraphMethod public long add(long a, long b) { return a + b; }
      }
      """);

  private static JavaFileObject tensorGraph(String signature, String... body) {
    return graphImporting("import io.cgraph.gpu.*;\n", signature, body);
  }

  @Test
  void aTensorOperandIsConsumedByItsCollective() {
    JavaFileObject g = tensorGraph("static long f(String s, Ten a, Ten b)",
        "DeviceTensor x = a.make(s);",
        "DeviceTensor y = b.make(s);",
        "DeviceTensor sum = DeviceCollectives.allReduce(ReduceOp.SUM, x, y);",
        "long p = a.use(sum);",
        "long q = b.use(x);",
        "long r = b.use(sum);",
        "long pq = a.add(p, q);",
        "return a.add(pq, r);");
    Compilation c = Compilations.compile(List.of(TENSOR, DEVICE_COLLECTIVES, TENSORS, g));
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining(Messages.BAD_COLLECTIVE + " q = b.use(x) reads x, a DeviceTensor operand of a"
        + " collective, which consumes (closes) it").inFile(g).onLine(11);
  }

  @Test
  void deviceCollectivesTakeTensorsAndCollectivesArrays() {
    JavaFileObject g = tensorGraph("static long f(String s, Ten a, Ten b)",
        "float[] x = a.floats(s);",
        "float[] y = b.floats(s);",
        "float[] all = DeviceCollectives.allGather(x, y);",
        "long p = a.useFloats(all);",
        "return b.useFloats(all);");
    Compilation c = Compilations.compile(List.of(TENSOR, DEVICE_COLLECTIVES, TENSORS, g));
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining(Messages.BAD_COLLECTIVE + " DeviceCollectives.allGather(...): x is float[];"
        + " the operands of DeviceCollectives are DeviceTensors — use Collectives for arrays").inFile(g).onLine(9);
  }

  @Test
  void anUnknownCollective() {
    JavaFileObject g = graph("static long f(String s, Vec a, Vec b)",
        "float[] x = a.make(s);",
        "float[] y = b.make(s);",
        "float[] all = Collectives.allToAll(x, y);",
        "long p = a.use(all);",
        "return b.use(all);");
    Compilation c = compile(g);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining(Messages.BAD_COLLECTIVE + " Collectives.allToAll is not a collective — use"
        + " allReduce, allGather, reduceScatter or broadcast").inFile(g).onLine(8);
  }
}
