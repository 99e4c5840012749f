package io.cgraph.processor;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;

/**
 * {@code [CGraphActorInUse]} (a warning): an actor's {@code @GraphMethod} called directly on a
 * local actor that was handed to the {@code compile} of a graph still open on every path to the
 * call ({@link Messages#actorInUse}); the graph's actor thread may be running it at the same time.
 */
final class ActorInUseRule implements MisuseRule<ActorInUseRule.Leases> {
  /** Graph variables compiled here and not closed → the actor variables they hold, in compile order. */
  static final class Leases implements MisuseRule.Facts<Leases> {
    private final Map<Element, Set<Element>> leases = new LinkedHashMap<>();

    @Override
    public Leases copy() {
      Leases l = new Leases();
      leases.forEach((g, a) -> l.leases.put(g, new HashSet<>(a)));
      return l;
    }

    @Override
    public void meet(Leases other) {
      leases.keySet().retainAll(other.leases.keySet());
      leases.forEach((g, a) -> a.retainAll(other.leases.get(g)));
    }

    @Override
    public void forget(Set<Element> vars) {
      leases.keySet().removeAll(vars);
      leases.values().forEach(a -> a.removeAll(vars));
    }
  }

  @Override
  public Leases start() {
    return new Leases();
  }

  @Override
  public void onCall(MisuseContext cx, MethodInvocationTree call, Element receiver, ExecutableElement method,
      Leases facts) {
    if (cx.graphMethod(receiver, method) != null) {
      if (method.getSimpleName().contentEquals("close")) {
        facts.leases.remove(receiver);
      }
      return;
    }
    if (cx.isActor(receiver) && ActorRules.hasAnnotation(method, RuntimeTypes.GRAPH_METHOD)) {
      for (Map.Entry<Element, Set<Element>> lease : facts.leases.entrySet()) {
        if (lease.getValue().contains(receiver)) {
          cx.report(Messages.actorInUse(receiver.getSimpleName().toString(), method.getSimpleName().toString(),
              lease.getKey().getSimpleName().toString()), call);
          return;
        }
      }
    }
  }

  /** {@code g = G.compile(..., actor, ...)}: g holds the local actors passed to it. */
  @Override
  public void onAssign(MisuseContext cx, Element var, MethodInvocationTree init, ExecutableElement method,
      Leases facts) {
    if (cx.compiledGraph(var, method) == null) {
      return;
    }
    Set<Element> actors = new HashSet<>();
    for (ExpressionTree arg : init.getArguments()) {
      Element a = cx.unwrap(arg) instanceof IdentifierTree id ? cx.element(id) : null;
      if (cx.isLocal(a) && cx.isActor(a)) {
        actors.add(a);
      }
    }
    facts.leases.put(var, actors);
  }
}
