package io.cgraph.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The DOT text of a graph, for Graphviz: the same text {@code toDot()} returns and the resource holds.
 * Each actor is a cluster ({@code subgraph cluster_<actor>}, labelled {@code actor: Class}) holding
 * its calls in program order; the input and output nodes, each collective (one hexagon naming its
 * participants) and all edges sit outside the clusters.
 */
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
    for (GraphModel.ActorParam actor : s.actors()) {
      b.append("  subgraph ").append(id("cluster_" + actor.name())).append(" {\n");
      b.append("    label=\"").append(escape(actor.name() + ": " + simpleName(actor.type()))).append("\";\n");
      for (GraphModel.CallNode c : model.calls()) {
        if (c.actor() == actor.index() && c.collective() == null) {
          b.append("    c").append(c.index()).append(" [label=\"").append(escape(c.describe(s, model.calls())))
              .append("\"];\n");
        }
      }
      b.append("  }\n");
    }
    for (GraphModel.CallNode c : model.calls()) {
      if (c.collective() != null) {
        // one node for the whole collective, outside the clusters, naming its participants
        String participants = c.collective().participants().stream().map(p -> s.actors().get(p).name())
            .collect(Collectors.joining(", "));
        b.append("  c").append(c.index()).append(" [shape=hexagon, label=\"")
            .append(escape(c.describe(s, model.calls()))).append("\\nparticipants: ").append(escape(participants))
            .append("\"];\n");
      }
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

  /** The actor's class as its simple name ({@code Adder}, not {@code com.example.Adder}). */
  private static String simpleName(TypeName type) {
    return type instanceof ClassName c ? c.simpleName() : type.toString();
  }

  /** A DOT identifier: as is when it is one (letters, digits, {@code _}), else quoted. */
  private static String id(String name) {
    return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : "\"" + escape(name) + "\"";
  }

  /** Escapes a label for a DOT double-quoted string. */
  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
