package io.cgraph.processor;

import com.sun.source.tree.MethodInvocationTree;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;

/**
 * {@code [CGraphUseAfterClose]}: a graph's instance method called on a graph variable that is
 * closed on every path to the call ({@link Messages#useAfterClose}).
 */
final class UseAfterCloseRule implements MisuseRule<UseAfterCloseRule.Closed> {
  /** Graph variables closed. */
  static final class Closed implements MisuseRule.Facts<Closed> {
    private final Set<Element> closed = new HashSet<>();

    @Override
    public Closed copy() {
      Closed c = new Closed();
      c.closed.addAll(closed);
      return c;
    }

    @Override
    public void meet(Closed other) {
      closed.retainAll(other.closed);
    }

    @Override
    public void forget(Set<Element> vars) {
      closed.removeAll(vars);
    }
  }

  @Override
  public Closed start() {
    return new Closed();
  }

  @Override
  public void onCall(MisuseContext cx, MethodInvocationTree call, Element receiver, ExecutableElement method,
      Closed facts) {
    if (cx.graphMethod(receiver, method) == null) {
      return;
    }
    String name = method.getSimpleName().toString();
    if (name.equals("close")) {
      facts.closed.add(receiver);
    } else if (facts.closed.contains(receiver)) {
      cx.report(Messages.useAfterClose(receiver.getSimpleName().toString(), name), call);
    }
  }
}
