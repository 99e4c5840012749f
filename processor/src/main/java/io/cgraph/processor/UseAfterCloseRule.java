package io.cgraph.processor;

import com.sun.source.tree.MethodInvocationTree;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;

/**
 * {@code [CGraphUseAfterClose]}: a graph's instance method called on a graph variable that is
 * closed on every path to the call ({@link Messages#useAfterClose}).
 */
final class UseAfterCloseRule implements MisuseRule<MisuseRule.VariableSet> {
  /** The graph variables closed. */
  @Override
  public MisuseRule.VariableSet start() {
    return new MisuseRule.VariableSet(false);
  }

  @Override
  public void onCall(MisuseContext cx, MethodInvocationTree call, Element receiver, ExecutableElement method,
      MisuseRule.VariableSet facts) {
    if (cx.graphMethod(receiver, method) == null) {
      return;
    }
    String name = method.getSimpleName().toString();
    if (name.equals("close")) {
      facts.add(receiver);
    } else if (facts.contains(receiver)) {
      cx.report(Messages.useAfterClose(receiver.getSimpleName().toString(), name), call);
    }
  }
}
