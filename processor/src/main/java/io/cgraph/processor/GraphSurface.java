package io.cgraph.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The public surface of a graph class, declared once: each public member's name, modifiers,
 * annotations, Javadoc, return type and parameters. {@link GraphWriter} (with
 * {@link ObservabilityWriter}) adds the real bodies to these builders, {@link StubWriter} a body
 * that throws, so that code written against a valid graph compiles against an invalid graph's
 * stub and sees only the graph's own errors. A public member added here reaches both classes;
 * {@code GraphSurfaceTest} fails when the real class and the stub differ.
 *
 * <p>The builders have no body. Their parameters have the names the real bodies use: each actor
 * and input by its {@code javaName}, then {@code options}, {@code timeout}, {@code dir},
 * {@code entry} or {@code execution}. The surface of a stub ({@link #ofStub}) names a type that the
 * stub could not name (an inaccessible input, actor or return type, reported as
 * {@code [CGraphNotAccessible]} or on the actor class as {@code [CGraphBadActorClass]}) as
 * {@code Object}, so that javac adds no error of its own.
 *
 * <p>Not here: {@code workerStep}, public only for cgraph's worker processes (not for application
 * code), which {@link GraphWriter} writes and a stub does not have; and the Javadoc of the class
 * itself, which says what the class is (a compiled graph, or the stand-in of one that failed).
 */
final class GraphSurface {
  private static final ClassName DURATION = ClassName.get("java.time", "Duration");
  private static final ClassName COMPLETABLE_FUTURE = ClassName.get("java.util.concurrent", "CompletableFuture");
  private static final ClassName PATH = ClassName.get("java.nio.file", "Path");
  private static final ClassName STREAM = ClassName.get("java.util.stream", "Stream");

  private final GraphModel.GraphSignature sig;
  private final boolean stub;
  private final TypeName returnType;
  private final boolean journaled;
  private final ClassName graphClass;
  private final ClassName refClass;
  private final ClassName executionClass;

  private GraphSurface(GraphModel.GraphSignature sig, boolean stub, boolean returnInaccessible, boolean journaled) {
    this.sig = sig;
    this.stub = stub;
    this.returnType = returnInaccessible ? ClassName.OBJECT : sig.returnType();
    this.journaled = journaled;
    this.graphClass = sig.graphClass();
    this.refClass = graphClass.nestedClass("Ref");
    this.executionClass = graphClass.nestedClass(Names.EXECUTION_RECORD);
  }

  /**
   * The surface of {@code model}'s graph class. It has the journal members unless the graph carries
   * device tensors to or from the driver: a journaled tensor is a descriptor of device memory that
   * is gone when it is read.
   */
  static GraphSurface of(GraphModel model) {
    return new GraphSurface(model.signature(), false, false, !model.driverSeesDeviceTensors());
  }

  /**
   * The surface of the stub of {@code sig}'s invalid graph, with {@code Object} for each type it
   * cannot name ({@code returnInaccessible}: the return type). It always has the journal members:
   * whether the graph carries device tensors may be unknown, and having them costs a stub nothing.
   */
  static GraphSurface ofStub(GraphModel.GraphSignature sig, boolean returnInaccessible) {
    return new GraphSurface(sig, true, returnInaccessible, true);
  }

  /**
   * Whether the class has the journal members: {@code Execution}, {@code readJournal},
   * {@code fromJournal} and {@code replay}.
   */
  boolean journaled() {
    return journaled;
  }

  // ------------------------------------------------------------------ the class

  /** {@code public final class XGraph implements AutoCloseable}, without its Javadoc or members. */
  TypeSpec.Builder graphClass() {
    return TypeSpec.classBuilder(graphClass)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(ClassName.get(AutoCloseable.class));
  }

  /** {@code MAX_INFLIGHT}: {@code value} is the {@code @Graph} value of maxInflight as written. */
  FieldSpec maxInflight(int value) {
    return FieldSpec.builder(int.class, Names.MAX_INFLIGHT_FIELD, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("The {@code @Graph} value of maxInflight; {@code GraphOptions} may override it at run time.\n")
        .initializer("$L", value)
        .build();
  }

  /**
   * Every public method of the graph class but {@code workerStep}, in the order the class declares
   * them: the three forms of {@code compile} (no placed form for a graph without actors, itself an
   * error: it would repeat {@code compile(options)}), {@code execute}, {@code executeAsync},
   * {@code toDot}, {@code close}, {@code stats}, and the journal members when {@link #journaled()}.
   */
  List<MethodSpec.Builder> methods() {
    List<MethodSpec.Builder> methods = new ArrayList<>();
    methods.add(compileDefault());
    methods.add(compile());
    if (!sig.actors().isEmpty()) {
      methods.add(compilePlaced());
    }
    methods.add(execute());
    methods.add(executeAsync());
    methods.add(toDot());
    methods.add(close());
    methods.add(stats());
    if (journaled) {
      methods.add(readJournal());
      methods.add(fromJournal());
      methods.add(replay());
    }
    return methods;
  }

  /** {@code compile(A a, ...)}: the graph on these actors with the {@code @Graph} defaults. */
  MethodSpec.Builder compileDefault() {
    MethodSpec.Builder m = MethodSpec.methodBuilder("compile")
        .addJavadoc("Starts the graph on these actors with the {@code @Graph} defaults\n"
            + "({@code GraphOptions.defaults()}).\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(graphClass);
    for (GraphModel.ActorParam a : sig.actors()) {
      m.addParameter(actorType(a), a.javaName());
    }
    return m;
  }

  /** {@code compile(A a, ..., GraphOptions options)}. */
  MethodSpec.Builder compile() {
    MethodSpec.Builder m = MethodSpec.methodBuilder("compile")
        .addJavadoc("Starts the graph on these actors: creates the channels and runs each actor on its thread (its\n"
            + "own, or the one it already runs on for another live graph). Close the graph to release them.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(graphClass);
    for (GraphModel.ActorParam a : sig.actors()) {
      m.addParameter(actorType(a), a.javaName());
    }
    return m.addParameter(RuntimeTypes.GRAPH_OPTIONS, "options");
  }

  /** {@code compile(Placement<A> a, ..., GraphOptions options)}: each actor where its placement says. */
  MethodSpec.Builder compilePlaced() {
    MethodSpec.Builder m = MethodSpec.methodBuilder("compile")
        .addJavadoc("Starts the graph with each actor where its placement says: in this JVM\n"
            + "({@code Placement.local(actor)}) or in a worker process ({@code Workers.spawn}).\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(graphClass);
    for (GraphModel.ActorParam a : sig.actors()) {
      m.addParameter(ParameterizedTypeName.get(RuntimeTypes.PLACEMENT, actorType(a).box()), a.javaName());
    }
    return m.addParameter(RuntimeTypes.GRAPH_OPTIONS, "options");
  }

  /** {@code Ref execute(I in, ...)}: one execution. */
  MethodSpec.Builder execute() {
    MethodSpec.Builder m = MethodSpec.methodBuilder("execute")
        .addJavadoc("Submits one execution; waits for capacity when {@code maxInflight} results are unread.\n")
        .addModifiers(Modifier.PUBLIC)
        .returns(refClass);
    for (GraphModel.InputParam in : sig.inputs()) {
      m.addParameter(inputType(in), in.javaName());
    }
    return m;
  }

  /** {@code CompletableFuture<R> executeAsync(I in, ...)}. */
  MethodSpec.Builder executeAsync() {
    MethodSpec.Builder m = MethodSpec.methodBuilder("executeAsync")
        .addJavadoc("Submits one execution and completes the future with its result.\n")
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(COMPLETABLE_FUTURE, returnType.box()));
    for (GraphModel.InputParam in : sig.inputs()) {
      m.addParameter(inputType(in), in.javaName());
    }
    return m;
  }

  /** {@code static String toDot()}. */
  MethodSpec.Builder toDot() {
    return MethodSpec.methodBuilder("toDot")
        .addJavadoc("The graph in Graphviz DOT form.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(String.class);
  }

  /** {@code close()}, of {@code AutoCloseable}. */
  MethodSpec.Builder close() {
    return MethodSpec.methodBuilder("close")
        .addJavadoc("Stops the actor threads, fails pending results and deletes the channels; idempotent.\n")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC);
  }

  /** {@code GraphStats stats()}. */
  MethodSpec.Builder stats() {
    return MethodSpec.methodBuilder("stats")
        .addJavadoc("A snapshot of this graph's counters: executions, in flight, failures, per-actor busy time,\n"
            + "per-channel waits.\n")
        .addModifiers(Modifier.PUBLIC)
        .returns(RuntimeTypes.GRAPH_STATS);
  }

  /** {@code static Stream<Execution> readJournal(Path dir)}; a journal member. */
  MethodSpec.Builder readJournal() {
    return MethodSpec.methodBuilder("readJournal")
        .addJavadoc("Every execution journaled in {@code dir} ({@code GraphOptions.withJournal}), in order; those\n"
            + "without a result come last. Close the stream to close the journal.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(ParameterizedTypeName.get(STREAM, executionClass))
        .addParameter(PATH, "dir");
  }

  /** {@code static Execution fromJournal(JournalEntry entry)}; a journal member. */
  MethodSpec.Builder fromJournal() {
    return MethodSpec.methodBuilder("fromJournal")
        .addJavadoc("Decodes one raw journal entry (see {@code JournalReader}) of this graph.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(executionClass)
        .addParameter(RuntimeTypes.JOURNAL_ENTRY, "entry");
  }

  /** {@code Ref replay(Execution execution)}; a journal member. */
  MethodSpec.Builder replay() {
    return MethodSpec.methodBuilder("replay")
        .addJavadoc("Executes a journaled execution's inputs again on this graph.\n")
        .addModifiers(Modifier.PUBLIC)
        .returns(refClass)
        .addParameter(executionClass, "execution");
  }

  // ------------------------------------------------------------------ Ref

  /**
   * {@code public static final class Ref implements SingleUse}, without members; the real class
   * adds its superclass, {@code AbstractRef}.
   */
  TypeSpec.Builder ref() {
    return TypeSpec.classBuilder(refClass)
        .addJavadoc("One execution of {@code $L}; take its result once with {@link #get()}.\n", sig.methodName())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(RuntimeTypes.SINGLE_USE);
  }

  /** {@code R get()} of {@code Ref}. */
  MethodSpec.Builder refGet() {
    return MethodSpec.methodBuilder("get")
        .addJavadoc("Waits up to the graph's get timeout and returns the result; at most once.\n")
        .addModifiers(Modifier.PUBLIC)
        .returns(returnType);
  }

  /** {@code R get(Duration timeout)} of {@code Ref}. */
  MethodSpec.Builder refGetWithTimeout() {
    return MethodSpec.methodBuilder("get")
        .addJavadoc("Waits up to {@code timeout} and returns the result; at most once.\n")
        .addModifiers(Modifier.PUBLIC)
        .returns(returnType)
        .addParameter(DURATION, "timeout");
  }

  /**
   * The public methods a real {@code Ref} inherits from {@code AbstractRef}: {@code isDone} and
   * {@code isConsumed} (of {@code SingleUse}), and {@code execution()}. A stub's {@code Ref}, which
   * does not extend {@code AbstractRef} (a stub names no internal type), declares them.
   */
  List<MethodSpec.Builder> refInherited() {
    return List.of(
        MethodSpec.methodBuilder("isDone").addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC).returns(boolean.class),
        MethodSpec.methodBuilder("isConsumed").addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC).returns(boolean.class),
        MethodSpec.methodBuilder("execution")
            .addJavadoc("The execution number, 0-based in submission order.\n")
            .addModifiers(Modifier.PUBLIC).returns(long.class));
  }

  // ------------------------------------------------------------------ Execution

  /**
   * The nested {@code Execution} record, a journal member: the execution's number, whether it
   * completed, its inputs, and its result (boxed) or failure.
   */
  TypeSpec execution() {
    MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
    ctor.addParameter(long.class, "number");
    ctor.addParameter(boolean.class, "completed");
    StringBuilder doc = new StringBuilder();
    for (GraphModel.InputParam in : sig.inputs()) {
      ctor.addParameter(ParameterSpec.builder(inputType(in), in.javaName()).build());
      doc.append("@param ").append(in.javaName()).append(" input {@code ").append(in.name()).append("}\n");
    }
    ctor.addParameter(returnType.box(), "result");
    ctor.addParameter(RuntimeTypes.FAILURE, "failure");
    return TypeSpec.recordBuilder(executionClass)
        .addJavadoc("One journaled execution of {@code $L}: its inputs, and its result or failure.\n\n"
            + "@param number the execution number, 0-based per graph instance\n"
            + "@param completed whether the journal holds its result or failure (not when the process stopped first)\n"
            + "$L"
            + "@param result the result; {@code null} when it failed or did not complete\n"
            + "@param failure what the failing actor method threw; {@code null} when it succeeded or did not complete\n",
            sig.methodName(), doc.toString())
        .addModifiers(Modifier.PUBLIC)
        .recordConstructor(ctor.build())
        .build();
  }

  // ------------------------------------------------------------------ types

  private TypeName actorType(GraphModel.ActorParam a) {
    return stub && a.inaccessible() != null ? ClassName.OBJECT : a.type();
  }

  private TypeName inputType(GraphModel.InputParam in) {
    return stub && in.inaccessible() != null ? ClassName.OBJECT : in.type();
  }
}
