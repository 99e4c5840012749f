package io.cgraph.processor;

import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;

/**
 * One check of the misuse checker: the facts it keeps about a body and what it does at the calls
 * and assignments {@link MisuseFlow} meets in order. The flow copies, meets and forgets the facts
 * over branches, loops, {@code try} blocks and lambdas; a rule only says how its own facts do
 * that and reacts to the code (it is given every call on a local, a graph's {@code close} too, so
 * it drops by itself what a close ends). Rules are listed, in the order they look at a call, in
 * {@link MisuseChecker#RULES}; only the first finding on a tree is reported.
 *
 * <p>A rule keeps no state of its own (one instance serves every body); its messages come from
 * {@link Messages}, which also decides their kind. Missing a misuse is acceptable; reporting valid
 * code is not.
 *
 * @param <F> the rule's facts
 */
interface MisuseRule<F extends MisuseRule.Facts<F>> {
  /**
   * What a rule knows on every path to a point of a body, as a mutable value the flow copies at
   * each branch.
   */
  interface Facts<F extends Facts<F>> {
    /** An independent copy. */
    F copy();

    /** Keeps only what both this and {@code other} hold (two paths join). */
    void meet(F other);

    /** Drops every fact about {@code vars}: they are assigned, or may be. The flow then calls {@link #escape}. */
    void forget(Set<Element> vars);

    /** {@code vars} may now be read elsewhere (handed on, or mentioned by a lambda or a loop). */
    default void escape(Set<Element> vars) {}

    /**
     * A loop body starts: drops what an earlier iteration may have changed (the flow has already
     * forgotten the variables the loop assigns).
     */
    default void enterLoop() {}

    /** A {@code catch} or {@code finally} block starts: it may follow any part of the {@code try} block. */
    default void enterHandler() {}
  }

  /** The facts at the start of a body: none. */
  F start();

  /** {@code receiver.method(...)} on a local {@code receiver}, after its arguments were followed. */
  default void onCall(MisuseContext cx, MethodInvocationTree call, Element receiver, ExecutableElement method,
      F facts) {}

  /**
   * {@code var = init(...)} (or a declaration) of a local from a call, after {@code init} was
   * followed and the old facts about {@code var} were forgotten.
   */
  default void onAssign(MisuseContext cx, Element var, MethodInvocationTree init, ExecutableElement method,
      F facts) {}

  /** After a loop that may run its {@code body} more than once. */
  default void afterLoop(MisuseContext cx, Tree loop, StatementTree body) {}

  /**
   * The facts of a rule that tracks a set of variables (read Refs, closed graphs): what holds on
   * every path is the intersection; an assigned variable leaves the set.
   */
  final class VariableSet implements Facts<VariableSet> {
    private final Set<Element> vars = new java.util.HashSet<>();
    private final boolean clearedInLoops;

    /** @param clearedInLoops whether a loop body starts without the facts from before (an earlier iteration's) */
    VariableSet(boolean clearedInLoops) {
      this.clearedInLoops = clearedInLoops;
    }

    boolean contains(Element var) {
      return vars.contains(var);
    }

    void add(Element var) {
      vars.add(var);
    }

    @Override
    public VariableSet copy() {
      VariableSet c = new VariableSet(clearedInLoops);
      c.vars.addAll(vars);
      return c;
    }

    @Override
    public void meet(VariableSet other) {
      vars.retainAll(other.vars);
    }

    @Override
    public void forget(Set<Element> assigned) {
      vars.removeAll(assigned);
    }

    @Override
    public void enterLoop() {
      if (clearedInLoops) {
        vars.clear();
      }
    }
  }
}
