package io.cgraph.processor;

import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Follows one method, initializer or lambda body in order for the {@link MisuseChecker}, keeping
 * each rule's facts ({@link MisuseRule.Facts}) so that they hold on every path: branches keep what
 * all of them agree on ({@code meet}); loops and {@code catch} blocks start from what no iteration
 * or exception can change ({@code forget}, {@code enterLoop}, {@code enterHandler}); a lambda, a
 * local class or any use of a local other than a call on it only lets values escape.
 *
 * <p>It knows no rule: at each call on a local it calls every rule's {@code onCall}, at each
 * assignment of a local from a call every rule's {@code onAssign}, after each loop that may repeat
 * every rule's {@code afterLoop}, in the order of {@link MisuseChecker#RULES}. It is also what the
 * rules ask ({@link MisuseContext}).
 */
final class MisuseFlow extends TreeScanner<Void, MisuseFlow.State> implements MisuseContext {
  private final MisuseChecker checker;
  private final Trees trees;
  private final SourcePositions positions;
  private final CompilationUnitTree unit;
  private final TreePath base;
  private final Tree body;
  /** Every use of every local of the body, for liveness. */
  private final Map<Element, List<IdentifierTree>> uses = new HashMap<>();
  private final Set<Tree> reported = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  MisuseFlow(MisuseChecker checker, CompilationUnitTree unit, TreePath base, Tree body) {
    this.checker = checker;
    this.trees = checker.trees();
    this.positions = trees.getSourcePositions();
    this.unit = unit;
    this.base = base;
    this.body = body;
  }

  void run() {
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        Element e = element(node);
        if (isLocal(e)) {
          uses.computeIfAbsent(e, k -> new ArrayList<>()).add(node);
        }
        return null;
      }
    }.scan(body, null);
    scan(body, new State(MisuseChecker.RULES));
  }

  @Override
  public Element element(Tree tree) {
    return trees.getElement(new TreePath(base, tree));
  }

  /** Reports {@code message} on {@code tree}, once per tree, with the kind its ID has in the catalogue. */
  @Override
  public void report(String message, Tree tree) {
    if (reported.add(tree)) {
      trees.printMessage(Messages.kindOf(message), message, tree, unit);
    }
  }

  /** Whether {@code var} is used after {@code call} starts, outside {@code call}: it is still reachable there. */
  @Override
  public boolean usedAfter(Element var, MethodInvocationTree call) {
    long start = positions.getStartPosition(unit, call);
    Set<Tree> inside = identifiers(call);
    for (IdentifierTree use : uses.getOrDefault(var, List.of())) {
      if (positions.getStartPosition(unit, use) > start && !inside.contains(use)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean isRef(TypeMirror type) {
    return checker.isRef(type);
  }

  @Override
  public GraphType graphType(TypeMirror type) {
    return checker.graphType(type);
  }

  @Override
  public Types types() {
    return checker.types();
  }

  private Set<Tree> identifiers(Tree tree) {
    Set<Tree> found = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        found.add(node);
        return null;
      }
    }.scan(tree, null);
    return found;
  }

  /** The locals a tree mentions. */
  private Set<Element> mentioned(Tree tree) {
    Set<Element> vars = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        Element e = element(node);
        if (isLocal(e)) {
          vars.add(e);
        }
        return null;
      }
    }.scan(tree, null);
    return vars;
  }

  /** The locals a tree assigns (or declares), including inside lambdas and local classes. */
  @Override
  public Set<Element> assigned(Tree tree) {
    Set<Element> vars = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree node, Void unused) {
        addTarget(node.getVariable());
        return super.visitAssignment(node, unused);
      }

      @Override
      public Void visitCompoundAssignment(com.sun.source.tree.CompoundAssignmentTree node, Void unused) {
        addTarget(node.getVariable());
        return super.visitCompoundAssignment(node, unused);
      }

      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        Element e = element(node);
        if (isLocal(e)) {
          vars.add(e);
        }
        return super.visitVariable(node, unused);
      }

      private void addTarget(ExpressionTree target) {
        if (unwrap(target) instanceof IdentifierTree id) {
          Element e = element(id);
          if (isLocal(e)) {
            vars.add(e);
          }
        }
      }
    }.scan(tree, null);
    return vars;
  }

  // ---- statements and expressions that bind, read or use

  @Override
  public Void visitVariable(VariableTree node, State s) {
    scan(node.getInitializer(), s);
    assign(element(node), node.getInitializer(), s);
    return null;
  }

  @Override
  public Void visitAssignment(AssignmentTree node, State s) {
    ExpressionTree target = unwrap(node.getVariable());
    Element var = target instanceof IdentifierTree id ? element(id) : null;
    if (isLocal(var)) {
      scan(node.getExpression(), s);
      assign(var, node.getExpression(), s);
    } else {
      scan(node.getVariable(), s);
      scan(node.getExpression(), s);
    }
    return null;
  }

  @Override
  public Void visitIdentifier(IdentifierTree node, State s) {
    Element e = element(node);
    if (isLocal(e)) {
      s.escape(Set.of(e)); // any use but a method call on it may hand it on
    }
    return null;
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree node, State s) {
    Element receiver = null;
    if (node.getMethodSelect() instanceof MemberSelectTree select) {
      ExpressionTree r = unwrap(select.getExpression());
      Element e = r instanceof IdentifierTree id ? element(id) : null;
      if (isLocal(e)) {
        receiver = e;
      } else {
        scan(select.getExpression(), s);
      }
    }
    scan(node.getArguments(), s);
    Element method = element(node);
    if (receiver != null && method instanceof ExecutableElement m) {
      s.call(this, node, receiver, m);
    }
    return null;
  }

  /** {@code var = init}: the old facts about var go; the rules see an init that is a call (an execute, a compile). */
  private void assign(Element var, ExpressionTree init, State s) {
    if (!isLocal(var)) {
      return;
    }
    s.forget(Set.of(var));
    if (unwrap(init) instanceof MethodInvocationTree call && element(call) instanceof ExecutableElement m) {
      s.assign(this, var, call, m);
    }
  }

  // ---- control flow

  /** After a loop that may run its body more than once. */
  private void afterLoop(Tree loop, StatementTree body) {
    for (MisuseRule<?> rule : MisuseChecker.RULES) {
      rule.afterLoop(this, loop, body);
    }
  }

  @Override
  public Void visitIf(IfTree node, State s) {
    scan(node.getCondition(), s);
    State then = s.copy();
    scan(node.getThenStatement(), then);
    State otherwise = s.copy();
    scan(node.getElseStatement(), otherwise);
    then.meet(otherwise);
    s.set(then);
    return null;
  }

  @Override
  public Void visitConditionalExpression(ConditionalExpressionTree node, State s) {
    scan(node.getCondition(), s);
    State a = s.copy();
    scan(node.getTrueExpression(), a);
    State b = s.copy();
    scan(node.getFalseExpression(), b);
    a.meet(b);
    s.set(a);
    return null;
  }

  @Override
  public Void visitBinary(BinaryTree node, State s) {
    if (node.getKind() != Tree.Kind.CONDITIONAL_AND && node.getKind() != Tree.Kind.CONDITIONAL_OR) {
      return super.visitBinary(node, s);
    }
    scan(node.getLeftOperand(), s);
    State right = s.copy();
    scan(node.getRightOperand(), right);
    s.meet(right);
    return null;
  }

  @Override
  public Void visitAssert(AssertTree node, State s) {
    State maybe = s.copy(); // assertions may be off
    scan(node.getCondition(), maybe);
    scan(node.getDetail(), maybe);
    s.escape(mentioned(node));
    return null;
  }

  @Override
  public Void visitWhileLoop(WhileLoopTree node, State s) {
    loop(node, s, inside -> {
      scan(node.getCondition(), inside);
      scan(node.getStatement(), inside);
    });
    afterLoop(node, node.getStatement());
    return null;
  }

  @Override
  public Void visitDoWhileLoop(DoWhileLoopTree node, State s) {
    loop(node, s, inside -> {
      scan(node.getStatement(), inside);
      scan(node.getCondition(), inside);
    });
    boolean once = unwrap(node.getCondition()) instanceof LiteralTree l && Boolean.FALSE.equals(l.getValue());
    if (!once) {
      afterLoop(node, node.getStatement());
    }
    return null;
  }

  @Override
  public Void visitForLoop(ForLoopTree node, State s) {
    scan(node.getInitializer(), s);
    loop(node, s, inside -> {
      scan(node.getCondition(), inside);
      scan(node.getStatement(), inside);
      scan(node.getUpdate(), inside);
    });
    afterLoop(node, node.getStatement());
    return null;
  }

  @Override
  public Void visitEnhancedForLoop(EnhancedForLoopTree node, State s) {
    scan(node.getExpression(), s);
    loop(node, s, inside -> scan(node.getStatement(), inside));
    afterLoop(node, node.getStatement());
    return null;
  }

  /** A loop body sees only facts no iteration can change; afterwards, what the loop touched is forgotten. */
  private void loop(Tree loop, State s, Consumer<State> body) {
    Set<Element> assigned = assigned(loop);
    State inside = s.copy();
    inside.forget(assigned);
    inside.enterLoop();
    body.accept(inside);
    s.forget(assigned);
    s.escape(mentioned(loop));
  }

  @Override
  public Void visitSwitch(SwitchTree node, State s) {
    scan(node.getExpression(), s);
    cases(node, node.getCases(), s);
    return null;
  }

  @Override
  public Void visitSwitchExpression(SwitchExpressionTree node, State s) {
    scan(node.getExpression(), s);
    cases(node, node.getCases(), s);
    return null;
  }

  private void cases(Tree node, List<? extends CaseTree> cases, State s) {
    State base = s.copy();
    base.forget(assigned(node)); // a case may be entered by falling through the ones before
    State out = base.copy();
    for (CaseTree c : cases) {
      State branch = base.copy();
      if (c.getBody() != null) {
        scan(c.getBody(), branch);
      } else {
        scan(c.getStatements(), branch);
      }
      out.meet(branch);
    }
    s.set(out);
  }

  @Override
  public Void visitTry(TryTree node, State s) {
    Set<Element> resources = new HashSet<>();
    for (Tree r : node.getResources()) {
      scan(r, s);
      Element e = r instanceof VariableTree v ? element(v) : null;
      if (e != null) {
        resources.add(e);
      }
    }
    State handler = s.copy(); // a catch or finally may start after any part of the block
    handler.forget(assigned(node.getBlock()));
    handler.forget(resources);
    handler.enterHandler();
    State out = s.copy();
    scan(node.getBlock(), out);
    out.forget(resources); // closed at the end of the block, and out of scope
    for (CatchTree c : node.getCatches()) {
      State caught = handler.copy();
      scan(c.getBlock(), caught);
      out.meet(caught);
    }
    if (node.getFinallyBlock() != null) {
      State fin = handler.copy();
      fin.meet(out);
      scan(node.getFinallyBlock(), fin);
      out = fin;
    }
    s.set(out);
    return null;
  }

  // ---- code that runs later, elsewhere: values it mentions escape

  @Override
  public Void visitLambdaExpression(LambdaExpressionTree node, State s) {
    s.escape(mentioned(node));
    return null;
  }

  @Override
  public Void visitClass(ClassTree node, State s) {
    s.escape(mentioned(node));
    return null;
  }

  @Override
  public Void visitNewClass(NewClassTree node, State s) {
    scan(node.getEnclosingExpression(), s);
    scan(node.getArguments(), s);
    if (node.getClassBody() != null) {
      s.escape(mentioned(node.getClassBody()));
    }
    return null;
  }

  /** The facts that hold on every path to a point: one slot per rule, in the order of the rules. */
  static final class State {
    private final List<Slot<?>> slots = new ArrayList<>();

    State(List<MisuseRule<?>> rules) {
      for (MisuseRule<?> rule : rules) {
        slots.add(Slot.start(rule));
      }
    }

    private State() {}

    State copy() {
      State s = new State();
      s.set(this);
      return s;
    }

    void set(State o) {
      slots.clear();
      o.slots.forEach(slot -> slots.add(slot.copy()));
    }

    /** Keeps what both hold. */
    void meet(State o) {
      for (int i = 0; i < slots.size(); i++) {
        slots.get(i).meet(o.slots.get(i));
      }
    }

    /** Drops every fact about {@code vars} (they are assigned, or may be). */
    void forget(Set<Element> vars) {
      slots.forEach(slot -> slot.facts.forget(vars));
      escape(vars);
    }

    /** {@code vars} may now be read elsewhere. */
    void escape(Set<Element> vars) {
      slots.forEach(slot -> slot.facts.escape(vars));
    }

    /** A loop body starts (the variables the loop assigns are already forgotten). */
    void enterLoop() {
      slots.forEach(slot -> slot.facts.enterLoop());
    }

    /** A {@code catch} or {@code finally} block starts. */
    void enterHandler() {
      slots.forEach(slot -> slot.facts.enterHandler());
    }

    void call(MisuseContext cx, MethodInvocationTree call, Element receiver, ExecutableElement method) {
      slots.forEach(slot -> slot.call(cx, call, receiver, method));
    }

    void assign(MisuseContext cx, Element var, MethodInvocationTree init, ExecutableElement method) {
      slots.forEach(slot -> slot.assign(cx, var, init, method));
    }
  }

  /** One rule with its facts at one point; keeps the rule's fact type. */
  private static final class Slot<F extends MisuseRule.Facts<F>> {
    final MisuseRule<F> rule;
    final F facts;

    private Slot(MisuseRule<F> rule, F facts) {
      this.rule = rule;
      this.facts = facts;
    }

    static <F extends MisuseRule.Facts<F>> Slot<F> start(MisuseRule<F> rule) {
      return new Slot<>(rule, rule.start());
    }

    Slot<F> copy() {
      return new Slot<>(rule, facts.copy());
    }

    /** {@code other} is the same rule's slot at another point (states hold their slots in the order of the rules). */
    @SuppressWarnings("unchecked")
    void meet(Slot<?> other) {
      facts.meet((F) other.facts);
    }

    void call(MisuseContext cx, MethodInvocationTree call, Element receiver, ExecutableElement method) {
      rule.onCall(cx, call, receiver, method, facts);
    }

    void assign(MisuseContext cx, Element var, MethodInvocationTree init, ExecutableElement method) {
      rule.onAssign(cx, var, init, method, facts);
    }
  }
}
