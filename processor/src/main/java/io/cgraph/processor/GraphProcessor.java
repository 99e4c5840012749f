package io.cgraph.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.TypeSpec;
import com.sun.source.util.JavacTask;
import com.sun.source.util.Trees;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;

/**
 * The cgraph annotation processor. For every {@code @Graph} method it runs one pass in stages —
 * validate the element, build a {@link GraphModel} from the body (read as syntax only), validate
 * the model, plan its channels, generate the graph class and its DOT resource — and it reports
 * every problem of a graph, anchored where the user must act. An invalid graph still gets a class
 * with the same public methods (each throwing), so that only the real errors show. It also checks
 * {@code @Actor} classes and {@code @GraphMethod}s.
 *
 * <p>Graphs whose types are not resolvable yet are deferred by name to the next round; what is
 * still missing at the end is reported only when no other error was raised. No exception escapes
 * {@link #process}; the processor never claims its annotations.
 *
 * <p>It also registers the {@link MisuseChecker} with the running javac task; where javac is not
 * there (another compiler), the checker is off and one note says so. Under Eclipse's compiler the
 * bodies are read from their source text instead ({@link EclipseBodies}, {@link SourceBody}).
 */
@AutoService(Processor.class)
public final class GraphProcessor extends AbstractProcessor {
  /** A graph deferred to a later round, by name (elements must not be kept across rounds). */
  private record Deferred(String enclosingType, String method, int ordinal, String missing) {}

  private Trees trees;
  private ActorRules rules;
  private SourceFiles files;
  private final List<Deferred> deferred = new ArrayList<>();
  /** Generated class (qualified) → the graph it was generated for, across rounds. */
  private final Map<String, String> generated = new HashMap<>();
  private final Map<String, Element> generatedFor = new HashMap<>();
  /** The @Actor classes and @GraphMethods checked (and reported on) by {@link #checkActors}, by key. */
  private final Set<String> checked = new HashSet<>();
  private boolean reportedErrors;
  /** Why the misuse checker could not be registered; said once, in a note. */
  private String checkerOff;

  /** Creates the processor; javac instantiates it through {@code META-INF/services}. */
  public GraphProcessor() {}

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    ProcessingEnvironment javac = JavacEnvironment.unwrap(env);
    trees = JavacEnvironment.trees(javac); // null: not javac; each graph says so
    JavacTask task = JavacEnvironment.task(javac);
    if (trees != null && task != null) {
      task.addTaskListener(new MisuseChecker(trees, env.getElementUtils(), env.getTypeUtils()));
    } else {
      checkerOff = "this compiler is not javac (com.sun.source.util.JavacTask is not available)";
    }
    rules = new ActorRules(env.getElementUtils(), env.getTypeUtils());
    files = new SourceFiles(env.getFiler(), env.getElementUtils());
  }

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
    try {
      if (checkerOff != null) {
        String note = Messages.checkerOff(checkerOff);
        processingEnv.getMessager().printMessage(Messages.kindOf(note), note);
        checkerOff = null;
      }
      if (round.processingOver()) {
        reportStillDeferred(round);
      } else {
        checkActors(round);
        for (ExecutableElement graph : graphsOfThisRound(round)) {
          processGraph(graph);
        }
      }
    } catch (RuntimeException | Error e) {
      error(null, Messages.internalError("this round", trace(e)));
    }
    return false;
  }

  private List<ExecutableElement> graphsOfThisRound(RoundEnvironment round) {
    Elements elements = processingEnv.getElementUtils();
    List<ExecutableElement> graphs = new ArrayList<>();
    List<Deferred> retry = new ArrayList<>(deferred);
    deferred.clear();
    for (Deferred d : retry) {
      TypeElement type = elements.getTypeElement(d.enclosingType());
      ExecutableElement m = type == null ? null : graphMethod(type, d.method(), d.ordinal());
      if (m != null) {
        graphs.add(m);
      }
    }
    TypeElement graphAnnotation = elements.getTypeElement(RuntimeTypes.GRAPH);
    if (graphAnnotation != null) {
      for (Element e : round.getElementsAnnotatedWith(graphAnnotation)) {
        if (e.getKind() == ElementKind.METHOD && !graphs.contains(e)) {
          graphs.add((ExecutableElement) e);
        }
      }
    }
    return graphs;
  }

  private static ExecutableElement graphMethod(TypeElement type, String name, int ordinal) {
    int i = 0;
    for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (m.getSimpleName().contentEquals(name) && ActorRules.hasAnnotation(m, RuntimeTypes.GRAPH)) {
        if (i++ == ordinal) {
          return m;
        }
      }
    }
    return null;
  }

  private static int ordinalOf(ExecutableElement method) {
    int i = 0;
    for (ExecutableElement m : ElementFilter.methodsIn(method.getEnclosingElement().getEnclosedElements())) {
      if (m.equals(method)) {
        return i;
      }
      if (m.getSimpleName().contentEquals(method.getSimpleName()) && ActorRules.hasAnnotation(m, RuntimeTypes.GRAPH)) {
        i++;
      }
    }
    return i;
  }

  // ------------------------------------------------------------------ @Actor and @GraphMethod

  private void checkActors(RoundEnvironment round) {
    Elements elements = processingEnv.getElementUtils();
    TypeElement actor = elements.getTypeElement(RuntimeTypes.ACTOR);
    TypeElement graphMethod = elements.getTypeElement(RuntimeTypes.GRAPH_METHOD);
    if (actor != null) {
      for (TypeElement type : ElementFilter.typesIn(round.getElementsAnnotatedWith(actor))) {
        checked.add(checkedKey(type));
        guarded(type, () -> rules.actorClass(type).forEach(f -> error(f.site(), f.message())));
      }
    }
    if (graphMethod != null) {
      for (ExecutableElement m : ElementFilter.methodsIn(round.getElementsAnnotatedWith(graphMethod))) {
        checked.add(checkedKey(m));
        guarded(m, () -> rules.graphMethod(m).forEach(f -> error(f.site(), f.message())));
      }
    }
  }

  /** A key for an element that stays the same across rounds (elements themselves must not be kept). */
  private static String checkedKey(Element e) {
    Element owner = e.getEnclosingElement();
    return e instanceof TypeElement t ? t.getQualifiedName().toString()
        : (owner instanceof TypeElement t ? t.getQualifiedName() : owner) + "#" + e;
  }

  // ------------------------------------------------------------------ one graph

  private void processGraph(ExecutableElement method) {
    guarded(method, () -> {
      Diagnostics diagnostics = new Diagnostics();
      GraphParser parser = new GraphParser(processingEnv, trees, rules,
          e -> checked.contains(checkedKey(e)), diagnostics, method);
      GraphParser.Header header;
      GraphModel model;
      try {
        header = parser.header();
        if (trees != null) {
          model = parser.body(header);
        } else {
          String text = EclipseBodies.bodyText(method); // Eclipse's compiler: read the body from its source text
          if (text != null) {
            model = parser.body(header, SourceBody.parse(text, Site.of(method)));
          } else {
            diagnostics.error(Site.of(method), Messages.needsJavac(describe(method)));
            model = null; // the body cannot be read: the graph gets its stub class
          }
        }
        if (model != null) {
          new ModelValidator(diagnostics).validate(model, parser.referenced());
        }
      } catch (MissingTypeException missing) {
        TypeElement enclosing = (TypeElement) method.getEnclosingElement();
        deferred.add(new Deferred(enclosing.getQualifiedName().toString(), method.getSimpleName().toString(),
            ordinalOf(method), missing.typeName()));
        return;
      }
      GraphModel.GraphSignature sig = header.signature();
      String qualified = sig.packageName().isEmpty() ? sig.className() : sig.packageName() + "." + sig.className();
      boolean writable = header.nameValid() && claimName(method, qualified, diagnostics);
      if (diagnostics.failed()) {
        reportedErrors |= diagnostics.errorCount() > 0;
        diagnostics.flush(processingEnv.getMessager(), trees);
        if (writable) {
          files.writeSource(sig.packageName(), StubWriter.write(sig, header.returnInaccessible(), header.maxInflight()),
              method);
        }
        return;
      }
      diagnostics.flush(processingEnv.getMessager(), trees);
      GraphModel planned = ChannelPlanner.plan(model);
      TypeSpec type = GraphWriter.write(planned);
      files.writeSource(sig.packageName(), type, method);
      String previous = files.writeDot(qualified, sig.className(), DotWriter.dot(planned), method);
      if (previous != null) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.NOTE, "cgraph: " + Names.dotResource(sig.className())
            + " already holds the DOT text of " + previous + "; " + qualified + ".toDot() still returns its own",
            method);
      }
    });
  }

  /** Reserves the generated class name; reports a duplicate (on both graphs) or an existing class. */
  private boolean claimName(ExecutableElement method, String qualified, Diagnostics diagnostics) {
    AnnotationMirror graph = ActorRules.annotationOn(method, RuntimeTypes.GRAPH);
    Site site = new Site.OnElement(method, graph, null);
    String previous = generated.get(qualified);
    if (previous != null) {
      diagnostics.error(site, Messages.duplicateName(qualified, previous));
      Element first = generatedFor.get(qualified);
      if (first != null) {
        diagnostics.error(new Site.OnElement(first, ActorRules.annotationOn(first, RuntimeTypes.GRAPH), null),
            Messages.duplicateName(qualified, describe(method)));
        generatedFor.remove(qualified);
      }
      return false;
    }
    TypeElement existing = processingEnv.getElementUtils().getTypeElement(qualified);
    if (existing != null) {
      diagnostics.error(site, Messages.existingClass(qualified));
      return false;
    }
    generated.put(qualified, describe(method));
    generatedFor.put(qualified, method);
    return true;
  }

  private void reportStillDeferred(RoundEnvironment round) {
    if (deferred.isEmpty()) {
      return;
    }
    List<Deferred> missing = new ArrayList<>(deferred);
    deferred.clear();
    if (round.errorRaised() || reportedErrors) {
      return; // javac (or we) already said what is wrong; the missing types are a consequence
    }
    Elements elements = processingEnv.getElementUtils();
    for (Deferred d : missing) {
      TypeElement enclosing = elements.getTypeElement(d.enclosingType());
      ExecutableElement method = enclosing == null ? null : graphMethod(enclosing, d.method(), d.ordinal());
      Element anchor = method != null ? method : enclosing;
      error(anchor == null ? null : Site.of(anchor), Messages.missingType(d.enclosingType() + "." + d.method(),
          d.missing()));
    }
  }

  // ------------------------------------------------------------------ reporting

  private interface Step {
    void run() throws Exception;
  }

  /** Runs {@code step}; turns anything it throws into one internal error on {@code element}. */
  private void guarded(Element element, Step step) {
    try {
      step.run();
    } catch (Exception | Error e) {
      error(Site.of(element), Messages.internalError(describe(element), trace(e)));
    }
  }

  private void error(Site site, String message) {
    reportedErrors = true;
    Messager messager = processingEnv.getMessager();
    Diagnostics d = new Diagnostics();
    if (site == null) {
      messager.printMessage(Diagnostic.Kind.ERROR, message);
      return;
    }
    d.error(site, message);
    d.flush(messager, trees);
  }

  private static String describe(Element e) {
    Element enclosing = e.getEnclosingElement();
    if (e instanceof ExecutableElement && enclosing instanceof TypeElement t) {
      return t.getQualifiedName() + "." + e.getSimpleName();
    }
    return e instanceof TypeElement t ? t.getQualifiedName().toString() : e.toString();
  }

  private static String trace(Throwable t) {
    StringWriter s = new StringWriter();
    t.printStackTrace(new PrintWriter(s));
    return s.toString();
  }
}
