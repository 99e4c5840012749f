package io.cgraph.processor;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a parsed {@link GraphModel} against the graph rules that need the whole graph: every
 * parameter and every result is used, and every value that crosses a channel has a transferable
 * type that generated code can name. Kept apart from parsing so that it can grow (the full rule set
 * and the misuse checker read the same model).
 */
final class ModelValidator {
  private final Diagnostics diagnostics;

  ModelValidator(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /**
   * Validates {@code model}; {@code referenced} holds every name the body mentions, even in
   * statements already reported invalid, so that a parameter or result used only there is not
   * reported unused as well.
   */
  void validate(GraphModel model, Set<String> referenced) {
    GraphModel.GraphSignature s = model.signature();
    Set<Integer> usedInputs = new HashSet<>();
    Set<Integer> usedActors = new HashSet<>();
    Set<Integer> usedCalls = new HashSet<>();
    Set<Integer> crossing = new HashSet<>();
    for (GraphModel.CallNode c : model.calls()) {
      usedActors.add(c.actor());
      if (c.collective() != null) {
        usedActors.addAll(c.collective().participants());
      }
      for (GraphModel.Arg a : c.args()) {
        if (a instanceof GraphModel.InputArg in) {
          usedInputs.add(in.input());
        } else if (a instanceof GraphModel.LocalArg l) {
          usedCalls.add(l.call());
          if (c.collective() == null && !model.calls().get(l.call()).runsOn(c.actor())) {
            crossing.add(l.call());
          }
        }
      }
    }
    checkCollectives(model);
    for (int call : model.outputCalls()) {
      usedCalls.add(call);
      crossing.add(call);
    }

    for (GraphModel.InputParam in : s.inputs()) {
      if (!usedInputs.contains(in.index()) && !referenced.contains(in.name())) {
        diagnostics.error(in.site(), Messages.unusedParameter("input", in.name()));
      }
      if (in.transfer() == null && in.notTransferable() != null) {
        for (NotTransferable.Problem p : in.notTransferable().problems()) {
          diagnostics.error(in.site(), Messages.notTransferable("input " + in.name(), p.describe(), p.reason(),
              p.substitute()));
        }
      }
      if (in.inaccessible() != null) {
        diagnostics.error(in.site(), Messages.notAccessible("input " + in.name(), in.inaccessible(),
            s.packageName()));
      }
    }
    for (GraphModel.ActorParam a : s.actors()) {
      if (!usedActors.contains(a.index()) && !referenced.contains(a.name())) {
        diagnostics.error(a.site(), Messages.unusedParameter("actor", a.name()));
      }
    }
    for (GraphModel.CallNode c : model.calls()) {
      if (c.bound() && c.collective() == null && !usedCalls.contains(c.index()) && !referenced.contains(c.name())) {
        diagnostics.error(c.site(), Messages.unusedResult(c.name()));
      }
      if (crossing.contains(c.index()) && c.transfer() == null && c.notTransferable() != null) {
        String what = c.bound() ? "the value " + c.name() + " of " + c.actorAndMethod(s)
            : "the result of " + c.actorAndMethod(s);
        for (NotTransferable.Problem p : c.notTransferable().problems()) {
          diagnostics.error(c.site(), Messages.notTransferable(what, p.describe(), p.reason(), p.substitute()));
        }
      }
      if (c.inaccessible() != null) {
        diagnostics.error(c.site(), Messages.notAccessible("the value " + c.name(), c.inaccessible(),
            s.packageName()));
      }
    }
  }

  /**
   * The readers of every collective's result: participants only (a reduceScatter's each its own
   * share), every participant (every receiver of a broadcast) at least once, and not the driver.
   */
  private void checkCollectives(GraphModel model) {
    GraphModel.GraphSignature s = model.signature();
    List<GraphModel.CallNode> calls = model.calls();
    for (GraphModel.CallNode c : calls) {
      GraphModel.Collective collective = c.collective();
      if (collective == null) {
        continue;
      }
      Set<Integer> readers = new HashSet<>();
      for (GraphModel.CallNode later : calls.subList(c.index() + 1, calls.size())) {
        for (GraphModel.Arg a : later.args()) {
          if (!(a instanceof GraphModel.LocalArg l) || l.call() != c.index()) {
            continue;
          }
          String text = later.describe(s, calls);
          String actor = s.actors().get(later.actor()).name();
          int rank = collective.rank(later.actor());
          if (rank < 0) {
            diagnostics.error(later.site(), Messages.collectiveReadByOutsider(c.name(), text, actor));
          } else {
            readers.add(later.actor()); // read, though perhaps not as it must be:
            if (collective.kind() == GraphModel.Collective.Kind.REDUCE_SCATTER && l.share() < 0) {
              diagnostics.error(later.site(), Messages.collectiveWholeShares(c.name(), text));
            } else if (l.share() >= 0 && l.share() != rank) {
              diagnostics.error(later.site(), Messages.collectiveShareOfOther(a.describe(s, calls), text, actor, rank,
                  c.name()));
            }
          }
        }
      }
      if (collective.onTensors()) {
        for (GraphModel.Arg operand : c.args()) {
          int o = ((GraphModel.LocalArg) operand).call();
          for (GraphModel.CallNode other : calls) {
            if (other != c && other.args().stream().anyMatch(a -> a instanceof GraphModel.LocalArg l && l.call() == o)) {
              diagnostics.error(other.site(), Messages.collectiveTensorShared(calls.get(o).name(),
                  other.describe(s, calls)));
            }
          }
          if (model.outputCalls().contains(o)) {
            diagnostics.error(c.site(), Messages.collectiveTensorShared(calls.get(o).name(), "the graph's return"));
          }
        }
      }
      List<Integer> mustRead = collective.kind() == GraphModel.Collective.Kind.BROADCAST
          ? collective.participants().subList(1, collective.participants().size()) : collective.participants();
      for (int p : mustRead) {
        if (!readers.contains(p)) {
          diagnostics.error(c.site(), Messages.collectiveNotRead(c.name(), s.actors().get(p).name()));
        }
      }
    }
    if (model.output() instanceof GraphModel.RecordOutput record) {
      for (GraphModel.Arg a : record.components()) {
        if (a instanceof GraphModel.LocalArg l && calls.get(l.call()).collective() != null) {
          diagnostics.error(calls.get(l.call()).site(), Messages.collectiveReturned(a.describe(s, calls)));
        }
      }
    }
  }
}
