package io.cgraph.processor;

import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * {@code [CGraphTooManyInFlight]}: an {@code execute} on a graph compiled here with the
 * {@code @Graph} defaults (no {@code GraphOptions}) while its unread results already fill
 * maxInflight plus the default buffer of arrived results ({@link Messages#tooManyInFlight}). A
 * result counts as unread while its {@code Ref} is held only in a local that is used again later
 * and has not been read, handed on or mentioned by a lambda or loop.
 */
final class CapacityRule implements MisuseRule<CapacityRule.InFlight> {
  /** The graphs this rule counts and, for each, the results it has executed and nobody has read. */
  static final class InFlight implements MisuseRule.Facts<InFlight> {
    /** Graph variables compiled here with the @Graph defaults → their maxInflight plus the default buffer. */
    private final Map<Element, Integer> limits = new HashMap<>();
    /** Graph variables with a limit → Ref variables it executed, unread and held only here. */
    private final Map<Element, List<Element>> unread = new HashMap<>();

    @Override
    public InFlight copy() {
      InFlight f = new InFlight();
      f.limits.putAll(limits);
      unread.forEach((g, r) -> f.unread.put(g, new ArrayList<>(r)));
      return f;
    }

    @Override
    public void meet(InFlight other) {
      limits.entrySet().removeIf(e -> !e.getValue().equals(other.limits.get(e.getKey())));
      unread.keySet().retainAll(limits.keySet());
      unread.keySet().retainAll(other.unread.keySet());
      unread.forEach((g, r) -> r.retainAll(other.unread.get(g)));
    }

    @Override
    public void forget(Set<Element> vars) {
      limits.keySet().removeAll(vars);
      unread.keySet().removeAll(vars);
    }

    /** {@code vars} may now be read elsewhere: they no longer count as unread here. */
    @Override
    public void escape(Set<Element> vars) {
      unread.values().forEach(r -> r.removeAll(vars));
    }

    /** Iterations are not counted. */
    @Override
    public void enterLoop() {
      limits.clear();
      unread.clear();
    }

    /** A handler may start before any of the results were executed. */
    @Override
    public void enterHandler() {
      unread.values().forEach(List::clear);
    }
  }

  @Override
  public InFlight start() {
    return new InFlight();
  }

  @Override
  public void onCall(MisuseContext cx, MethodInvocationTree call, Element receiver, ExecutableElement method,
      InFlight facts) {
    if (cx.isRefGet(receiver, method)) {
      facts.escape(Set.of(receiver)); // read
      return;
    }
    MisuseContext.GraphType graph = cx.graphMethod(receiver, method);
    if (graph == null) {
      return;
    }
    if (method.getSimpleName().contentEquals("close")) {
      facts.limits.remove(receiver);
      facts.unread.remove(receiver);
    } else if (method.getSimpleName().contentEquals("execute")) {
      check(cx, call, receiver, graph, facts);
    }
  }

  private static void check(MisuseContext cx, MethodInvocationTree call, Element graphVar,
      MisuseContext.GraphType graph, InFlight facts) {
    Integer limit = facts.limits.get(graphVar);
    List<Element> unread = facts.unread.get(graphVar);
    if (limit == null || unread == null) {
      return;
    }
    unread.removeIf(ref -> !cx.usedAfter(ref, call)); // a Ref nobody reads again may be collected, freeing its slot
    if (unread.size() >= limit) {
      List<String> names = unread.stream().map(e -> e.getSimpleName().toString()).collect(Collectors.toList());
      cx.report(Messages.tooManyInFlight(graphVar.getSimpleName().toString(),
          graph.element().getSimpleName().toString(), limit - RuntimeTypes.DEFAULT_MAX_BUFFERED_RESULTS,
          RuntimeTypes.DEFAULT_MAX_BUFFERED_RESULTS, names), call);
      unread.clear();
    }
  }

  /** {@code ref = g.execute(...)} adds an unread result to g; {@code g = G.compile(...)} starts counting g. */
  @Override
  public void onAssign(MisuseContext cx, Element var, MethodInvocationTree init, ExecutableElement method,
      InFlight facts) {
    if (cx.isRef(var.asType()) && method.getSimpleName().contentEquals("execute")
        && init.getMethodSelect() instanceof MemberSelectTree select
        && cx.unwrap(select.getExpression()) instanceof IdentifierTree g) {
      List<Element> unread = facts.unread.get(cx.element(g));
      if (unread != null) {
        unread.add(var);
      }
      return;
    }
    MisuseContext.GraphType graph = cx.compiledGraph(var, method);
    if (graph == null) {
      return;
    }
    List<? extends VariableElement> params = method.getParameters();
    boolean options = !params.isEmpty()
        && cx.types().erasure(params.get(params.size() - 1).asType()).toString()
            .equals(RuntimeTypes.GRAPH_OPTIONS.canonicalName());
    if (!options && graph.maxInflight() != null) { // with GraphOptions the limits may differ: not counted
      // maxInflight in the pipeline plus the default buffer of arrived, unread results
      facts.limits.put(var, graph.maxInflight() + RuntimeTypes.DEFAULT_MAX_BUFFERED_RESULTS);
      facts.unread.put(var, new ArrayList<>());
    }
  }
}
