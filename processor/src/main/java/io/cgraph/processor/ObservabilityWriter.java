package io.cgraph.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The bodies of the observability members of a graph class (declared by {@link GraphSurface}):
 * {@code stats()}, and for the journal the nested {@code Execution} record, {@code readJournal},
 * {@code fromJournal} and {@code replay}. The journal members decode with the graph's own codecs.
 * A graph that carries device tensors gets only {@code stats()} ({@link GraphSurface#of}).
 */
final class ObservabilityWriter {
  private final GraphModel model;
  private final GraphModel.GraphSignature sig;
  private final GraphSurface surface;
  private final CodecWriter codecs;
  private final ClassName executionClass;

  ObservabilityWriter(GraphModel model, GraphSurface surface, CodecWriter codecs) {
    this.model = model;
    this.sig = model.signature();
    this.surface = surface;
    this.codecs = codecs;
    this.executionClass = sig.graphClass().nestedClass(Names.EXECUTION_RECORD);
  }

  MethodSpec stats() {
    return surface.stats().addStatement("return runtime.stats()").build();
  }

  /** {@code readJournal}, {@code fromJournal} and {@code replay}; none for a graph that carries device tensors. */
  List<MethodSpec> journalMethods() {
    List<MethodSpec> methods = new ArrayList<>();
    if (!surface.journaled()) {
      return methods;
    }
    methods.add(surface.readJournal()
        .addStatement("return $T.stream(dir, $T::fromJournal)", RuntimeTypes.JOURNAL_READER, sig.graphClass())
        .build());
    methods.add(fromJournal());
    List<CodeBlock> args = new ArrayList<>();
    for (GraphModel.InputParam in : sig.inputs()) {
      args.add(CodeBlock.of("execution.$N()", in.javaName()));
    }
    methods.add(surface.replay()
        .addStatement("return execute($L)", CodeBlock.join(args, ", "))
        .build());
    return methods;
  }

  private MethodSpec fromJournal() {
    MethodSpec.Builder m = surface.fromJournal();
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
    return surface.journaled() ? surface.execution() : null;
  }
}
