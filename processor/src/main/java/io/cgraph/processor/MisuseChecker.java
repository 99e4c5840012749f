package io.cgraph.processor;

import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The misuse checker (DESIGN §5): a javac {@link TaskListener} that, once a class is attributed
 * and flow-analysed ({@link TaskEvent.Kind#ANALYZE}), scans the code that uses generated graphs.
 * It is the only part of the processor that asks javac for the elements and types of body trees,
 * and it does so only here, after attribution.
 *
 * <p>Within each method (and each lambda body) it follows the code in order and keeps only facts
 * that hold on every path: which {@code Ref} variables were read, which graph variables were
 * closed, which actors a still-open graph holds, and which results of a graph compiled here are
 * still unread. Branches keep what all of them agree on; loops and {@code catch} blocks start from
 * what no iteration or exception can change; a lambda or local class only lets values escape.
 * Missing a misuse is acceptable; reporting valid code is not.
 *
 * <p>Findings are errors except {@code [CGraphActorInUse]} (a warning), anchored on the offending
 * call, and silenced by {@code @SuppressWarnings("cgraph")} on the method or an enclosing class.
 */
final class MisuseChecker implements TaskListener {
  private static final String GENERATED = "javax.annotation.processing.Generated";

  /** A generated graph class, recognised by its shape (its nested {@code Ref} is a {@code SingleUse}). */
  private record GraphType(TypeElement element, Integer maxInflight) {}

  private final Trees trees;
  private final Elements elements;
  private final Types types;
  private final SourcePositions positions;
  /** Classes already scanned: each is scanned once, however many events name it. */
  private final Set<Element> scanned = new HashSet<>();
  private final Map<Element, Optional<GraphType>> graphTypes = new HashMap<>();
  private TypeMirror singleUse;
  private boolean singleUseLooked;

  MisuseChecker(Trees trees, Elements elements, Types types) {
    this.trees = trees;
    this.elements = elements;
    this.types = types;
    this.positions = trees.getSourcePositions();
  }

  @Override
  public void finished(TaskEvent event) {
    if (event.getKind() != TaskEvent.Kind.ANALYZE) {
      return;
    }
    TypeElement type = event.getTypeElement();
    CompilationUnitTree unit = event.getCompilationUnit();
    if (type == null || unit == null || scanned.contains(type)) {
      return;
    }
    TreePath path = trees.getPath(type);
    if (path == null) {
      return;
    }
    try {
      new ClassScan(unit).scan(path, null);
    } catch (RuntimeException | Error e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      String message = Messages.internalError(type.getQualifiedName() + " (misuse checker)", trace.toString());
      trees.printMessage(Messages.kindOf(message), message, path.getLeaf(), unit);
    }
  }

  // ------------------------------------------------------------------ what things are

  private boolean isRef(TypeMirror type) {
    if (!singleUseLooked) {
      singleUseLooked = true;
      TypeElement e = elements.getTypeElement(RuntimeTypes.SINGLE_USE.canonicalName());
      singleUse = e == null ? null : types.erasure(e.asType());
    }
    return singleUse != null && type != null && type.getKind() == TypeKind.DECLARED
        && types.isAssignable(types.erasure(type), singleUse);
  }

  /** The graph class {@code type} names, or null: a class with a nested {@code Ref} (a SingleUse), execute and compile. */
  private GraphType graphType(TypeMirror type) {
    if (type == null || type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement te = (TypeElement) ((DeclaredType) type).asElement();
    return graphTypes.computeIfAbsent(te, k -> Optional.ofNullable(readGraphType(te))).orElse(null);
  }

  private GraphType readGraphType(TypeElement te) {
    boolean hasRef = ElementFilter.typesIn(te.getEnclosedElements()).stream()
        .anyMatch(t -> t.getSimpleName().contentEquals("Ref") && isRef(t.asType()));
    boolean hasExecute = ElementFilter.methodsIn(te.getEnclosedElements()).stream()
        .anyMatch(m -> m.getSimpleName().contentEquals("execute") && !m.getModifiers().contains(Modifier.STATIC));
    if (!hasRef || !hasExecute) {
      return null;
    }
    Integer maxInflight = null;
    for (VariableElement f : ElementFilter.fieldsIn(te.getEnclosedElements())) {
      if (f.getSimpleName().contentEquals(Names.MAX_INFLIGHT_FIELD) && f.getConstantValue() instanceof Integer i) {
        maxInflight = i;
      }
    }
    return new GraphType(te, maxInflight);
  }

  private static boolean isActor(Element variable) {
    TypeMirror t = variable.asType();
    return t.getKind() == TypeKind.DECLARED
        && ActorRules.hasAnnotation(((DeclaredType) t).asElement(), RuntimeTypes.ACTOR);
  }

  private static boolean isLocal(Element e) {
    if (e == null) {
      return false;
    }
    ElementKind k = e.getKind();
    return k == ElementKind.LOCAL_VARIABLE || k == ElementKind.PARAMETER || k == ElementKind.RESOURCE_VARIABLE
        || k == ElementKind.EXCEPTION_PARAMETER || k == ElementKind.BINDING_VARIABLE;
  }

  private static boolean suppressed(Element element) {
    for (Element e = element; e != null; e = e.getEnclosingElement()) {
      SuppressWarnings s = e.getAnnotation(SuppressWarnings.class);
      if (s != null && List.of(s.value()).contains(Messages.SUPPRESS_KEY)) {
        return true;
      }
      if (e.getKind() == ElementKind.PACKAGE) {
        break;
      }
    }
    return false;
  }

  private static boolean generatedByUs(Element type) {
    AnnotationMirror g = ActorRules.annotationOn(type, GENERATED);
    if (g == null) {
      return false;
    }
    for (AnnotationValue v : g.getElementValues().values()) {
      if (String.valueOf(v.getValue()).contains(Names.GENERATOR)) {
        return true;
      }
    }
    return false;
  }

  private static ExpressionTree unwrap(ExpressionTree t) {
    while (t instanceof ParenthesizedTree p) {
      t = p.getExpression();
    }
    return t;
  }

  // ------------------------------------------------------------------ finding the code to analyse

  /** Visits a class once; runs a {@link Flow} over every method, initializer and lambda body. */
  private final class ClassScan extends TreePathScanner<Void, Void> {
    private final CompilationUnitTree unit;

    ClassScan(CompilationUnitTree unit) {
      this.unit = unit;
    }

    @Override
    public Void visitClass(ClassTree node, Void unused) {
      Element type = trees.getElement(getCurrentPath());
      if (type == null || !scanned.add(type) || generatedByUs(type) || suppressed(type)) {
        return null;
      }
      return super.visitClass(node, unused);
    }

    @Override
    public Void visitMethod(MethodTree node, Void unused) {
      if (suppressed(trees.getElement(getCurrentPath()))) {
        return null;
      }
      if (node.getBody() != null) {
        new Flow(unit, getCurrentPath(), node.getBody()).run();
      }
      return super.visitMethod(node, unused);
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
      new Flow(unit, getCurrentPath(), node.getBody()).run();
      return super.visitLambdaExpression(node, unused);
    }

    @Override
    public Void visitBlock(BlockTree node, Void unused) {
      if (getCurrentPath().getParentPath().getLeaf() instanceof ClassTree) {
        new Flow(unit, getCurrentPath(), node).run(); // an initializer
      }
      return super.visitBlock(node, unused);
    }
  }

  // ------------------------------------------------------------------ the facts

  /** Facts that hold on every path to a point. */
  private static final class State {
    /** Ref variables whose {@code get} has completed. */
    final Set<Element> consumed = new HashSet<>();
    /** Graph variables closed. */
    final Set<Element> closed = new HashSet<>();
    /** Graph variables compiled here and not closed → the actor variables they hold. */
    final Map<Element, Set<Element>> leases = new LinkedHashMap<>();
    /** Graph variables compiled here with the @Graph defaults → their maxInflight. */
    final Map<Element, Integer> limits = new HashMap<>();
    /** Graph variables with a limit → Ref variables it executed, unread and held only here. */
    final Map<Element, List<Element>> unread = new HashMap<>();

    State copy() {
      State s = new State();
      s.set(this);
      return s;
    }

    void set(State o) {
      consumed.clear();
      consumed.addAll(o.consumed);
      closed.clear();
      closed.addAll(o.closed);
      leases.clear();
      o.leases.forEach((g, a) -> leases.put(g, new HashSet<>(a)));
      limits.clear();
      limits.putAll(o.limits);
      unread.clear();
      o.unread.forEach((g, r) -> unread.put(g, new ArrayList<>(r)));
    }

    /** Keeps what both hold. */
    void meet(State o) {
      consumed.retainAll(o.consumed);
      closed.retainAll(o.closed);
      leases.keySet().retainAll(o.leases.keySet());
      leases.forEach((g, a) -> a.retainAll(o.leases.get(g)));
      limits.entrySet().removeIf(e -> !e.getValue().equals(o.limits.get(e.getKey())));
      unread.keySet().retainAll(limits.keySet());
      unread.keySet().retainAll(o.unread.keySet());
      unread.forEach((g, r) -> r.retainAll(o.unread.get(g)));
    }

    /** Drops every fact about {@code vars} (they are assigned, or may be). */
    void forget(Set<Element> vars) {
      consumed.removeAll(vars);
      closed.removeAll(vars);
      leases.keySet().removeAll(vars);
      leases.values().forEach(a -> a.removeAll(vars));
      limits.keySet().removeAll(vars);
      unread.keySet().removeAll(vars);
      escape(vars);
    }

    /** {@code vars} may now be read elsewhere: they no longer count as unread here. */
    void escape(Set<Element> vars) {
      unread.values().forEach(r -> r.removeAll(vars));
    }

    void clearUnread() {
      unread.values().forEach(List::clear);
    }
  }

  // ------------------------------------------------------------------ one body

  /** Follows one method, initializer or lambda body in order; see the class comment. */
  private final class Flow extends TreeScanner<Void, State> {
    private final CompilationUnitTree unit;
    private final TreePath base;
    private final Tree body;
    /** Every use of every local of the body, for liveness. */
    private final Map<Element, List<IdentifierTree>> uses = new HashMap<>();
    private final Set<Tree> reported = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    Flow(CompilationUnitTree unit, TreePath base, Tree body) {
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
      scan(body, new State());
    }

    private Element element(Tree tree) {
      return trees.getElement(new TreePath(base, tree));
    }

    /** Reports {@code message} on {@code tree}, once per tree, with the kind its ID has in the catalogue. */
    private void report(String message, Tree tree) {
      if (reported.add(tree)) {
        trees.printMessage(Messages.kindOf(message), message, tree, unit);
      }
    }

    /** Whether {@code var} is used after {@code call} starts, outside {@code call}: it is still reachable there. */
    private boolean usedAfter(Element var, MethodInvocationTree call) {
      long start = positions.getStartPosition(unit, call);
      Set<Tree> inside = identifiers(call);
      for (IdentifierTree use : uses.getOrDefault(var, List.of())) {
        if (positions.getStartPosition(unit, use) > start && !inside.contains(use)) {
          return true;
        }
      }
      return false;
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
    private Set<Element> assigned(Tree tree) {
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
        call(node, receiver, m, s);
      }
      return null;
    }

    private void call(MethodInvocationTree node, Element receiver, ExecutableElement method, State s) {
      String name = method.getSimpleName().toString();
      String var = receiver.getSimpleName().toString();
      TypeMirror type = receiver.asType();
      if (name.equals("get") && isRef(type) && isRef(method.getEnclosingElement().asType())) {
        if (s.consumed.contains(receiver)) {
          report(Messages.refReadTwice(var), node);
        }
        s.consumed.add(receiver);
        s.escape(Set.of(receiver));
        return;
      }
      GraphType graph = graphType(type);
      if (graph != null && method.getEnclosingElement().equals(graph.element())
          && !method.getModifiers().contains(Modifier.STATIC)) {
        if (name.equals("close")) {
          s.closed.add(receiver);
          s.leases.remove(receiver);
          s.unread.remove(receiver);
          s.limits.remove(receiver);
          return;
        }
        if (s.closed.contains(receiver)) {
          report(Messages.useAfterClose(var, name), node);
          return;
        }
        if (name.equals("execute")) {
          checkCapacity(node, receiver, graph, s);
        }
        return;
      }
      if (isActor(receiver) && ActorRules.hasAnnotation(method, RuntimeTypes.GRAPH_METHOD)) {
        for (Map.Entry<Element, Set<Element>> lease : s.leases.entrySet()) {
          if (lease.getValue().contains(receiver)) {
            report(Messages.actorInUse(var, name, lease.getKey().getSimpleName().toString()),
                node);
            return;
          }
        }
      }
    }

    private void checkCapacity(MethodInvocationTree node, Element graphVar, GraphType graph, State s) {
      Integer limit = s.limits.get(graphVar);
      List<Element> unread = s.unread.get(graphVar);
      if (limit == null || unread == null) {
        return;
      }
      unread.removeIf(ref -> !usedAfter(ref, node)); // a Ref nobody reads again may be collected, freeing its slot
      if (unread.size() >= limit) {
        List<String> names = unread.stream().map(e -> e.getSimpleName().toString()).collect(Collectors.toList());
        report(Messages.tooManyInFlight(graphVar.getSimpleName().toString(),
            graph.element().getSimpleName().toString(), limit - RuntimeTypes.DEFAULT_MAX_BUFFERED_RESULTS,
            RuntimeTypes.DEFAULT_MAX_BUFFERED_RESULTS, names), node);
        unread.clear();
      }
    }

    /** {@code var = init}: the old facts about var go; a Ref of an execute, or a compiled graph, brings new ones. */
    private void assign(Element var, ExpressionTree init, State s) {
      if (!isLocal(var)) {
        return;
      }
      s.forget(Set.of(var));
      if (!(unwrap(init) instanceof MethodInvocationTree call) || !(element(call) instanceof ExecutableElement m)) {
        return;
      }
      String name = m.getSimpleName().toString();
      if (isRef(var.asType()) && name.equals("execute") && call.getMethodSelect() instanceof MemberSelectTree select
          && unwrap(select.getExpression()) instanceof IdentifierTree g) {
        List<Element> unread = s.unread.get(element(g));
        if (unread != null) {
          unread.add(var);
        }
        return;
      }
      GraphType graph = graphType(var.asType());
      if (graph != null && name.equals("compile") && m.getModifiers().contains(Modifier.STATIC)
          && m.getEnclosingElement().equals(graph.element())) {
        Set<Element> actors = new HashSet<>();
        for (ExpressionTree arg : call.getArguments()) {
          Element a = unwrap(arg) instanceof IdentifierTree id ? element(id) : null;
          if (isLocal(a) && isActor(a)) {
            actors.add(a);
          }
        }
        s.leases.put(var, actors);
        List<? extends VariableElement> params = m.getParameters();
        boolean options = !params.isEmpty()
            && types.erasure(params.get(params.size() - 1).asType()).toString()
                .equals(RuntimeTypes.GRAPH_OPTIONS.canonicalName());
        if (!options && graph.maxInflight() != null) { // with GraphOptions the limits may differ: not counted
          // maxInflight in the pipeline plus the default buffer of arrived, unread results
          s.limits.put(var, graph.maxInflight() + RuntimeTypes.DEFAULT_MAX_BUFFERED_RESULTS);
          s.unread.put(var, new ArrayList<>());
        }
      }
    }

    // ---- control flow

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
      readsInLoop(node, node.getStatement());
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
        readsInLoop(node, node.getStatement());
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
      readsInLoop(node, node.getStatement());
      return null;
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree node, State s) {
      scan(node.getExpression(), s);
      loop(node, s, inside -> scan(node.getStatement(), inside));
      readsInLoop(node, node.getStatement());
      return null;
    }

    /** A loop body sees only facts no iteration can change; afterwards, what the loop touched is forgotten. */
    private void loop(Tree loop, State s, Consumer<State> body) {
      Set<Element> assigned = assigned(loop);
      State inside = s.copy();
      inside.forget(assigned);
      inside.consumed.clear();
      inside.limits.clear();
      inside.unread.clear();
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
      handler.clearUnread();
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

    // ---- a Ref read in every iteration of a loop it was declared outside

    private void readsInLoop(Tree loop, StatementTree body) {
      if (jumpsOrCatches(body)) {
        return; // the loop may end (or retry a timed-out get) after one read
      }
      Set<Element> declaredOrAssigned = assigned(loop);
      Set<Element> flagged = new HashSet<>();
      for (MethodInvocationTree get : unconditionalCalls(body)) {
        if (!(get.getMethodSelect() instanceof MemberSelectTree select)
            || !select.getIdentifier().contentEquals("get")
            || !(unwrap(select.getExpression()) instanceof IdentifierTree id)) {
          continue;
        }
        Element ref = element(id);
        Element method = element(get);
        if (isLocal(ref) && isRef(ref.asType()) && method != null && isRef(method.getEnclosingElement().asType())
            && !declaredOrAssigned.contains(ref) && flagged.add(ref)) {
          report(Messages.refReadInLoop(ref.getSimpleName().toString()), get);
        }
      }
    }

    /** Whether a loop body may leave the loop or skip ahead (break, continue, return, throw, yield) or catches. */
    private boolean jumpsOrCatches(Tree body) {
      boolean[] found = {false};
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitBreak(BreakTree node, Void unused) {
          found[0] = true;
          return null;
        }

        @Override
        public Void visitContinue(ContinueTree node, Void unused) {
          found[0] = true;
          return null;
        }

        @Override
        public Void visitReturn(ReturnTree node, Void unused) {
          found[0] = true;
          return null;
        }

        @Override
        public Void visitThrow(ThrowTree node, Void unused) {
          found[0] = true;
          return null;
        }

        @Override
        public Void visitYield(YieldTree node, Void unused) {
          found[0] = true;
          return null;
        }

        @Override
        public Void visitTry(TryTree node, Void unused) {
          found[0] = true;
          return null;
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
          return null;
        }

        @Override
        public Void visitClass(ClassTree node, Void unused) {
          return null;
        }
      }.scan(body, null);
      return found[0];
    }

    /** The calls a loop body makes on every pass: not under a branch, a nested loop, a lambda or a class. */
    private List<MethodInvocationTree> unconditionalCalls(StatementTree body) {
      List<MethodInvocationTree> calls = new ArrayList<>();
      TreeScanner<Void, Void> expressions = new TreeScanner<>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
          super.visitMethodInvocation(node, unused);
          calls.add(node);
          return null;
        }

        @Override
        public Void visitConditionalExpression(ConditionalExpressionTree node, Void unused) {
          return scan(node.getCondition(), null);
        }

        @Override
        public Void visitBinary(BinaryTree node, Void unused) {
          if (node.getKind() == Tree.Kind.CONDITIONAL_AND || node.getKind() == Tree.Kind.CONDITIONAL_OR) {
            return scan(node.getLeftOperand(), null);
          }
          return super.visitBinary(node, unused);
        }

        @Override
        public Void visitSwitchExpression(SwitchExpressionTree node, Void unused) {
          return scan(node.getExpression(), null);
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
          return null;
        }

        @Override
        public Void visitNewClass(NewClassTree node, Void unused) {
          scan(node.getEnclosingExpression(), null);
          return scan(node.getArguments(), null);
        }
      };
      List<StatementTree> statements = new ArrayList<>();
      statements.add(body);
      for (int i = 0; i < statements.size(); i++) {
        StatementTree st = statements.get(i);
        if (st instanceof BlockTree b) {
          statements.addAll(b.getStatements());
        } else if (st instanceof LabeledStatementTree l) {
          statements.add(l.getStatement());
        } else if (st instanceof ExpressionStatementTree e) {
          expressions.scan(e.getExpression(), null);
        } else if (st instanceof VariableTree v) {
          expressions.scan(v.getInitializer(), null);
        }
      }
      return calls;
    }
  }
}
