package io.cgraph.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The observability members of a graph class: {@code stats()}, and for the journal the nested
 * {@code Execution} record, {@code readJournal}, {@code fromJournal} and {@code replay}. The journal
 * members decode with the graph's own codecs. A graph that carries device tensors gets only
 * {@code stats()}: a journaled tensor is a descriptor of device memory that is gone when it is read.
 */
final class ObservabilityWriter {
  static final ClassName PATH = ClassName.get("java.nio.file", "Path");
  static final ClassName STREAM = ClassName.get("java.util.stream", "Stream");

  private final GraphModel model;
  private final GraphModel.GraphSignature sig;
  private final CodecWriter codecs;
  private final ClassName executionClass;
  private final boolean journaled;

  ObservabilityWriter(GraphModel model, CodecWriter codecs) {
    this.model = model;
    this.sig = model.signature();
    this.codecs = codecs;
    this.executionClass = sig.graphClass().nestedClass(Names.EXECUTION_RECORD);
    this.journaled = !model.driverSeesDeviceTensors();
  }

  MethodSpec stats() {
    return MethodSpec.methodBuilder("stats")
        .addJavadoc("A snapshot of this graph's counters: executions, in flight, failures, per-actor busy time,\n"
            + "per-channel waits.\n")
        .addModifiers(Modifier.PUBLIC)
        .returns(RuntimeTypes.GRAPH_STATS)
        .addStatement("return runtime.stats()")
        .build();
  }

  /** {@code readJournal}, {@code fromJournal} and {@code replay}; none for a graph that carries device tensors. */
  List<MethodSpec> journalMethods() {
    List<MethodSpec> methods = new ArrayList<>();
    if (!journaled) {
      return methods;
    }
    methods.add(MethodSpec.methodBuilder("readJournal")
        .addJavadoc("Every execution journaled in {@code dir} ({@code GraphOptions.withJournal}), in order; those\n"
            + "without a result come last. Close the stream to close the journal.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(ParameterizedTypeName.get(STREAM, executionClass))
        .addParameter(PATH, "dir")
        .addStatement("return $T.stream(dir, $T::fromJournal)", RuntimeTypes.JOURNAL_READER, sig.graphClass())
        .build());
    methods.add(fromJournal());
    List<CodeBlock> args = new ArrayList<>();
    for (GraphModel.InputParam in : sig.inputs()) {
      args.add(CodeBlock.of("execution.$N()", in.javaName()));
    }
    methods.add(MethodSpec.methodBuilder("replay")
        .addJavadoc("Executes a journaled execution's inputs again on this graph.\n")
        .addModifiers(Modifier.PUBLIC)
        .returns(sig.graphClass().nestedClass("Ref"))
        .addParameter(executionClass, "execution")
        .addStatement("return execute($L)", CodeBlock.join(args, ", "))
        .build());
    return methods;
  }

  private MethodSpec fromJournal() {
    MethodSpec.Builder m = MethodSpec.methodBuilder("fromJournal")
        .addJavadoc("Decodes one raw journal entry (see {@code JournalReader}) of this graph.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(executionClass)
        .addParameter(RuntimeTypes.JOURNAL_ENTRY, "entry");
    List<CodeBlock> args = new ArrayList<>();
    args.add(CodeBlock.of("entry.execution()"));
    args.add(CodeBlock.of("entry.hasResult()"));
    int n = sig.inputs().size();
    if (n > 0) {
      m.addStatement("$T r = entry.input()", RuntimeTypes.SLOT_READER);
    }
    for (int i = 0; i < n; i++) {
      GraphModel.InputParam in = sig.inputs().get(i);
      if (n > 1) {
        m.addStatement("r.seek(r.readIntAt($L))", i * Integer.BYTES);
      }
      m.addStatement("$T $N = $L", in.type(), in.javaName(), codecs.read(in.transfer(), CodeBlock.of("r")));
      args.add(CodeBlock.of("$N", in.javaName()));
    }
    TypeName result = sig.returnType().box();
    m.addStatement("$T failure = entry.failure()", RuntimeTypes.FAILURE);
    m.addStatement("$T result = null", result);
    m.beginControlFlow("if (entry.hasResult() && failure == null)");
    m.addStatement("$T[] outputs = entry.outputs()", RuntimeTypes.SLOT_READER);
    List<Integer> outputs = model.outputCalls();
    if (model.output() instanceof GraphModel.SingleOutput single) {
      GraphModel.CallNode c = model.calls().get(single.call());
      m.addStatement("result = $L", codecs.read(c.transfer(), CodeBlock.of("outputs[0]")));
    } else if (model.output() instanceof GraphModel.RecordOutput record) {
      for (int i = 0; i < outputs.size(); i++) {
        GraphModel.CallNode c = model.calls().get(outputs.get(i));
        m.addStatement("$T $N = $L", c.type(), c.javaName(), codecs.read(c.transfer(), CodeBlock.of("outputs[$L]", i)));
      }
      List<CodeBlock> components = new ArrayList<>();
      for (GraphModel.Arg a : record.components()) {
        if (a instanceof GraphModel.LocalArg l) {
          components.add(CodeBlock.of("$N", model.calls().get(l.call()).javaName()));
        } else if (a instanceof GraphModel.ConstantArg k) {
          components.add(CodeBlock.of("$L", k.code()));
        }
      }
      m.addStatement("result = new $T($L)", record.recordType(), CodeBlock.join(components, ",$W"));
    }
    m.endControlFlow();
    args.add(CodeBlock.of("result"));
    args.add(CodeBlock.of("failure"));
    return m.addStatement("return new $T($L)", executionClass, CodeBlock.join(args, ",$W")).build();
  }

  /** The nested {@code Execution} record (none for a graph that carries device tensors). */
  TypeSpec executionRecord() {
    return journaled ? executionRecord(sig, sig.returnType()) : null;
  }

  /**
   * The {@code Execution} record of {@code sig}'s graph, with {@code result} of type
   * {@code returnType} boxed; an input whose type the graph's class cannot name (an invalid graph's
   * stub) is an {@code Object}. Shared by the real class and the stub, so both have one shape.
   */
  static TypeSpec executionRecord(GraphModel.GraphSignature sig, TypeName returnType) {
    MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
    ctor.addParameter(long.class, "number");
    ctor.addParameter(boolean.class, "completed");
    StringBuilder doc = new StringBuilder();
    for (GraphModel.InputParam in : sig.inputs()) {
      TypeName type = in.inaccessible() != null ? ClassName.OBJECT : in.type();
      ctor.addParameter(ParameterSpec.builder(type, in.javaName()).build());
      doc.append("@param ").append(in.javaName()).append(" input {@code ").append(in.name()).append("}\n");
    }
    ctor.addParameter(returnType.box(), "result");
    ctor.addParameter(RuntimeTypes.FAILURE, "failure");
    return TypeSpec.recordBuilder(sig.graphClass().nestedClass(Names.EXECUTION_RECORD))
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
}
