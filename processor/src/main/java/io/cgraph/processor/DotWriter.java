package io.cgraph.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The DOT text of a graph, for Graphviz: the same text {@code toDot()} returns and the resource holds. */
final class DotWriter {
  private DotWriter() {}

  static String dot(GraphModel model) {
    GraphModel.GraphSignature s = model.signature();
    StringBuilder b = new StringBuilder();
    b.append("digraph ").append(s.className()).append(" {\n");
    b.append("  rankdir=LR;\n");
    String inputs = s.inputs().stream().map(GraphModel.InputParam::name).collect(Collectors.joining(", "));
    b.append("  input [shape=box, label=\"input\\n(").append(escape(inputs)).append(")\"];\n");
    b.append("  output [shape=box, label=\"output\\n").append(escape(s.returnDisplay())).append("\"];\n");
    for (GraphModel.CallNode c : model.calls()) {
      b.append("  c").append(c.index()).append(" [label=\"").append(escape(c.describe(s, model.calls())))
          .append("\"];\n");
    }
    for (GraphModel.CallNode c : model.calls()) {
      List<Integer> producers = new ArrayList<>();
      boolean input = false;
      for (GraphModel.Arg a : c.args()) {
        if (a instanceof GraphModel.InputArg) {
          input = true;
        } else if (a instanceof GraphModel.LocalArg l && !producers.contains(l.call())) {
          producers.add(l.call());
        }
      }
      if (input) {
        b.append("  input -> c").append(c.index()).append(";\n");
      }
      for (int p : producers) {
        b.append("  c").append(p).append(" -> c").append(c.index()).append(";\n");
      }
    }
    for (int call : model.outputCalls()) {
      b.append("  c").append(call).append(" -> output;\n");
    }
    return b.append("}\n").toString();
  }

  /** Escapes a label for a DOT double-quoted string. */
  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
