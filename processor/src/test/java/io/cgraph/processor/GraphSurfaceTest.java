package io.cgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The stub of an invalid graph has the public surface of the valid graph's class, so that code
 * written against one compiles against the other: for each graph, the class generated for it and
 * the stub generated when the same graph is made invalid (its method not static, which leaves the
 * signature as it is) are read through the Element API, inherited members included, in the
 * compilation that generated them. Both come from {@link GraphSurface}; this test fails when a
 * writer adds a public member outside it, or leaves one of its members out.
 */
class GraphSurfaceTest {
  /** The public member of a graph class that its stub has not: not for application code. */
  private static final String WORKER_STEP = "method workerStep(int actor, java.lang.Object instance,"
      + " io.cgraph.runtime.internal.ActorContext ctx) : io.cgraph.runtime.internal.ActorStep [public, static]";

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "io/cgraph/runtime/sample | Pipelines.java | static Result pipeline( | io.cgraph.runtime.sample.PipelineGraph",
    "golden/codecs | Graphs.java | static Bundle roundTrip( | golden.codecs.RoundTripGraph",
    "golden/shapes | Graphs.java | static Summary shapes( | golden.shapes.Shapes",
    "golden/shapes | Graphs.java | static int measure( | golden.shapes.MeasureGraph",
  })
  void theStubHasThePublicSurfaceOfTheRealClass(String dir, String file, String graph, String graphClass) {
    Map<String, String> valid = resourceSources(dir);
    Map<String, String> invalid = new LinkedHashMap<>(valid);
    String key = dir + "/" + file;
    assertTrue(valid.get(key).contains(graph), key);
    invalid.put(key, valid.get(key).replace(graph, graph.substring("static ".length())));
    assertSameSurface(valid, invalid, graphClass);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    // no input: execute() and the Execution record without input components
    "static long count(Counter counter) { return counter.start(3); }",
    // an array, a boolean, a primitive result (boxed in executeAsync and Execution), two actors
    "static double sum(int[] xs, boolean twice, String label, Counter counter, Summer summer) {"
        + " long n = counter.start(3); return summer.sum(xs, twice, label, n); }",
  })
  void theStubHasThePublicSurfaceOfTheRealClassForOtherSignatures(String method) {
    String actors = """
        package test;
        import io.cgraph.annotations.*;
        public final class Actors {
          private Actors() {}
          @Actor public static class Counter { @GraphMethod public long start(int seed) { return seed; } }
          @Actor public static class Summer {
            @GraphMethod public double sum(int[] xs, boolean twice, String label, long n) { return n; }
          }
        }
        """;
    String graphs = """
        package test;
        import io.cgraph.annotations.*;
        import test.Actors.*;
        final class G {
          @Graph(name = "SomeGraph", maxInflight = 3)
          %s
        }
        """;
    Map<String, String> valid = Map.of("test/Actors.java", actors, "test/G.java", graphs.formatted(method));
    Map<String, String> invalid = Map.of("test/Actors.java", actors,
        "test/G.java", graphs.formatted(method.substring("static ".length())));
    assertSameSurface(valid, invalid, "test.SomeGraph");
  }

  /**
   * The public surface of the class generated from {@code valid} equals that of the stub generated
   * from {@code invalid}, but for {@code workerStep}; so does the Javadoc of each member.
   */
  private static void assertSameSurface(Map<String, String> valid, Map<String, String> invalid, String graphClass) {
    Reader realReader = new Reader(graphClass);
    Compilation real = compile(valid, realReader);
    assertThat(real).succeededWithoutWarnings();
    Reader stubReader = new Reader(graphClass);
    Compilation stub = compile(invalid, stubReader);
    assertThat(stub).hadErrorContaining(Messages.NOT_STATIC);
    assertThat(stub).hadErrorCount(1);
    assertTrue(realReader.surface != null && stubReader.surface != null, "no " + graphClass);
    Surface realSurface = realReader.surface;
    Surface stubSurface = stubReader.surface;
    assertTrue(realSurface.members.remove(WORKER_STEP), String.join("\n", realSurface.members));
    assertEquals(String.join("\n", realSurface.members), String.join("\n", stubSurface.members),
        "the stub of " + graphClass + " differs from the real class (left: the real class, workerStep aside)");
    // Every Javadoc the real class has on a public member, the stub has too (but the class's own).
    realSurface.docs.remove(WORKER_STEP);
    assertTrue(realSurface.docs.size() > 10, realSurface.docs.toString());
    for (Map.Entry<String, String> doc : realSurface.docs.entrySet()) {
      assertEquals(doc.getValue(), stubSurface.docs.get(doc.getKey()), "the stub's Javadoc of " + doc.getKey());
    }
  }

  /**
   * Compiles {@code files} as {@link Compilations#compile} does, with {@code reader} beside the
   * processor: it reads the generated class in the round after it was written, which javac runs
   * (as its last) also after the processor reported an error.
   */
  private static Compilation compile(Map<String, String> files, Reader reader) {
    return javac()
        .withProcessors(new GraphProcessor(), reader)
        .withOptions("-Xlint:all,-processing", "-Werror")
        .compile(sources(files));
  }

  private static List<JavaFileObject> sources(Map<String, String> files) {
    List<JavaFileObject> sources = new ArrayList<>();
    for (Map.Entry<String, String> f : files.entrySet()) {
      String name = f.getKey().substring(0, f.getKey().length() - ".java".length()).replace('/', '.');
      sources.add(JavaFileObjects.forSourceString(name, f.getValue()));
    }
    return sources;
  }

  /** The files of the test resource folder {@code sources/<dir>}, by their path under {@code sources}. */
  private static Map<String, String> resourceSources(String dir) {
    Map<String, String> files = new LinkedHashMap<>();
    for (JavaFileObject f : Compilations.resourceSources(dir)) {
      String path = f.toUri().getPath();
      try {
        files.put(path.substring(path.lastIndexOf("/sources/") + "/sources/".length()),
            f.getCharContent(true).toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  /**
   * A graph class's public surface as the Element API sees it, one line per member (sorted): its
   * public supertypes, and each public field, constructor, method and nested type, inherited ones
   * included, with modifiers, parameter names and types, return type and a constant's value. Left
   * out: the members of {@code Object} (every class has them), the supertypes in cgraph's internal
   * package (the real {@code Ref}'s {@code AbstractRef}: not API), and {@code final} on methods (all
   * of them are in final classes). {@code docs} holds the Javadoc of each member the generated
   * source declares, but the class's own.
   */
  private static final class Surface {
    final List<String> members = new ArrayList<>();
    final Map<String, String> docs = new LinkedHashMap<>();
  }

  /** Reads the {@link Surface} of one class once it exists. */

  @SupportedAnnotationTypes("*")
  private static final class Reader extends AbstractProcessor {
    private final String graphClass;
    Surface surface;
    private Set<String> objectMethods;

    Reader(String graphClass) {
      this.graphClass = graphClass;
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(graphClass);
      if (surface == null && type != null) {
        objectMethods = new TreeSet<>();
        for (ExecutableElement m : ElementFilter.methodsIn(
            processingEnv.getElementUtils().getTypeElement("java.lang.Object").getEnclosedElements())) {
          objectMethods.add(m.getSimpleName() + parameterTypes(m));
        }
        surface = new Surface();
        describe(type, type);
        surface.members.sort(null);
      }
      return false;
    }

    private void describe(TypeElement type, TypeElement top) {
      String owner = type.getQualifiedName().toString();
      Set<String> supertypes = new TreeSet<>();
      addSupertypes(type.asType(), supertypes);
      line(type, type == top, type.getKind().toString().toLowerCase() + " " + owner + " " + modifiers(type, false)
          + " : " + supertypes);
      for (Element e : processingEnv.getElementUtils().getAllMembers(type)) {
        if (!e.getModifiers().contains(Modifier.PUBLIC)) {
          continue;
        }
        if (e instanceof ExecutableElement m) {
          if (objectMethods.contains(m.getSimpleName() + parameterTypes(m))) {
            continue;
          }
          List<String> params = new ArrayList<>();
          for (VariableElement p : m.getParameters()) {
            params.add(p.asType() + " " + p.getSimpleName());
          }
          String name = m.getKind() == ElementKind.CONSTRUCTOR ? "constructor " + owner : "method " + m.getSimpleName();
          String thrown = m.getThrownTypes().isEmpty() ? "" : " throws " + m.getThrownTypes();
          line(m, false, (type == top ? "" : owner + ": ") + name + "(" + String.join(", ", params) + ") : "
              + m.getReturnType() + " " + modifiers(m, true) + thrown);
        } else if (e instanceof VariableElement f) {
          line(f, false, (type == top ? "" : owner + ": ") + "field " + f.getSimpleName() + " : " + f.asType() + " "
              + modifiers(f, false) + " = " + f.getConstantValue());
        } else if (e instanceof TypeElement nested) {
          describe(nested, top);
        }
      }
    }

    private void line(Element e, boolean top, String text) {
      surface.members.add(text);
      String doc = processingEnv.getElementUtils().getDocComment(e);
      if (!top && doc != null) {
        surface.docs.put(text, doc);
      }
    }

    private void addSupertypes(TypeMirror type, Set<String> into) {
      for (TypeMirror s : processingEnv.getTypeUtils().directSupertypes(type)) {
        String name = ((TypeElement) ((DeclaredType) s).asElement()).getQualifiedName().toString();
        if (!name.equals("java.lang.Object") && !name.equals("java.lang.Record")
            && !name.startsWith(RuntimeTypes.INTERNAL_PACKAGE + ".")) {
          into.add(s.toString());
        }
        addSupertypes(s, into);
      }
    }

    private static String parameterTypes(ExecutableElement m) {
      return m.getParameters().stream().map(p -> p.asType().toString()).collect(Collectors.joining(",", "(", ")"));
    }

    private static String modifiers(Element e, boolean method) {
      Set<Modifier> modifiers = new TreeSet<>(e.getModifiers());
      if (method) {
        modifiers.remove(Modifier.FINAL);
      }
      return modifiers.toString();
    }
  }
}
