package io.cgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The processor's contract with javac and the user: one catalogue of message IDs, every message
 * once, internal failures as one error, nothing claimed, no warning on valid code, and a defined
 * behaviour where javac's tree API is behind a wrapper or missing.
 */
class ProcessorContractTest {
  private static final JavaFileObject TOK = Compilations.source("test.Tok", """
      package test;
      import io.cgraph.annotations.*;
      @Actor
      public class Tok {
        @GraphMethod public int[] encode(String text) { return new int[text.length()]; }
        @GraphMethod public float score(int[] tokens) { return tokens.length; }
      }
      """);

  private static final JavaFileObject GRAPH = Compilations.source("test.G", """
      package test;
      import io.cgraph.annotations.*;
      final class G {
        @Graph
        static float f(String text, Tok tok) {
          int[] tokens = tok.encode(text);
          return tok.score(tokens);
        }
      }
      """);

  /** Uses the generated class, with one double read (line 6) for the checker. */
  private static final JavaFileObject USER = Compilations.source("test.User", """
      package test;
      final class User {
        static float run(Tok tok) {
          try (FGraph g = FGraph.compile(tok)) {
            FGraph.Ref r = g.execute("a");
            return r.get() + r.get();
          }
        }
      }
      """);

  @Test
  void gradleKnowsTheProcessorIsAggregating() throws Exception {
    try (java.io.InputStream in = GraphProcessor.class.getResourceAsStream(
        "/META-INF/gradle/incremental.annotation.processors")) {
      assertTrue(in != null, "the Gradle declaration is in the processor jar");
      String declared = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
      assertEquals(GraphProcessor.class.getName() + ",aggregating", declared);
    }
  }

  // ------------------------------------------------------------------ the catalogue

  @Test
  void everyDiagnosticMessageStartsWithAnIdOfTheCatalogue() throws Exception {
    Set<String> ids = new HashSet<>();
    for (Field f : Messages.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        String v = (String) f.get(null);
        if (v.startsWith("[")) {
          assertTrue(v.matches("\\[CGraph[A-Za-z]+]"), v);
          assertTrue(ids.add(v), "ID used twice in the catalogue: " + v);
        }
      }
    }
    int checked = 0;
    for (Method m : Messages.class.getDeclaredMethods()) {
      if (!Modifier.isStatic(m.getModifiers()) || m.getReturnType() != String.class || m.isSynthetic()
          || m.getName().equals("graphFailed")) { // graphFailed is the exception text of a stub, not a diagnostic
        continue;
      }
      Object[] args = new Object[m.getParameterCount()];
      for (int i = 0; i < args.length; i++) {
        Class<?> type = m.getParameterTypes()[i];
        args[i] = type == int.class ? 1 : type == java.util.List.class ? java.util.List.of("x") : "x";
      }
      String message = (String) m.invoke(null, args);
      String id = message.substring(0, message.indexOf(']') + 1);
      assertTrue(ids.contains(id), m.getName() + " has no catalogue ID: " + message);
      assertTrue(message.contains(" — ") || message.contains("; please report"),
          m.getName() + " must say what to do: " + message);
      checked++;
    }
    assertTrue(checked > 40, "checked " + checked);
  }

  // ------------------------------------------------------------------ once, and only the real ones

  @Test
  void anErrorOfAGraphDeferredToTheNextRoundIsReportedOnce() {
    JavaFileObject actor = Compilations.source("test.Echo", """
        package test;
        import io.cgraph.annotations.*;
        @Actor
        public class Echo {
          @GraphMethod public Late echo(Late late) { return late; }
        }
        """);
    JavaFileObject graph = Compilations.source("test.H", """
        package test;
        import io.cgraph.annotations.*;
        final class H {
          @Graph
          static Late f(Late in, int unused, Echo a, Echo b) {
            Late x = a.echo(in);
            return b.echo(x);
          }
        }
        """);
    Compilation c = Compiler.javac()
        .withProcessors(new GraphProcessor(), new GeneratedCodeTest.LateTypeProcessor())
        .withOptions("-Xlint:all,-processing", "-Werror")
        .compile(actor, graph);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining(Messages.UNUSED_PARAMETER).inFile(graph).onLine(5);
  }

  @Test
  void anInternalFailureIsOneErrorNamingTheGraphWithTheTrace() {
    Processor p = wrapped(env -> new WrappedEnvironment(env, true));
    Compilation c = Compiler.javac().withProcessors(p).withOptions("-Xlint:all,-processing")
        .compile(TOK, GRAPH);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining(Messages.INTERNAL_ERROR + " internal error in the cgraph processor while"
        + " processing test.G.f").inFile(GRAPH).onLine(5);
    assertThat(c).hadErrorContaining("java.lang.IllegalStateException: the disk is full");
    assertThat(c).hadErrorContaining("at io.cgraph.processor.");
  }

  // ------------------------------------------------------------------ next to other processors

  @Test
  void claimsNothingSoOtherProcessorsSeeTheSameAnnotations() {
    Recorder recorder = new Recorder();
    Compilation c = Compiler.javac().withProcessors(new GraphProcessor(), recorder)
        .withOptions("-Xlint:all,-processing", "-Werror").compile(TOK, GRAPH);
    assertThat(c).succeededWithoutWarnings();
    assertTrue(recorder.seen.containsAll(List.of("f", "test.Tok", "encode", "score")), recorder.seen.toString());
  }

  @Test
  void validCodeUnderXlintAllHasNoWarningFromCgraph() {
    Compilation c = Compiler.javac().withProcessors(new GraphProcessor()).withOptions("-Xlint:all")
        .compile(TOK, GRAPH);
    assertThat(c).succeeded();
    // the only warning is javac's own "no processor claimed" (-Xlint:processing): users of -Werror add -Xlint:-processing
    List<String> warnings = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      if (d.getKind() != Diagnostic.Kind.NOTE) {
        warnings.add(d.getMessage(Locale.ROOT));
      }
    }
    assertFalse(warnings.isEmpty());
    for (String w : warnings) {
      assertTrue(w.startsWith("No processor claimed any of these annotations"), w);
      assertFalse(w.contains("[CGraph"), w);
    }
    assertThat(Compiler.javac().withProcessors(new GraphProcessor()).withOptions("-Xlint:all", "-Xlint:-processing",
        "-Werror").compile(TOK, GRAPH)).succeededWithoutWarnings();
  }

  // ------------------------------------------------------------------ javac behind a wrapper, or no javac

  @Test
  void javacBehindAWrapperEnvironmentStillGeneratesAndChecks() {
    Processor p = wrapped(env -> new WrappedEnvironment(env, false)); // as Gradle's incremental processing does
    Compilation c = Compiler.javac().withProcessors(p).withOptions("-Xlint:all,-processing", "-Werror")
        .compile(TOK, GRAPH, USER);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining(Messages.REF_READ_TWICE).inFile(USER).onLine(6); // FGraph was generated
  }

  @Test
  void withoutJavacTheCheckerIsOffWithOneNoteAndEachGraphSaysWhy() {
    Processor p = wrapped(env -> (ProcessingEnvironment) Proxy.newProxyInstance(
        ProcessorContractTest.class.getClassLoader(), new Class<?>[] {ProcessingEnvironment.class},
        (proxy, method, args) -> method.invoke(env, args)));
    Compilation c = Compiler.javac().withProcessors(p).withOptions("-Xlint:all,-processing")
        .compile(TOK, GRAPH, USER);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1); // the graph; the user code compiles against its stub, unchecked
    assertThat(c).hadErrorContaining(Messages.NEEDS_JAVAC).inFile(GRAPH).onLine(5);
    long notes = c.diagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.NOTE && d.getMessage(Locale.ROOT).contains(Messages.CHECKER_OFF))
        .count();
    assertEquals(1, notes, Compilations.describe(c));
  }

  // ------------------------------------------------------------------ helpers

  /** A GraphProcessor that sees {@code wrap(env)} instead of javac's environment. */
  private static Processor wrapped(Function<ProcessingEnvironment, ProcessingEnvironment> wrap) {
    GraphProcessor inner = new GraphProcessor();
    return new AbstractProcessor() {
      @Override
      public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        inner.init(wrap.apply(env));
      }

      @Override
      public Set<String> getSupportedAnnotationTypes() {
        return inner.getSupportedAnnotationTypes();
      }

      @Override
      public SourceVersion getSupportedSourceVersion() {
        return inner.getSupportedSourceVersion();
      }

      @Override
      public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        return inner.process(annotations, round);
      }
    };
  }

  /** A wrapper like Gradle's: javac's environment in a field; optionally a Filer that fails. */
  static final class WrappedEnvironment implements ProcessingEnvironment {
    private final ProcessingEnvironment delegate;
    private final boolean failingFiler;

    WrappedEnvironment(ProcessingEnvironment delegate, boolean failingFiler) {
      this.delegate = delegate;
      this.failingFiler = failingFiler;
    }

    @Override
    public Map<String, String> getOptions() {
      return delegate.getOptions();
    }

    @Override
    public Messager getMessager() {
      return delegate.getMessager();
    }

    @Override
    public Filer getFiler() {
      if (!failingFiler) {
        return delegate.getFiler();
      }
      return new Filer() {
        @Override
        public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements) {
          throw new IllegalStateException("the disk is full");
        }

        @Override
        public JavaFileObject createClassFile(CharSequence name, Element... originatingElements) {
          throw new IllegalStateException("the disk is full");
        }

        @Override
        public FileObject createResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
            CharSequence relativeName, Element... originatingElements) {
          throw new IllegalStateException("the disk is full");
        }

        @Override
        public FileObject getResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
            CharSequence relativeName) throws IOException {
          throw new UncheckedIOException(new IOException("the disk is full"));
        }
      };
    }

    @Override
    public Elements getElementUtils() {
      return delegate.getElementUtils();
    }

    @Override
    public Types getTypeUtils() {
      return delegate.getTypeUtils();
    }

    @Override
    public SourceVersion getSourceVersion() {
      return delegate.getSourceVersion();
    }

    @Override
    public Locale getLocale() {
      return delegate.getLocale();
    }
  }

  /** Records the simple names of the elements annotated with cgraph's annotations. */
  static final class Recorder extends AbstractProcessor {
    final List<String> seen = new ArrayList<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of(RuntimeTypes.GRAPH, RuntimeTypes.ACTOR, RuntimeTypes.GRAPH_METHOD);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      for (TypeElement a : annotations) {
        for (Element e : round.getElementsAnnotatedWith(a)) {
          seen.add(e instanceof TypeElement t ? t.getQualifiedName().toString() : e.getSimpleName().toString());
        }
      }
      return false;
    }
  }
}
