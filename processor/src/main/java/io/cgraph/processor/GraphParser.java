package io.cgraph.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.EmptyStatementTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads one {@code @Graph} method into a {@link GraphModel}: the method's element and its actors
 * through the Element API, its body through the Trees API <em>as syntax only</em>. It never asks
 * javac to attribute a body tree ({@code Trees.getElement}, {@code getTypeMirror}, or a
 * {@code TreePath} of a body tree): attributing a class that mentions a type generated in the same
 * round breaks javac later. Every problem found is reported to {@link Diagnostics}; parsing goes on
 * after a problem, so that all of them are reported.
 *
 * <p>Where javac's {@code Trees} is not there (Eclipse's compiler), the body comes from its source
 * text as {@link SourceBody} statements instead; calls are resolved by the same code and the model
 * is the same, but messages about the body are anchored on the method (there is no tree).
 */
final class GraphParser {
  /** The element-level reading of a graph: enough to generate its class even when the body is wrong. */
  record Header(GraphModel.GraphSignature signature, int maxInflight, int bufferBytes, boolean nameValid,
      boolean returnInaccessible) {}

  private final Elements elements;
  private final Types types;
  private final Trees trees;
  private final ActorRules rules;
  /** Whether the processor's @Actor/@GraphMethod pass already reported on a class or method. */
  private final Predicate<Element> checkedByProcessor;
  private final TransferAnalyzer analyzer;
  private final Diagnostics diagnostics;
  private final ExecutableElement method;
  private final String packageName;

  // filled while parsing
  private final Map<String, Integer> inputIndex = new HashMap<>();
  private final Map<String, Integer> actorIndex = new HashMap<>();
  private final List<VariableElement> inputElements = new ArrayList<>();
  private final List<VariableElement> actorElements = new ArrayList<>();
  private final Map<String, Integer> localIndex = new HashMap<>();
  private final List<PendingCall> calls = new ArrayList<>();
  /** Locals whose declaration was reported invalid: later uses are not reported again. */
  private final Set<String> poisoned = new java.util.HashSet<>();
  /**
   * Calls bound to a local declared with another type (reported there): later uses of the local are
   * not type-checked again, since the user's fix of the declaration decides what they must be.
   */
  private final Set<Integer> mistyped = new java.util.HashSet<>();
  /** Every identifier the body mentions (even in invalid statements): none of them is unused. */
  private final Set<String> referenced = new java.util.HashSet<>();
  private CompilationUnitTree unit;

  /** A call before Java names are allocated. */
  private record PendingCall(
      String name, boolean bound, int actor, String method, List<GraphModel.Arg> args, TypeMirror type, Site site,
      GraphModel.Collective collective) {
    PendingCall(String name, boolean bound, int actor, String method, List<GraphModel.Arg> args, TypeMirror type,
        Site site) {
      this(name, bound, actor, method, args, type, site, null);
    }
  }

  /**
   * An argument with its static type (the record itself is null when the argument is invalid; the
   * type is null when it is a local whose declared type was already reported: not checked again).
   */
  private record TypedArg(GraphModel.Arg arg, TypeMirror type) {}

  GraphParser(ProcessingEnvironment env, Trees trees, ActorRules rules, Predicate<Element> checkedByProcessor,
      Diagnostics diagnostics, ExecutableElement method) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
    this.trees = trees;
    this.rules = rules;
    this.checkedByProcessor = checkedByProcessor;
    this.analyzer = new TransferAnalyzer(elements, types);
    this.diagnostics = diagnostics;
    this.method = method;
    this.packageName = TransferAnalyzer.packageOf(method);
  }

  // ------------------------------------------------------------------ stage 1: the element

  /** Validates the method element and reads its signature and options. */
  Header header() {
    if (!method.getModifiers().contains(Modifier.STATIC)) {
      diagnostics.error(Site.of(method), Messages.notStatic());
    }
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      diagnostics.error(Site.of(method), Messages.privateGraph());
    }
    if (!method.getTypeParameters().isEmpty()) {
      diagnostics.error(Site.of(method), Messages.genericGraph());
    }
    AnnotationMirror graph = ActorRules.annotationOn(method, RuntimeTypes.GRAPH);
    String name = "";
    int maxInflight = 10;
    int bufferBytes = 256;
    AnnotationValue nameValue = null;
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
        : elements.getElementValuesWithDefaults(graph).entrySet()) {
      String key = e.getKey().getSimpleName().toString();
      Object value = e.getValue().getValue();
      switch (key) {
        case "name" -> {
          name = String.valueOf(value);
          nameValue = e.getValue();
        }
        case "maxInflight" -> {
          maxInflight = (Integer) value;
          if (maxInflight < 1 || maxInflight > RuntimeTypes.MAX_INFLIGHT_LIMIT) {
            diagnostics.error(new Site.OnElement(method, graph, e.getValue()), Messages.badMaxInflight(maxInflight));
          }
        }
        case "bufferBytes" -> {
          bufferBytes = (Integer) value;
          if (bufferBytes <= 0) {
            diagnostics.error(new Site.OnElement(method, graph, e.getValue()), Messages.badBufferBytes(bufferBytes));
          }
        }
        default -> { }
      }
    }
    String className = Names.graphClassName(method.getSimpleName().toString(), name);
    boolean nameValid = Names.isValidClassName(className);
    if (!nameValid) {
      diagnostics.error(new Site.OnElement(method, graph, nameValue), Messages.badName(name));
    }

    List<String> userNames = new ArrayList<>();
    for (VariableElement p : method.getParameters()) {
      userNames.add(p.getSimpleName().toString());
    }
    Names.Allocator names = new Names.Allocator(userNames);
    List<GraphModel.InputParam> inputs = new ArrayList<>();
    List<GraphModel.ActorParam> actors = new ArrayList<>();
    for (VariableElement p : method.getParameters()) {
      TypeMirror type = p.asType();
      requireResolved(type);
      String pName = p.getSimpleName().toString();
      boolean annotated = isActorType(type);
      if (annotated || hasGraphMethods(type)) {
        // a class with @GraphMethods but no @Actor is read as the actor it is meant to be, so that
        // the one real mistake (the missing annotation) is all that is reported
        TypeElement actorType = (TypeElement) ((DeclaredType) type).asElement();
        actorIndex.put(pName, actors.size());
        actorElements.add(p);
        actors.add(new GraphModel.ActorParam(actors.size(), pName, names.javaName(pName), TypeName.get(type),
            ClassName.get(actorType).reflectionName(), TransferAnalyzer.firstInaccessible(type, packageName),
            Site.of(p)));
        if (annotated) {
          checkActorClass(p, actorType);
        } else {
          diagnostics.error(Site.of(p), Messages.missingActorAnnotation(pName,
              actorType.getQualifiedName().toString(), actorType.getSimpleName().toString()));
        }
      } else {
        TransferAnalyzer.Result r = analyzer.analyze(type);
        inputIndex.put(pName, inputs.size());
        inputElements.add(p);
        inputs.add(new GraphModel.InputParam(inputs.size(), pName, names.javaName(pName), TypeName.get(type),
            r instanceof TransferAnalyzer.Ok ok ? ok.type() : null,
            r instanceof TransferAnalyzer.Bad bad ? bad : null,
            TransferAnalyzer.firstInaccessible(type, packageName), Site.of(p)));
      }
    }
    if (actors.isEmpty()) {
      diagnostics.error(Site.of(method), Messages.noActor());
    }
    TypeMirror returnType = method.getReturnType();
    requireResolved(returnType);
    String inaccessibleReturn = TransferAnalyzer.firstInaccessible(returnType, packageName);
    if (inaccessibleReturn != null) {
      diagnostics.error(Site.of(method), Messages.notAccessible("the graph's return type", inaccessibleReturn,
          packageName));
    }
    GraphModel.GraphSignature signature = new GraphModel.GraphSignature(packageName, className,
        method.getSimpleName().toString(), List.copyOf(inputs), List.copyOf(actors), TypeName.get(returnType),
        TransferAnalyzer.display(returnType));
    return new Header(signature, maxInflight, bufferBytes, nameValid, inaccessibleReturn != null);
  }

  private static boolean isActorType(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ActorRules.hasAnnotation(((DeclaredType) type).asElement(), RuntimeTypes.ACTOR);
  }

  /** Whether a parameter's type is a class that declares or inherits a {@code @GraphMethod}. */
  private boolean hasGraphMethods(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return false;
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    if (element.getKind() != ElementKind.CLASS) {
      return false;
    }
    for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(element))) {
      if (ActorRules.hasAnnotation(m, RuntimeTypes.GRAPH_METHOD)) {
        return true;
      }
    }
    return false;
  }

  private void checkActorClass(VariableElement param, TypeElement actorType) {
    if (rules.actorClass(actorType).isEmpty()) {
      return;
    }
    if (checkedByProcessor.test(actorType)) {
      diagnostics.fail(); // reported on the class itself by the processor's @Actor pass
    } else {
      diagnostics.error(Site.of(param), Messages.badActorUsed(param.getSimpleName().toString(),
          actorType.getQualifiedName().toString()));
    }
  }

  private static void requireResolved(TypeMirror type) {
    if (type.getKind() == TypeKind.ERROR) {
      throw new MissingTypeException(type.toString());
    }
    if (type.getKind() == TypeKind.DECLARED) {
      for (TypeMirror arg : ((DeclaredType) type).getTypeArguments()) {
        requireResolved(arg);
      }
    } else if (type.getKind() == TypeKind.ARRAY) {
      requireResolved(((javax.lang.model.type.ArrayType) type).getComponentType());
    }
  }

  // ------------------------------------------------------------------ stage 2: the body

  /** Reads the body (syntax only) into the model; call after {@link #header()}. */
  GraphModel body(Header header) {
    MethodTree tree = trees.getTree(method);
    TreePath path = trees.getPath(method); // the element's path: found by Enter, no attribution
    unit = path == null ? null : path.getCompilationUnit();
    BlockTree body = tree == null ? null : tree.getBody();
    if (body == null || unit == null) {
      diagnostics.error(Site.of(method), Messages.noBody());
      return null;
    }
    GraphModel.Output output = null;
    boolean returned = false;
    boolean reportedAfterReturn = false;
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        referenced.add(node.getName().toString());
        return null;
      }
    }.scan(body, null);
    for (StatementTree statement : body.getStatements()) {
      if (returned) {
        if (!reportedAfterReturn) {
          diagnostics.error(at(statement), Messages.statementAfterReturn());
          reportedAfterReturn = true;
        }
        continue;
      }
      if (statement instanceof VariableTree v) {
        local(v);
      } else if (statement instanceof ReturnTree r) {
        output = returnStatement(r, header);
        returned = true;
      } else if (statement instanceof ExpressionStatementTree es
          && es.getExpression() instanceof MethodInvocationTree inv
          && inv.getMethodSelect() instanceof MemberSelectTree ms
          && unwrap(ms.getExpression()) instanceof IdentifierTree receiver
          && actorIndex.containsKey(receiver.getName().toString())) {
        diagnostics.error(at(statement), Messages.discardedResult(callText(inv)));
      } else if (statement instanceof EmptyStatementTree) {
        continue;
      } else {
        diagnostics.error(at(statement), Messages.notStraightLine(describeStatement(statement)));
      }
    }
    if (!returned) {
      diagnostics.error(Site.of(method), Messages.missingReturn());
    }
    return model(header, output);
  }

  /**
   * Reads the body from its source text ({@code SourceBody}), where javac's {@code Trees} is not
   * there: the same model and messages as {@link #body}, each anchored on the method (there is no
   * tree to anchor on).
   */
  GraphModel body(Header header, SourceBody.Parsed body) {
    Site here = Site.of(method);
    referenced.addAll(body.names());
    GraphModel.Output output = null;
    boolean returned = false;
    boolean reportedAfterReturn = false;
    for (SourceBody.Statement statement : body.statements()) {
      if (returned) {
        if (!reportedAfterReturn) {
          diagnostics.error(here, Messages.statementAfterReturn());
          reportedAfterReturn = true;
        }
        continue;
      }
      if (statement instanceof SourceBody.Local v) {
        sourceLocal(v);
      } else if (statement instanceof SourceBody.Return r) {
        output = sourceReturn(r);
        returned = true;
      } else if (statement instanceof SourceBody.ExpressionStatement es
          && es.expression() instanceof SourceBody.Call c && c.receiver() != null
          && actorIndex.containsKey(c.receiver())) {
        diagnostics.error(here, Messages.discardedResult(c.text()));
      } else if (statement instanceof SourceBody.ExpressionStatement es) {
        diagnostics.error(here, Messages.notStraightLine(describe(es.expression())));
      } else {
        diagnostics.error(here, Messages.notStraightLine(((SourceBody.OtherStatement) statement).description()));
      }
    }
    if (!returned) {
      diagnostics.error(here, Messages.missingReturn());
    }
    return model(header, output);
  }

  private void sourceLocal(SourceBody.Local v) {
    Site here = Site.of(method);
    String name = v.name();
    if (localIndex.containsKey(name) || inputIndex.containsKey(name) || actorIndex.containsKey(name)
        || poisoned.contains(name)) {
      diagnostics.error(here, Messages.declaredTwice(name));
      return;
    }
    if (!(v.init() instanceof SourceBody.Call c)) {
      diagnostics.error(here, Messages.notInitialisedByCall(name,
          v.init() == null ? "no initialiser" : describe(v.init())));
      poisoned.add(name);
      return;
    }
    PendingCall call = sourceCall(c, name, true);
    if (call == null) {
      poisoned.add(name);
      return;
    }
    if (!"var".equals(v.type()) && !typeTextMatches(v.type(), call.type())) {
      diagnostics.error(here, Messages.localType(name, v.type(), c.text(), TransferAnalyzer.display(call.type())));
      mistyped.add(calls.size());
    }
    localIndex.put(name, calls.size());
    calls.add(call);
  }

  private PendingCall sourceCall(SourceBody.Call c, String name, boolean bound) {
    Site here = Site.of(method);
    String text = c.text();
    List<ArgSyntax> args = new ArrayList<>();
    int position = 1;
    for (SourceBody.Expression a : c.args()) {
      int p = position++;
      args.add(new ArgSyntax(() -> sourceArgument(a, p, text), here));
    }
    if (c.receiver() == null) {
      diagnostics.error(here, Messages.notStraightLine("a call of " + c.method() + "(...), which is not on an actor"));
      return null;
    }
    if ((c.receiver().equals("Collectives") || c.receiver().equals(RuntimeTypes.COLLECTIVES)
        || c.receiver().equals(RuntimeTypes.DEVICE_COLLECTIVES.simpleName())
        || c.receiver().equals(RuntimeTypes.DEVICE_COLLECTIVES.canonicalName()))
        && !actorIndex.containsKey(c.receiver())) {
      diagnostics.error(here, Messages.collectiveNeedsJavac(c.method()));
      return null;
    }
    if (!actorIndex.containsKey(c.receiver())) {
      args.forEach(a -> a.read().get());
      diagnostics.error(here, Messages.callOnNonActor(c.receiver()));
      return null;
    }
    return resolveCall(actorIndex.get(c.receiver()), c.method(), text, args, name, bound, here, here);
  }

  private TypedArg sourceArgument(SourceBody.Expression e, int position, String call) {
    if (e instanceof SourceBody.Name n) {
      return named(n.name(), Site.of(method), call);
    }
    if (e instanceof SourceBody.Literal l) {
      TypeMirror type = l.kind() == TypeKind.DECLARED
          ? elements.getTypeElement("java.lang.String").asType()
          : types.getPrimitiveType(l.kind());
      return new TypedArg(new GraphModel.ConstantArg(l.code(), l.code()), type);
    }
    diagnostics.error(Site.of(method), Messages.badArgument(position, call, describe(e)));
    return null;
  }

  private GraphModel.Output sourceReturn(SourceBody.Return r) {
    Site here = Site.of(method);
    SourceBody.Expression e = r.value();
    TypeMirror graphReturn = method.getReturnType();
    if (e == null) {
      diagnostics.error(here, Messages.missingReturn());
      return null;
    }
    if (e instanceof SourceBody.Name n) {
      String name = n.name();
      if (poisoned.contains(name)) {
        return null;
      }
      if (localIndex.containsKey(name)) {
        int c = localIndex.get(name);
        if (!mistyped.contains(c)) {
          checkReturnType(here, calls.get(c).type(), graphReturn);
        }
        return new GraphModel.SingleOutput(c);
      }
      if (inputIndex.containsKey(name)) {
        diagnostics.error(here, Messages.returnsInput(name));
        return null;
      }
      diagnostics.error(here, Messages.badReturn(name + ", which is not a local bound by a call"));
      return null;
    }
    if (e instanceof SourceBody.Call inv) {
      String name = syntheticResultName();
      PendingCall call = sourceCall(inv, name, false);
      if (call == null) {
        return null;
      }
      checkReturnType(here, call.type(), graphReturn);
      localIndex.put(name, calls.size());
      calls.add(call);
      return new GraphModel.SingleOutput(calls.size() - 1);
    }
    if (e instanceof SourceBody.New nc) {
      return sourceRecordReturn(nc, graphReturn);
    }
    diagnostics.error(here, Messages.badReturn(describe(e)));
    return null;
  }

  private GraphModel.Output sourceRecordReturn(SourceBody.New nc, TypeMirror graphReturn) {
    Site here = Site.of(method);
    List<ComponentArg> components = new ArrayList<>();
    for (SourceBody.Expression a : nc.args()) {
      components.add(new ComponentArg(here,
          a instanceof SourceBody.Name n && inputIndex.containsKey(n.name()) ? n.name() : null,
          a instanceof SourceBody.Name || a instanceof SourceBody.Literal, () -> describe(a),
          (position, text) -> sourceArgument(a, position, text)));
    }
    return recordReturn(here, simpleName(nc.type()), nc.type(), nc.anonymous(), graphReturn, components);
  }

  private static String describe(SourceBody.Expression e) {
    if (e instanceof SourceBody.Other o) {
      return o.description();
    }
    if (e instanceof SourceBody.New n) {
      return "new " + n.type() + "(...)";
    }
    if (e instanceof SourceBody.Call c) {
      return "a call " + c.text();
    }
    return "an expression " + e;
  }

  private static String simpleName(String type) {
    String base = type.contains("<") ? type.substring(0, type.indexOf('<')) : type;
    return base.substring(base.lastIndexOf('.') + 1);
  }

  /** {@link #typeTreeMatches} for a type as source text. */
  private static boolean typeTextMatches(String text, TypeMirror type) {
    String t = text.replaceAll("<.*>", "").strip();
    if (t.endsWith("[]")) {
      return type.getKind() == TypeKind.ARRAY
          && typeTextMatches(t.substring(0, t.length() - 2), ((javax.lang.model.type.ArrayType) type).getComponentType());
    }
    if (SourceBody.isPrimitive(t)) {
      return type.getKind().isPrimitive() && type.getKind().name().toLowerCase(Locale.ROOT).equals(t);
    }
    return type.getKind() == TypeKind.DECLARED
        && ((DeclaredType) type).asElement().getSimpleName().contentEquals(simpleName(t));
  }

  /** The names the body mentions; see {@link ModelValidator#validate}. */
  Set<String> referenced() {
    return referenced;
  }

  private void local(VariableTree v) {
    String name = v.getName().toString();
    if (localIndex.containsKey(name) || inputIndex.containsKey(name) || actorIndex.containsKey(name)
        || poisoned.contains(name)) {
      diagnostics.error(at(v), Messages.declaredTwice(name));
      return;
    }
    ExpressionTree init = unwrap(v.getInitializer());
    if (init instanceof MethodInvocationTree collective && isCollectives(collective)) {
      PendingCall call = collective(collective, name, at(v));
      if (call == null) {
        poisoned.add(name);
        return;
      }
      Tree declared = v.getType();
      if (declared != null && !"var".equals(declared.toString()) && !typeTreeMatches(declared, call.type())) {
        diagnostics.error(at(v), Messages.localType(name, declared.toString(), callText(collective),
            TransferAnalyzer.display(call.type())));
        mistyped.add(calls.size());
      }
      localIndex.put(name, calls.size());
      calls.add(call);
      return;
    }
    if (!(init instanceof MethodInvocationTree inv)) {
      diagnostics.error(at(v), Messages.notInitialisedByCall(name,
          init == null ? "no initialiser" : describeExpression(init)));
      poisoned.add(name);
      return;
    }
    PendingCall call = call(inv, name, true, at(v));
    if (call == null) {
      poisoned.add(name);
      return;
    }
    Tree declared = v.getType();
    if (declared != null && !"var".equals(declared.toString()) && !typeTreeMatches(declared, call.type())) {
      diagnostics.error(at(v), Messages.localType(name, declared.toString(), callText(inv),
          TransferAnalyzer.display(call.type())));
      mistyped.add(calls.size());
    }
    localIndex.put(name, calls.size());
    calls.add(call);
  }

  /** Whether {@code inv} is {@code Collectives.x(...)} (read as syntax: the class name as written). */
  private boolean isCollectives(MethodInvocationTree inv) {
    if (!(inv.getMethodSelect() instanceof MemberSelectTree ms)) {
      return false;
    }
    String receiver = unwrap(ms.getExpression()).toString();
    boolean qualified = receiver.equals(RuntimeTypes.COLLECTIVES)
        || receiver.equals(RuntimeTypes.DEVICE_COLLECTIVES.canonicalName());
    boolean simple = receiver.equals("Collectives") || receiver.equals(RuntimeTypes.DEVICE_COLLECTIVES.simpleName());
    return qualified || simple && !actorIndex.containsKey(receiver) && !inputIndex.containsKey(receiver)
        && !localIndex.containsKey(receiver);
  }

  /** Whether {@code inv} is a {@code DeviceCollectives} call (tensor operands), not a {@code Collectives} one. */
  private static boolean onTensors(MethodInvocationTree inv) {
    String receiver = unwrap(((MemberSelectTree) inv.getMethodSelect()).getExpression()).toString();
    return receiver.endsWith(RuntimeTypes.DEVICE_COLLECTIVES.simpleName());
  }

  /**
   * Parses {@code Collectives.kind([op,] operands...)} bound to {@code name}: its participants are
   * the actors of the operands (for a broadcast: the root's actor, then the receivers named).
   */
  private PendingCall collective(MethodInvocationTree inv, String name, Site site) {
    String text = callText(inv);
    String method = ((MemberSelectTree) inv.getMethodSelect()).getIdentifier().toString();
    boolean tensors = onTensors(inv);
    GraphModel.Collective.Kind kind = GraphModel.Collective.Kind.of(method);
    if (kind == null) {
      diagnostics.error(at(inv), Messages.unknownCollective(method));
      return null;
    }
    List<? extends ExpressionTree> args = inv.getArguments();
    int first = 0;
    String op = null;
    boolean ok = true;
    if (kind == GraphModel.Collective.Kind.ALL_REDUCE || kind == GraphModel.Collective.Kind.REDUCE_SCATTER) {
      op = args.isEmpty() ? null : reduceOp(unwrap(args.get(0)));
      if (op == null) {
        diagnostics.error(args.isEmpty() ? at(inv) : at(args.get(0)), Messages.collectiveOp(text,
            args.isEmpty() ? "no argument" : describeExpression(unwrap(args.get(0)))));
        ok = false;
      }
      first = 1;
    }
    int operandsEnd = kind == GraphModel.Collective.Kind.BROADCAST ? Math.min(1, args.size()) : args.size();
    List<GraphModel.Arg> operands = new ArrayList<>();
    List<Integer> participants = new ArrayList<>();
    List<String> operandNames = new ArrayList<>();
    for (int i = first; i < operandsEnd; i++) {
      ExpressionTree a = unwrap(args.get(i));
      String operand = a instanceof IdentifierTree id ? id.getName().toString() : null;
      if (operand != null && poisoned.contains(operand)) {
        ok = false;
        continue;
      }
      if (operand == null || !localIndex.containsKey(operand)) {
        diagnostics.error(at(args.get(i)), Messages.collectiveOperand(i - first + 1, text, operand != null
            && inputIndex.containsKey(operand) ? "input parameter " + operand : describeExpression(a)));
        ok = false;
        continue;
      }
      referenced.add(operand);
      int c = localIndex.get(operand);
      if (calls.get(c).collective() != null) {
        diagnostics.error(at(args.get(i)), Messages.collectiveOperand(i - first + 1, text,
            "the result of another collective (" + operand + ")"));
        ok = false;
        continue;
      }
      operands.add(new GraphModel.LocalArg(c));
      operandNames.add(operand);
      ok &= addParticipant(participants, operandNames, calls.get(c).actor(), operand, text, args.get(i));
    }
    for (int i = operandsEnd; i < args.size(); i++) {
      ExpressionTree a = unwrap(args.get(i));
      String receiver = a instanceof IdentifierTree id ? id.getName().toString() : null;
      if (receiver == null || !actorIndex.containsKey(receiver)) {
        diagnostics.error(at(args.get(i)), Messages.collectiveReceiver(i - operandsEnd + 1, text,
            receiver != null && localIndex.containsKey(receiver) ? "the local " + receiver : describeExpression(a)));
        ok = false;
        continue;
      }
      referenced.add(receiver);
      operandNames.add(receiver);
      ok &= addParticipant(participants, operandNames, actorIndex.get(receiver), receiver, text, args.get(i));
    }
    if (!ok) {
      return null;
    }
    if (participants.size() < 2) {
      diagnostics.error(at(inv), Messages.collectiveTooFew(text, participants.size()));
      return null;
    }
    TypeMirror element = null;
    String elementOf = null;
    for (int i = 0; i < operands.size(); i++) {
      int c = ((GraphModel.LocalArg) operands.get(i)).call();
      if (mistyped.contains(c)) {
        return null; // its declaration was reported
      }
      TypeMirror t = calls.get(c).type();
      String operand = operandNames.get(i);
      boolean fits = tensors ? t instanceof DeclaredType d
          && ((TypeElement) d.asElement()).getQualifiedName().contentEquals(RuntimeTypes.DEVICE_TENSOR)
          : t instanceof javax.lang.model.type.ArrayType at && COLLECTIVE_ELEMENTS.contains(
              at.getComponentType().getKind());
      if (!fits) {
        String display = TransferAnalyzer.display(t);
        diagnostics.error(at(inv), tensors ? Messages.collectiveTensorElementType(text, operand, display)
            : Messages.collectiveElementType(text, operand, display));
        return null;
      }
      if (element == null) {
        element = t;
        elementOf = operand;
      } else if (!types.isSameType(element, t)) {
        diagnostics.error(at(inv), Messages.collectiveMixedTypes(text, elementOf, TransferAnalyzer.display(element),
            operand, TransferAnalyzer.display(t)));
        return null;
      }
    }
    TypeMirror result = kind == GraphModel.Collective.Kind.REDUCE_SCATTER ? types.getArrayType(element) : element;
    String elementMethod = tensors ? GraphModel.Collective.TENSORS
        : switch (((javax.lang.model.type.ArrayType) element).getComponentType().getKind()) {
          case FLOAT -> "floats";
          case DOUBLE -> "doubles";
          case INT -> "ints";
          default -> "longs";
        };
    GraphModel.Collective collective = new GraphModel.Collective(kind, op, List.copyOf(participants),
        TypeName.get(element), elementMethod);
    return new PendingCall(name, true, participants.get(0), kind.method, List.copyOf(operands), result, site,
        collective);
  }

  private static final Set<TypeKind> COLLECTIVE_ELEMENTS = Set.of(TypeKind.FLOAT, TypeKind.DOUBLE, TypeKind.INT,
      TypeKind.LONG);

  /** Adds {@code actor} as the next participant; reports an actor that takes part twice. */
  private boolean addParticipant(List<Integer> participants, List<String> names, int actor, String name, String text,
      Tree at) {
    int seen = participants.indexOf(actor);
    if (seen >= 0) {
      diagnostics.error(at(at), Messages.collectiveSameActor(text, names.get(seen), name,
          actorElements.get(actor).getSimpleName().toString()));
      names.remove(names.size() - 1);
      return false;
    }
    participants.add(actor);
    return true;
  }

  /** {@code ReduceOp.SUM} (or a statically imported {@code SUM}): the constant's name, else null. */
  private static String reduceOp(ExpressionTree t) {
    String constant;
    if (t instanceof MemberSelectTree ms) {
      String owner = unwrap(ms.getExpression()).toString();
      if (!owner.equals("ReduceOp") && !owner.equals(RuntimeTypes.REDUCE_OP)) {
        return null;
      }
      constant = ms.getIdentifier().toString();
    } else if (t instanceof IdentifierTree id) {
      constant = id.getName().toString();
    } else {
      return null;
    }
    return Set.of("SUM", "PRODUCT", "MIN", "MAX").contains(constant) ? constant : null;
  }

  /** Parses {@code actor.method(args)}; reports and returns null when it is not a valid graph call. */
  private PendingCall call(MethodInvocationTree inv, String name, boolean bound, Site site) {
    ExpressionTree select = inv.getMethodSelect();
    if (!(select instanceof MemberSelectTree ms)) {
      diagnostics.error(at(inv), Messages.notStraightLine("a call of " + select + "(...), which is not on an actor"));
      return null;
    }
    ExpressionTree receiver = unwrap(ms.getExpression());
    if (!(receiver instanceof IdentifierTree id) || !actorIndex.containsKey(id.getName().toString())) {
      parseArgsOnly(inv, callText(inv));
      diagnostics.error(at(inv), Messages.callOnNonActor(receiver.toString()));
      return null;
    }
    String text = callText(inv);
    List<ArgSyntax> args = new ArrayList<>();
    int position = 1;
    for (ExpressionTree a : inv.getArguments()) {
      int p = position++;
      args.add(new ArgSyntax(() -> argument(a, p, text), at(a)));
    }
    return resolveCall(actorIndex.get(id.getName().toString()), ms.getIdentifier().toString(), text, args, name,
        bound, site, at(inv));
  }

  /** An argument of a call, read on demand (reading it reports its problems), and where it is. */
  private record ArgSyntax(java.util.function.Supplier<TypedArg> read, Site site) {}

  /**
   * Resolves {@code actor.methodName(args)} against the actor class and types its arguments; the
   * shared part of the Trees and the source-text readers. {@code at} anchors problems of the call.
   */
  private PendingCall resolveCall(int actor, String methodName, String text, List<ArgSyntax> argSyntax, String name,
      boolean bound, Site site, Site at) {
    VariableElement actorParam = actorElements.get(actor);
    DeclaredType actorType = (DeclaredType) actorParam.asType();
    TypeElement actorClass = (TypeElement) actorType.asElement();

    ExecutableElement target = null;
    boolean any = false;
    for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(actorClass))) {
      if (m.getSimpleName().contentEquals(methodName)) {
        any = true;
        if (ActorRules.hasAnnotation(m, RuntimeTypes.GRAPH_METHOD)) {
          target = m;
        }
      }
    }
    if (target == null) {
      diagnostics.error(at, any
          ? Messages.notGraphMethod(actorClass.getSimpleName().toString(), methodName)
          : Messages.noSuchMethod(actorClass.getSimpleName().toString(), methodName));
      argSyntax.forEach(a -> a.read().get());
      return null;
    }
    boolean methodOk = true;
    if (!rules.graphMethod(target).isEmpty()) {
      methodOk = false;
      if (checkedByProcessor.test(target)) {
        diagnostics.fail(); // reported on the method by the processor's @GraphMethod pass
      } else {
        for (ActorRules.Finding f : rules.graphMethod(target)) {
          diagnostics.error(at, f.message());
        }
      }
    }
    ExecutableType executable = (ExecutableType) types.asMemberOf(actorType, target);
    TypeMirror returnType = executable.getReturnType();
    requireResolved(returnType);
    List<? extends TypeMirror> params = executable.getParameterTypes();
    params.forEach(GraphParser::requireResolved);
    if (returnType.getKind() == TypeKind.VOID) {
      diagnostics.error(at, Messages.voidGraphMethod(actorClass.getSimpleName().toString(), methodName));
      methodOk = false;
    }
    if (argSyntax.size() != params.size()) {
      diagnostics.error(at, Messages.argumentCount(text, params.size(), argSyntax.size()));
      argSyntax.forEach(a -> a.read().get());
      return null;
    }
    List<GraphModel.Arg> args = new ArrayList<>();
    boolean argsOk = true;
    for (int i = 0; i < argSyntax.size(); i++) {
      TypedArg a = argSyntax.get(i).read().get();
      if (a == null) {
        argsOk = false;
        continue;
      }
      if (a.type() != null && !types.isAssignable(a.type(), params.get(i))) {
        diagnostics.error(argSyntax.get(i).site(), Messages.argumentType(i + 1, text,
            TransferAnalyzer.display(a.type()), TransferAnalyzer.display(params.get(i))));
        argsOk = false;
        continue;
      }
      args.add(a.arg());
    }
    if (!argsOk || !methodOk) {
      return null;
    }
    return new PendingCall(name, bound, actor, methodName, List.copyOf(args), returnType, site);
  }

  /** Reports the problems of the arguments of a call that is itself invalid. */
  private void parseArgsOnly(MethodInvocationTree inv, String text) {
    int i = 1;
    for (ExpressionTree a : inv.getArguments()) {
      argument(a, i++, text);
    }
  }

  private TypedArg argument(ExpressionTree tree, int position, String call) {
    ExpressionTree t = unwrap(tree);
    if (t instanceof IdentifierTree id) {
      return named(id.getName().toString(), at(tree), call);
    }
    if (t instanceof com.sun.source.tree.ArrayAccessTree access
        && unwrap(access.getExpression()) instanceof IdentifierTree array
        && localIndex.containsKey(array.getName().toString())) {
      return share(array.getName().toString(), unwrap(access.getIndex()), t.toString(), at(tree));
    }
    TypeMirror literalType = literalType(t);
    if (literalType != null) {
      String code = t.toString();
      return new TypedArg(new GraphModel.ConstantArg(code, code), literalType);
    }
    diagnostics.error(at(tree), Messages.badArgument(position, call, describeExpression(t)));
    return null;
  }

  /** {@code shares[k]}: one participant's share of a reduceScatter's result. */
  private TypedArg share(String name, ExpressionTree index, String text, Site site) {
    int c = localIndex.get(name);
    PendingCall producer = calls.get(c);
    if (producer.collective() == null || producer.collective().kind() != GraphModel.Collective.Kind.REDUCE_SCATTER
        || !(index instanceof LiteralTree literal) || index.getKind() != Tree.Kind.INT_LITERAL) {
      diagnostics.error(site, Messages.notAShare(text, name));
      return null;
    }
    int k = (Integer) literal.getValue();
    TypeMirror type = mistyped.contains(c) ? null
        : ((javax.lang.model.type.ArrayType) producer.type()).getComponentType();
    return new TypedArg(new GraphModel.LocalArg(c, k), type);
  }

  /** An argument that is a simple name: an input, a local bound earlier, or a constant field. */
  private TypedArg named(String name, Site site, String call) {
    if (poisoned.contains(name)) {
      return null; // its declaration was reported
    }
    if (localIndex.containsKey(name)) {
      int c = localIndex.get(name);
      boolean shares = calls.get(c).collective() != null
          && calls.get(c).collective().kind() == GraphModel.Collective.Kind.REDUCE_SCATTER;
      // a reduceScatter's shares read whole: the model validator says which share to pass instead
      return new TypedArg(new GraphModel.LocalArg(c), mistyped.contains(c) || shares ? null : calls.get(c).type());
    }
    if (inputIndex.containsKey(name)) {
      int i = inputIndex.get(name);
      return new TypedArg(new GraphModel.InputArg(i), inputElements.get(i).asType());
    }
    if (actorIndex.containsKey(name)) {
      diagnostics.error(site, Messages.actorAsArgument(name, call));
      return null;
    }
    VariableElement constant = enclosingConstant(name);
    if (constant != null) {
      return new TypedArg(new GraphModel.ConstantArg(elements.getConstantExpression(constant.getConstantValue()),
          name), constant.asType());
    }
    diagnostics.error(site, Messages.unknownName(name, call));
    return null;
  }

  /** A constant field of the graph's enclosing classes, found by name through the Element API. */
  private VariableElement enclosingConstant(String name) {
    for (Element e = method.getEnclosingElement(); e != null && (e.getKind().isClass() || e.getKind().isInterface());
        e = e.getEnclosingElement()) {
      for (VariableElement f : ElementFilter.fieldsIn(e.getEnclosedElements())) {
        if (f.getSimpleName().contentEquals(name) && f.getConstantValue() != null) {
          return f;
        }
      }
    }
    return null;
  }

  /** The type of a literal (or a signed numeric literal), or null when {@code t} is not one. */
  private TypeMirror literalType(ExpressionTree t) {
    if (t instanceof UnaryTree u && (u.getKind() == Tree.Kind.UNARY_MINUS || u.getKind() == Tree.Kind.UNARY_PLUS)) {
      ExpressionTree operand = unwrap(u.getExpression());
      TypeMirror inner = literalType(operand);
      return inner != null && inner.getKind().isPrimitive() && inner.getKind() != TypeKind.BOOLEAN ? inner : null;
    }
    if (!(t instanceof LiteralTree)) {
      return null;
    }
    return switch (t.getKind()) {
      case INT_LITERAL -> types.getPrimitiveType(TypeKind.INT);
      case LONG_LITERAL -> types.getPrimitiveType(TypeKind.LONG);
      case FLOAT_LITERAL -> types.getPrimitiveType(TypeKind.FLOAT);
      case DOUBLE_LITERAL -> types.getPrimitiveType(TypeKind.DOUBLE);
      case BOOLEAN_LITERAL -> types.getPrimitiveType(TypeKind.BOOLEAN);
      case CHAR_LITERAL -> types.getPrimitiveType(TypeKind.CHAR);
      case STRING_LITERAL -> elements.getTypeElement("java.lang.String").asType();
      default -> null; // null literal: not a constant
    };
  }

  private GraphModel.Output returnStatement(ReturnTree r, Header header) {
    ExpressionTree e = unwrap(r.getExpression());
    TypeMirror graphReturn = method.getReturnType();
    if (e == null) {
      diagnostics.error(at(r), Messages.missingReturn());
      return null;
    }
    if (e instanceof IdentifierTree id) {
      String name = id.getName().toString();
      if (poisoned.contains(name)) {
        return null;
      }
      if (localIndex.containsKey(name)) {
        int c = localIndex.get(name);
        if (calls.get(c).collective() != null) {
          diagnostics.error(at(r), Messages.collectiveReturned(name));
          return null;
        }
        if (!mistyped.contains(c)) {
          checkReturnType(r, calls.get(c).type(), graphReturn);
        }
        return new GraphModel.SingleOutput(c);
      }
      if (inputIndex.containsKey(name)) {
        diagnostics.error(at(r), Messages.returnsInput(name));
        return null;
      }
      diagnostics.error(at(r), Messages.badReturn(name + ", which is not a local bound by a call"));
      return null;
    }
    if (e instanceof MethodInvocationTree inv) {
      if (isCollectives(inv)) {
        diagnostics.error(at(r), Messages.collectiveReturned(callText(inv)));
        return null;
      }
      String name = syntheticResultName();
      PendingCall call = call(inv, name, false, at(r));
      if (call == null) {
        return null;
      }
      checkReturnType(r, call.type(), graphReturn);
      localIndex.put(name, calls.size());
      calls.add(call);
      return new GraphModel.SingleOutput(calls.size() - 1);
    }
    if (e instanceof NewClassTree nc) {
      return recordReturn(r, nc, graphReturn);
    }
    diagnostics.error(at(r), Messages.badReturn(describeExpression(e)));
    return null;
  }

  private GraphModel.Output recordReturn(ReturnTree r, NewClassTree nc, TypeMirror graphReturn) {
    List<ComponentArg> components = new ArrayList<>();
    for (ExpressionTree written : nc.getArguments()) {
      ExpressionTree a = unwrap(written);
      components.add(new ComponentArg(at(written),
          a instanceof IdentifierTree id && inputIndex.containsKey(id.getName().toString())
              ? id.getName().toString() : null,
          a instanceof IdentifierTree || literalType(a) != null, () -> describeExpression(a),
          (position, text) -> argument(a, position, text)));
    }
    return recordReturn(at(r), baseName(nc.getIdentifier()), nc.getIdentifier().toString(),
        nc.getClassBody() != null, graphReturn, components);
  }

  /**
   * One component of {@code return new Rec(...)}, as either body reader sees it: where to report,
   * the input it names (not allowed) or null, whether it is a name or a literal, and how to type it.
   */
  private record ComponentArg(Site site, String inputName, boolean nameOrLiteral, Supplier<String> description,
      BiFunction<Integer, String, TypedArg> typed) {}

  /** {@code return new Rec(components...)}: the multi-output form, checked the same way for both readers. */
  private GraphModel.Output recordReturn(Site site, String written, String writtenType, boolean anonymous,
      TypeMirror graphReturn, List<ComponentArg> args) {
    if (anonymous) {
      diagnostics.error(site, Messages.badReturn("an anonymous class"));
      return null;
    }
    if (graphReturn.getKind() != TypeKind.DECLARED
        || ((DeclaredType) graphReturn).asElement().getKind() != ElementKind.RECORD) {
      diagnostics.error(site, Messages.returnNotRecord(writtenType));
      return null;
    }
    DeclaredType record = (DeclaredType) graphReturn;
    TypeElement recordElement = (TypeElement) record.asElement();
    if (!recordElement.getSimpleName().contentEquals(written)) {
      diagnostics.error(site, Messages.returnType(written, TransferAnalyzer.display(graphReturn)));
      return null;
    }
    List<RecordComponentElement> components = ElementFilter.recordComponentsIn(recordElement.getEnclosedElements());
    if (components.size() != args.size()) {
      diagnostics.error(site, Messages.recordArity(written, components.size(), args.size()));
      return null;
    }
    String text = "new " + written + "(...)";
    List<GraphModel.Arg> built = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < args.size(); i++) {
      ComponentArg a = args.get(i);
      if (a.inputName() != null) {
        diagnostics.error(a.site(), Messages.recordComponentIsInput(a.inputName(), written));
        ok = false;
        continue;
      }
      if (!a.nameOrLiteral()) {
        diagnostics.error(a.site(), Messages.badReturn(a.description().get() + " as component "
            + components.get(i).getSimpleName() + " of " + written));
        ok = false;
        continue;
      }
      TypedArg t = a.typed().apply(i + 1, text);
      if (t == null) {
        ok = false;
        continue;
      }
      TypeMirror componentType =
          ((ExecutableType) types.asMemberOf(record, components.get(i).getAccessor())).getReturnType();
      if (t.type() != null && !types.isAssignable(t.type(), componentType)) {
        diagnostics.error(a.site(), Messages.argumentType(i + 1, text,
            TransferAnalyzer.display(t.type()), TransferAnalyzer.display(componentType)));
        ok = false;
        continue;
      }
      built.add(t.arg());
    }
    return ok ? new GraphModel.RecordOutput(TypeName.get(graphReturn), List.copyOf(built)) : null;
  }

  private void checkReturnType(ReturnTree r, TypeMirror returned, TypeMirror declared) {
    checkReturnType(at(r), returned, declared);
  }

  private void checkReturnType(Site site, TypeMirror returned, TypeMirror declared) {
    if (!types.isAssignable(returned, declared)) {
      diagnostics.error(site, Messages.returnType(TransferAnalyzer.display(returned),
          TransferAnalyzer.display(declared)));
    }
  }

  private String syntheticResultName() {
    String name = "result";
    while (localIndex.containsKey(name) || inputIndex.containsKey(name) || actorIndex.containsKey(name)) {
      name = name + "_";
    }
    return name;
  }

  // ------------------------------------------------------------------ the model

  private GraphModel model(Header header, GraphModel.Output output) {
    List<String> userNames = new ArrayList<>();
    method.getParameters().forEach(p -> userNames.add(p.getSimpleName().toString()));
    calls.forEach(c -> userNames.add(c.name()));
    Names.Allocator names = new Names.Allocator(userNames);
    List<GraphModel.CallNode> nodes = new ArrayList<>();
    for (PendingCall c : calls) {
      TransferAnalyzer.Result r = analyzer.analyze(c.type());
      String javaName = names.javaName(c.name());
      nodes.add(new GraphModel.CallNode(nodes.size(), c.name(), c.bound(), javaName, names.failureName(javaName),
          c.actor(), c.method(), c.args(), TypeName.get(c.type()),
          r instanceof TransferAnalyzer.Ok ok ? ok.type() : null,
          r instanceof TransferAnalyzer.Bad bad ? bad : null,
          TransferAnalyzer.firstInaccessible(c.type(), packageName), c.site(), c.collective()));
    }
    // Java names of inputs/actors were allocated from the parameters alone; re-allocate with locals
    // so that no local shadows a parameter's name in generated code.
    GraphModel.GraphSignature s = header.signature();
    List<GraphModel.InputParam> inputs = s.inputs().stream()
        .map(i -> new GraphModel.InputParam(i.index(), i.name(), names.javaName(i.name()), i.type(), i.transfer(),
            i.notTransferable(), i.inaccessible(), i.site()))
        .collect(Collectors.toList());
    List<GraphModel.ActorParam> actors = s.actors().stream()
        .map(a -> new GraphModel.ActorParam(a.index(), a.name(), names.javaName(a.name()), a.type(), a.binaryName(),
            a.inaccessible(), a.site()))
        .collect(Collectors.toList());
    GraphModel.GraphSignature signature = new GraphModel.GraphSignature(s.packageName(), s.className(),
        s.methodName(), List.copyOf(inputs), List.copyOf(actors), s.returnType(), s.returnDisplay());
    return new GraphModel(signature, header.maxInflight(), header.bufferBytes(), List.copyOf(nodes), output,
        List.of());
  }

  // ------------------------------------------------------------------ syntax helpers

  private Site at(Tree tree) {
    return new Site.OnTree(tree, unit);
  }

  private static ExpressionTree unwrap(ExpressionTree t) {
    while (t instanceof ParenthesizedTree p) {
      t = p.getExpression();
    }
    return t;
  }

  private static String callText(MethodInvocationTree inv) {
    return inv.getMethodSelect() + "(...)";
  }

  private static String baseName(Tree type) {
    Tree t = type;
    if (t instanceof ParameterizedTypeTree p) {
      t = p.getType();
    }
    if (t instanceof MemberSelectTree ms) {
      return ms.getIdentifier().toString();
    }
    return t.toString();
  }

  /** Whether a declared local type names the type a call returns (compared by syntax: simple names). */
  private static boolean typeTreeMatches(Tree tree, TypeMirror type) {
    if (tree instanceof AnnotatedTypeTree a) {
      return typeTreeMatches(a.getUnderlyingType(), type);
    }
    if (tree instanceof PrimitiveTypeTree p) {
      return p.getPrimitiveTypeKind() == type.getKind();
    }
    if (tree instanceof ArrayTypeTree a) {
      return type.getKind() == TypeKind.ARRAY
          && typeTreeMatches(a.getType(), ((javax.lang.model.type.ArrayType) type).getComponentType());
    }
    if (tree instanceof ParameterizedTypeTree p) {
      return typeTreeMatches(p.getType(), type);
    }
    if (tree instanceof IdentifierTree || tree instanceof MemberSelectTree) {
      return type.getKind() == TypeKind.DECLARED
          && ((DeclaredType) type).asElement().getSimpleName().contentEquals(baseName(tree));
    }
    return true;
  }

  private static final Set<Tree.Kind> LOOPS = Set.of(Tree.Kind.FOR_LOOP, Tree.Kind.ENHANCED_FOR_LOOP,
      Tree.Kind.WHILE_LOOP, Tree.Kind.DO_WHILE_LOOP);

  private static String describeStatement(StatementTree s) {
    Tree.Kind k = s.getKind();
    if (k == Tree.Kind.IF) {
      return "an if statement";
    }
    if (LOOPS.contains(k)) {
      return "a loop";
    }
    if (s instanceof ExpressionStatementTree es) {
      return describeExpression(es.getExpression());
    }
    return "a " + kindName(k) + " statement";
  }

  private static String describeExpression(ExpressionTree e) {
    return switch (e.getKind()) {
      case NEW_CLASS -> "new " + ((NewClassTree) e).getIdentifier() + "(...)";
      case NULL_LITERAL -> "null, which is not a constant value";
      case LAMBDA_EXPRESSION -> "a lambda";
      case MEMBER_REFERENCE -> "a method reference";
      case MEMBER_SELECT -> "a field access " + e;
      case CONDITIONAL_EXPRESSION -> "a conditional expression";
      case METHOD_INVOCATION -> "a call " + callText((MethodInvocationTree) e);
      case ASSIGNMENT -> "an assignment";
      default -> e instanceof com.sun.source.tree.BinaryTree ? "arithmetic or a comparison (" + e + ")"
          : "an expression " + e + " (" + kindName(e.getKind()) + ")";
    };
  }

  private static String kindName(Tree.Kind k) {
    return k.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
