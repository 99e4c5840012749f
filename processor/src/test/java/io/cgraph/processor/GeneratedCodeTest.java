package io.cgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** Generated code compiles cleanly, loads, and agrees with its DOT resource; deferral across rounds works. */
class GeneratedCodeTest {
  @Test
  void generatedClassesLoadAndToDotEqualsTheResource() throws Exception {
    Compilation c = Compilations.compile(Compilations.resourceSources("golden/shapes"));
    assertThat(c).succeededWithoutWarnings();
    ClassLoader loader = new CompiledClasses(c);
    for (String graph : List.of("Shapes", "MeasureGraph")) {
      Class<?> type = loader.loadClass("golden.shapes." + graph);
      String dot = (String) type.getMethod("toDot").invoke(null);
      JavaFileObject resource = c.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/cgraph/" + graph + ".dot")
          .orElseThrow(() -> new AssertionError("no DOT resource for " + graph));
      assertEquals(dot, resource.getCharContent(true).toString());
      assertTrue(dot.startsWith("digraph " + graph + " {\n"), dot);
    }
  }

  @Test
  void toDotShowsEachActorAsAClusterOfItsCalls() throws Exception {
    JavaFileObject source = Compilations.source("test.G", """
        package test;
        import io.cgraph.annotations.*;
        final class G {
          @Actor
          public static class Adder {
            @GraphMethod public int add(int x, int y) { return x + y; }
          }
          @Graph
          static int sum(int x, Adder left, Adder my$right) {
            int a = left.add(x, 1);
            int b = my$right.add(a, 2);
            return left.add(b, 3);
          }
        }
        """);
    Compilation c = Compilations.compile(source);
    assertThat(c).succeededWithoutWarnings();
    String dot = (String) new CompiledClasses(c).loadClass("test.SumGraph").getMethod("toDot").invoke(null);
    assertEquals("""
        digraph SumGraph {
          rankdir=LR;
          input [shape=box, label="input\\n(x)"];
          output [shape=box, label="output\\nint"];
          subgraph cluster_left {
            label="left: Adder";
            c0 [label="a = left.add(x, 1)"];
            c2 [label="return left.add(b, 3)"];
          }
          subgraph "cluster_my$right" {
            label="my$right: Adder";
            c1 [label="b = my$right.add(a, 2)"];
          }
          input -> c0;
          c0 -> c1;
          c1 -> c2;
          c2 -> output;
        }
        """, dot);
  }

  @Test
  void classDeclaringTheGraphMayUseTheGeneratedClass() {
    JavaFileObject source = Compilations.source("test.G", """
        package test;
        import io.cgraph.annotations.*;
        final class G {
          @Actor
          public static class Tok {
            @GraphMethod public int[] encode(String text) { return new int[text.length()]; }
            @GraphMethod public float score(int[] tokens) { return tokens.length; }
          }
          @Graph
          static float scoring(String text, Tok tok, Tok model) {
            int[] tokens = tok.encode(text);
            return model.score(tokens);
          }
          static float run(Tok tok, Tok model) {
            try (ScoringGraph graph = ScoringGraph.compile(tok, model)) {
              ScoringGraph.Ref ref = graph.execute("abc");
              return ref.get();
            }
          }
        }
        """);
    assertThat(Compilations.compile(source)).succeededWithoutWarnings();
  }

  @Test
  void graphUsingATypeGeneratedInALaterRoundIsDeferred() {
    JavaFileObject actor = Compilations.source("test.Echo", """
        package test;
        import io.cgraph.annotations.*;
        @Actor
        public class Echo {
          @GraphMethod public Late echo(Late late) { return late; }
        }
        """);
    JavaFileObject graph = Compilations.source("test.G", """
        package test;
        import io.cgraph.annotations.*;
        final class G {
          @Graph
          static Late f(Late in, Echo a, Echo b) {
            Late x = a.echo(in);
            return b.echo(x);
          }
        }
        """);
    Compilation c = com.google.testing.compile.Compiler.javac()
        .withProcessors(new GraphProcessor(), new LateTypeProcessor())
        .withOptions("-Xlint:all,-processing", "-Werror")
        .compile(actor, graph);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("test.FGraph");
  }

  @Test
  void missingTypeIsReportedOnceProcessingIsOver() {
    JavaFileObject graph = Compilations.source("test.G", """
        package test;
        import io.cgraph.annotations.*;
        final class G {
          @Graph
          static int f(Nowhere in, Tok tok) {
            return tok.size(in);
          }
        }
        """);
    JavaFileObject actor = Compilations.source("test.Tok", """
        package test;
        import io.cgraph.annotations.*;
        @Actor
        public class Tok {
          @GraphMethod public int size(String s) { return s.length(); }
        }
        """);
    Compilation c = Compilations.compile(graph, actor);
    assertThat(c).failed();
    // javac reports the symbol after processing; the processor says which graph it held back
    assertThat(c).hadErrorCount(2);
    assertThat(c).hadErrorContaining("cannot find symbol").inFile(graph).onLine(5);
    assertThat(c).hadErrorContaining(Messages.MISSING_TYPE + " graph test.G.f refers to Nowhere")
        .inFile(graph).onLine(5);
  }

  /** Generates {@code test.Late} in the first round, as another processor might. */
  static final class LateTypeProcessor extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        try (var w = processingEnv.getFiler().createSourceFile("test.Late").openWriter()) {
          w.write("package test;\npublic record Late(String text, int n) {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  /** Loads the classes of a compilation; everything else from the test class path (the runtime). */
  static final class CompiledClasses extends ClassLoader {
    private final Map<String, byte[]> classes = new HashMap<>();

    CompiledClasses(Compilation c) throws IOException {
      super(GeneratedCodeTest.class.getClassLoader());
      for (JavaFileObject f : c.generatedFiles()) {
        if (f.getKind() == JavaFileObject.Kind.CLASS) {
          String path = f.toUri().getPath();
          String name = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(),
              path.length() - ".class".length()).replace('/', '.');
          try (InputStream in = f.openInputStream()) {
            classes.put(name, in.readAllBytes());
          }
        }
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
