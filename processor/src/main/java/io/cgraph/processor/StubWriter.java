package io.cgraph.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import javax.lang.model.element.Modifier;

/**
 * Writes the class of an invalid graph: the same public methods as a valid one, each throwing
 * {@code IllegalStateException}, so that code using the graph still compiles and the user sees
 * only the real errors.
 */
final class StubWriter {
  private StubWriter() {}

  static TypeSpec write(GraphModel.GraphSignature sig) {
    return write(sig, false, 10);
  }

  /**
   * As {@link #write(GraphModel.GraphSignature)}; a type the stub could not name (reported as
   * {@code [CGraphNotAccessible]}, or on the actor class as {@code [CGraphBadActorClass]}) becomes
   * {@code Object}, so that javac adds no error of its own.
   */
  static TypeSpec write(GraphModel.GraphSignature sig, boolean returnInaccessible, int maxInflight) {
    TypeName returnType = returnInaccessible ? ClassName.OBJECT : sig.returnType();
    ClassName graphClass = sig.graphClass();
    ClassName refClass = graphClass.nestedClass("Ref");
    MethodSpec.Builder compileDefault = MethodSpec.methodBuilder("compile")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(graphClass);
    MethodSpec.Builder compile = MethodSpec.methodBuilder("compile")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(graphClass);
    for (GraphModel.ActorParam a : sig.actors()) {
      TypeName type = a.inaccessible() != null ? ClassName.OBJECT : a.type();
      compileDefault.addParameter(type, a.javaName());
      compile.addParameter(type, a.javaName());
    }
    compile.addParameter(RuntimeTypes.GRAPH_OPTIONS, "options");
    // The placed form too, so that code written against a valid graph finds every method it uses.
    MethodSpec.Builder compilePlaced = MethodSpec.methodBuilder("compile")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(graphClass);
    for (GraphModel.ActorParam a : sig.actors()) {
      TypeName type = a.inaccessible() != null ? ClassName.OBJECT : a.type().box();
      compilePlaced.addParameter(ParameterizedTypeName.get(RuntimeTypes.PLACEMENT, type), a.javaName());
    }
    compilePlaced.addParameter(RuntimeTypes.GRAPH_OPTIONS, "options");
    MethodSpec.Builder stats = MethodSpec.methodBuilder("stats").addModifiers(Modifier.PUBLIC)
        .returns(RuntimeTypes.GRAPH_STATS);
    MethodSpec.Builder execute = MethodSpec.methodBuilder("execute")
        .addModifiers(Modifier.PUBLIC).returns(refClass);
    MethodSpec.Builder executeAsync = MethodSpec.methodBuilder("executeAsync")
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(GraphWriter.COMPLETABLE_FUTURE, returnType.box()));
    for (GraphModel.InputParam in : sig.inputs()) {
      TypeName type = in.inaccessible() != null ? ClassName.OBJECT : in.type();
      execute.addParameter(type, in.javaName());
      executeAsync.addParameter(type, in.javaName());
    }
    // The journal's surface (the real class has it unless the graph carries device tensors; a stub
    // with it always costs nothing): the Execution record, readJournal, fromJournal, replay.
    ClassName executionClass = graphClass.nestedClass(Names.EXECUTION_RECORD);
    TypeSpec execution = ObservabilityWriter.executionRecord(sig, returnType);
    MethodSpec readJournal = fails(MethodSpec.methodBuilder("readJournal")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(ParameterizedTypeName.get(ObservabilityWriter.STREAM, executionClass))
        .addParameter(ObservabilityWriter.PATH, "dir"));
    MethodSpec fromJournal = fails(MethodSpec.methodBuilder("fromJournal")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(executionClass)
        .addParameter(RuntimeTypes.JOURNAL_ENTRY, "entry"));
    MethodSpec replay = fails(MethodSpec.methodBuilder("replay")
        .addModifiers(Modifier.PUBLIC)
        .returns(refClass)
        .addParameter(executionClass, "execution"));
    MethodSpec toDot = fails(MethodSpec.methodBuilder("toDot")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(String.class));
    MethodSpec close = fails(MethodSpec.methodBuilder("close")
        .addAnnotation(Override.class).addModifiers(Modifier.PUBLIC));

    TypeSpec ref = TypeSpec.classBuilder(refClass)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(RuntimeTypes.SINGLE_USE)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(fails(MethodSpec.methodBuilder("get").addModifiers(Modifier.PUBLIC).returns(returnType)))
        .addMethod(fails(MethodSpec.methodBuilder("get").addModifiers(Modifier.PUBLIC).returns(returnType)
            .addParameter(GraphWriter.DURATION, "timeout")))
        .addMethod(fails(MethodSpec.methodBuilder("isDone").addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC).returns(boolean.class)))
        .addMethod(fails(MethodSpec.methodBuilder("isConsumed").addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC).returns(boolean.class)))
        .build();

    TypeSpec.Builder type = TypeSpec.classBuilder(graphClass)
        .addJavadoc("Stands in for the graph of {@code $L}, which has compile errors: every method throws.\n",
            sig.methodName())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(ClassName.get(AutoCloseable.class))
        .addField(FieldSpec.builder(int.class, Names.MAX_INFLIGHT_FIELD, Modifier.PUBLIC, Modifier.STATIC,
                Modifier.FINAL)
            .initializer("$L", maxInflight) // the @Graph value as written, as the real class has it
            .build())
        .addField(FieldSpec.builder(String.class, "ERROR", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("$S", Messages.graphFailed(sig.className()))
            .build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(fails(compileDefault))
        .addMethod(fails(compile));
    if (!sig.actors().isEmpty()) { // with no actor (itself an error) it would repeat compile(options)
      type.addMethod(fails(compilePlaced));
    }
    return type
        .addMethod(fails(execute))
        .addMethod(fails(executeAsync))
        .addMethod(toDot)
        .addMethod(close)
        .addMethod(fails(stats))
        .addMethod(readJournal)
        .addMethod(fromJournal)
        .addMethod(replay)
        .addType(ref)
        .addType(execution)
        .build();
  }

  private static MethodSpec fails(MethodSpec.Builder m) {
    return m.addStatement("throw new $T(ERROR)", IllegalStateException.class).build();
  }
}
