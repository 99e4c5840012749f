package io.cgraph.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
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
 * through the Element API, its body as syntax only. The body comes from one of two front ends, both
 * giving the same {@link SourceBody} records, each node with its {@link Site}: under javac,
 * {@link JavacBodies} maps the method's trees (never asking javac to attribute them: attributing a
 * class that mentions a type generated in the same round breaks javac later); where javac's
 * {@code Trees} is not there (Eclipse's compiler), {@link SourceBody} reads the body's source text,
 * and every node is anchored on the method. One reader here turns either into the model: names and
 * types are resolved through the Element API, so the model and the messages are the same, except
 * that messages under Eclipse's compiler are on the method (and name the collectives' classes and
 * {@code ReduceOp} by their simple names only, as imported). Every problem found is reported to
 * {@link Diagnostics}; parsing goes on after a problem, so that all of them are reported.
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
            r instanceof TransferAnalyzer.Bad bad ? bad.why() : null,
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

  /** Reads the body from javac's trees (syntax only, {@link JavacBodies}); call after {@link #header()}. */
  GraphModel body(Header header) {
    SourceBody.Parsed body = JavacBodies.read(trees, method);
    if (body == null) {
      diagnostics.error(Site.of(method), Messages.noBody());
      return null;
    }
    return body(header, body);
  }

  /**
   * Reads a body's syntax into the model, whichever front end read it ({@link JavacBodies} or
   * {@link SourceBody}); every message is anchored on the site of its node.
   */
  GraphModel body(Header header, SourceBody.Parsed body) {
    referenced.addAll(body.names());
    GraphModel.Output output = null;
    boolean returned = false;
    boolean reportedAfterReturn = false;
    for (SourceBody.Statement statement : body.statements()) {
      if (returned) {
        if (!reportedAfterReturn) {
          diagnostics.error(statement.site(), Messages.statementAfterReturn());
          reportedAfterReturn = true;
        }
        continue;
      }
      if (statement instanceof SourceBody.Local v) {
        local(v);
      } else if (statement instanceof SourceBody.Return r) {
        output = returnStatement(r);
        returned = true;
      } else if (statement instanceof SourceBody.ExpressionStatement es
          && es.expression() instanceof SourceBody.Call c && c.receiver() != null
          && actorIndex.containsKey(c.receiver())) {
        diagnostics.error(es.site(), Messages.discardedResult(c.text()));
      } else if (statement instanceof SourceBody.ExpressionStatement es) {
        diagnostics.error(es.site(), Messages.notStraightLine(describe(es.expression())));
      } else if (statement instanceof SourceBody.OtherStatement o) {
        diagnostics.error(o.site(), Messages.notStraightLine(o.description()));
      } // else an empty statement
    }
    if (!returned) {
      diagnostics.error(Site.of(method), Messages.missingReturn());
    }
    return model(header, output);
  }

  /** The names the body mentions; see {@link ModelValidator#validate}. */
  Set<String> referenced() {
    return referenced;
  }

  private void local(SourceBody.Local v) {
    String name = v.name();
    if (localIndex.containsKey(name) || inputIndex.containsKey(name) || actorIndex.containsKey(name)
        || poisoned.contains(name)) {
      diagnostics.error(v.site(), Messages.declaredTwice(name));
      return;
    }
    if (!(v.init() instanceof SourceBody.Call c)) {
      diagnostics.error(v.site(), Messages.notInitialisedByCall(name,
          v.init() == null ? "no initialiser" : describe(v.init())));
      poisoned.add(name);
      return;
    }
    PendingCall call;
    if (isCollectives(c)) {
      call = collective(c, name, v.site());
    } else {
      call = call(c, name, true, v.site());
    }
    if (call == null) {
      poisoned.add(name);
      return;
    }
    if (v.matched() != null && !typeMatches(v.matched(), call.type())) {
      diagnostics.error(v.site(), Messages.localType(name, v.type(), c.text(), TransferAnalyzer.display(call.type())));
      mistyped.add(calls.size());
    }
    localIndex.put(name, calls.size());
    calls.add(call);
  }

  /** Whether {@code c} is {@code Collectives.x(...)} (read as syntax: the class name as written). */
  private boolean isCollectives(SourceBody.Call c) {
    String receiver = c.receiver();
    if (receiver == null) {
      return false;
    }
    boolean qualified = receiver.equals(RuntimeTypes.COLLECTIVES)
        || receiver.equals(RuntimeTypes.DEVICE_COLLECTIVES.canonicalName());
    boolean simple = receiver.equals("Collectives") || receiver.equals(RuntimeTypes.DEVICE_COLLECTIVES.simpleName());
    return qualified || simple && !actorIndex.containsKey(receiver) && !inputIndex.containsKey(receiver)
        && !localIndex.containsKey(receiver);
  }

  /**
   * Parses {@code Collectives.kind([op,] operands...)} bound to {@code name}: its participants are
   * the actors of the operands (for a broadcast: the root's actor, then the receivers named).
   */
  private PendingCall collective(SourceBody.Call inv, String name, Site site) {
    String text = inv.text();
    String method = inv.method();
    boolean tensors = inv.receiver().endsWith(RuntimeTypes.DEVICE_COLLECTIVES.simpleName());
    GraphModel.Collective.Kind kind = GraphModel.Collective.Kind.of(method);
    if (kind == null) {
      diagnostics.error(inv.site(), Messages.unknownCollective(method));
      return null;
    }
    List<SourceBody.Expression> args = inv.args();
    int first = 0;
    String op = null;
    boolean ok = true;
    if (kind == GraphModel.Collective.Kind.ALL_REDUCE || kind == GraphModel.Collective.Kind.REDUCE_SCATTER) {
      op = args.isEmpty() ? null : reduceOp(args.get(0));
      if (op == null) {
        diagnostics.error(args.isEmpty() ? inv.site() : args.get(0).site(), Messages.collectiveOp(text,
            args.isEmpty() ? "no argument" : describe(args.get(0))));
        ok = false;
      }
      first = 1;
    }
    int operandsEnd = kind == GraphModel.Collective.Kind.BROADCAST ? Math.min(1, args.size()) : args.size();
    List<GraphModel.Arg> operands = new ArrayList<>();
    List<Integer> participants = new ArrayList<>();
    List<String> operandNames = new ArrayList<>();
    for (int i = first; i < operandsEnd; i++) {
      SourceBody.Expression a = args.get(i);
      String operand = a instanceof SourceBody.Name n ? n.name() : null;
      if (operand != null && poisoned.contains(operand)) {
        ok = false;
        continue;
      }
      if (operand == null || !localIndex.containsKey(operand)) {
        diagnostics.error(a.site(), Messages.collectiveOperand(i - first + 1, text, operand != null
            && inputIndex.containsKey(operand) ? "input parameter " + operand : describe(a)));
        ok = false;
        continue;
      }
      referenced.add(operand);
      int c = localIndex.get(operand);
      if (calls.get(c).collective() != null) {
        diagnostics.error(a.site(), Messages.collectiveOperand(i - first + 1, text,
            "the result of another collective (" + operand + ")"));
        ok = false;
        continue;
      }
      operands.add(new GraphModel.LocalArg(c));
      operandNames.add(operand);
      ok &= addParticipant(participants, operandNames, calls.get(c).actor(), operand, text, a.site());
    }
    for (int i = operandsEnd; i < args.size(); i++) {
      SourceBody.Expression a = args.get(i);
      String receiver = a instanceof SourceBody.Name n ? n.name() : null;
      if (receiver == null || !actorIndex.containsKey(receiver)) {
        diagnostics.error(a.site(), Messages.collectiveReceiver(i - operandsEnd + 1, text,
            receiver != null && localIndex.containsKey(receiver) ? "the local " + receiver : describe(a)));
        ok = false;
        continue;
      }
      referenced.add(receiver);
      operandNames.add(receiver);
      ok &= addParticipant(participants, operandNames, actorIndex.get(receiver), receiver, text, a.site());
    }
    if (!ok) {
      return null;
    }
    if (participants.size() < 2) {
      diagnostics.error(inv.site(), Messages.collectiveTooFew(text, participants.size()));
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
        diagnostics.error(inv.site(), tensors ? Messages.collectiveTensorElementType(text, operand, display)
            : Messages.collectiveElementType(text, operand, display));
        return null;
      }
      if (element == null) {
        element = t;
        elementOf = operand;
      } else if (!types.isSameType(element, t)) {
        diagnostics.error(inv.site(), Messages.collectiveMixedTypes(text, elementOf,
            TransferAnalyzer.display(element), operand, TransferAnalyzer.display(t)));
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
      Site at) {
    int seen = participants.indexOf(actor);
    if (seen >= 0) {
      diagnostics.error(at, Messages.collectiveSameActor(text, names.get(seen), name,
          actorElements.get(actor).getSimpleName().toString()));
      names.remove(names.size() - 1);
      return false;
    }
    participants.add(actor);
    return true;
  }

  /** {@code ReduceOp.SUM} (or a statically imported {@code SUM}): the constant's name, else null. */
  private static String reduceOp(SourceBody.Expression e) {
    String constant;
    if (e instanceof SourceBody.Select s) {
      if (!s.owner().equals("ReduceOp") && !s.owner().equals(RuntimeTypes.REDUCE_OP)) {
        return null;
      }
      constant = s.name();
    } else if (e instanceof SourceBody.Name n) {
      constant = n.name();
    } else {
      return null;
    }
    return Set.of("SUM", "PRODUCT", "MIN", "MAX").contains(constant) ? constant : null;
  }

  /** Parses {@code actor.method(args)}; reports and returns null when it is not a valid graph call. */
  private PendingCall call(SourceBody.Call c, String name, boolean bound, Site site) {
    if (c.receiver() == null) {
      diagnostics.error(c.site(), Messages.notStraightLine("a call of " + c.method() + "(...), which is not on an actor"));
      return null;
    }
    if (!actorIndex.containsKey(c.receiver())) {
      int position = 1;
      for (SourceBody.Expression a : c.args()) {
        argument(a, position++, c.text()); // reports the arguments' own problems
      }
      diagnostics.error(c.site(), Messages.callOnNonActor(c.receiver()));
      return null;
    }
    return resolveCall(actorIndex.get(c.receiver()), c, name, bound, site);
  }

  /**
   * Resolves {@code actor.method(args)} against the actor class and types its arguments. Problems of
   * the call are anchored on the call, those of an argument on the argument.
   */
  private PendingCall resolveCall(int actor, SourceBody.Call c, String name, boolean bound, Site site) {
    String methodName = c.method();
    String text = c.text();
    Site at = c.site();
    List<SourceBody.Expression> argSyntax = c.args();
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
      readAll(argSyntax, text);
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
      readAll(argSyntax, text);
      return null;
    }
    List<GraphModel.Arg> args = new ArrayList<>();
    boolean argsOk = true;
    for (int i = 0; i < argSyntax.size(); i++) {
      TypedArg a = argument(argSyntax.get(i), i + 1, text);
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

  /** Reads the arguments of a call that is itself invalid, which reports their own problems. */
  private void readAll(List<SourceBody.Expression> args, String text) {
    for (int i = 0; i < args.size(); i++) {
      argument(args.get(i), i + 1, text);
    }
  }

  private TypedArg argument(SourceBody.Expression e, int position, String call) {
    if (e instanceof SourceBody.Name n) {
      return named(n.name(), e.site(), call);
    }
    if (e instanceof SourceBody.Index x && x.array() != null && localIndex.containsKey(x.array())) {
      return share(x);
    }
    if (e instanceof SourceBody.Literal l) {
      TypeMirror type = l.kind() == TypeKind.DECLARED
          ? elements.getTypeElement("java.lang.String").asType()
          : types.getPrimitiveType(l.kind());
      return new TypedArg(new GraphModel.ConstantArg(l.code(), l.code()), type);
    }
    diagnostics.error(e.site(), Messages.badArgument(position, call, describe(e)));
    return null;
  }

  /** {@code shares[k]}: one participant's share of a reduceScatter's result. */
  private TypedArg share(SourceBody.Index x) {
    int c = localIndex.get(x.array());
    PendingCall producer = calls.get(c);
    if (producer.collective() == null || producer.collective().kind() != GraphModel.Collective.Kind.REDUCE_SCATTER
        || x.index() == null) {
      diagnostics.error(x.site(), Messages.notAShare(x.text(), x.array()));
      return null;
    }
    TypeMirror type = mistyped.contains(c) ? null
        : ((javax.lang.model.type.ArrayType) producer.type()).getComponentType();
    return new TypedArg(new GraphModel.LocalArg(c, x.index()), type);
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


  private GraphModel.Output returnStatement(SourceBody.Return r) {
    SourceBody.Expression e = r.value();
    TypeMirror graphReturn = method.getReturnType();
    if (e == null) {
      diagnostics.error(r.site(), Messages.missingReturn());
      return null;
    }
    if (e instanceof SourceBody.Name n) {
      String name = n.name();
      if (poisoned.contains(name)) {
        return null;
      }
      if (localIndex.containsKey(name)) {
        int c = localIndex.get(name);
        if (calls.get(c).collective() != null) {
          diagnostics.error(r.site(), Messages.collectiveReturned(name));
          return null;
        }
        if (!mistyped.contains(c)) {
          checkReturnType(r.site(), calls.get(c).type(), graphReturn);
        }
        return new GraphModel.SingleOutput(c);
      }
      if (inputIndex.containsKey(name)) {
        diagnostics.error(r.site(), Messages.returnsInput(name));
        return null;
      }
      diagnostics.error(r.site(), Messages.badReturn(name + ", which is not a local bound by a call"));
      return null;
    }
    if (e instanceof SourceBody.Call inv) {
      if (isCollectives(inv)) {
        diagnostics.error(r.site(), Messages.collectiveReturned(inv.text()));
        return null;
      }
      String name = syntheticResultName();
      PendingCall call = call(inv, name, false, r.site());
      if (call == null) {
        return null;
      }
      checkReturnType(r.site(), call.type(), graphReturn);
      localIndex.put(name, calls.size());
      calls.add(call);
      return new GraphModel.SingleOutput(calls.size() - 1);
    }
    if (e instanceof SourceBody.New nc) {
      return recordReturn(r.site(), nc, graphReturn);
    }
    diagnostics.error(r.site(), Messages.badReturn(describe(e)));
    return null;
  }

  /** {@code return new Rec(components...)}: the multi-output form. */
  private GraphModel.Output recordReturn(Site site, SourceBody.New nc, TypeMirror graphReturn) {
    String written = simpleName(nc.type());
    if (nc.anonymous()) {
      diagnostics.error(site, Messages.badReturn("an anonymous class"));
      return null;
    }
    if (graphReturn.getKind() != TypeKind.DECLARED
        || ((DeclaredType) graphReturn).asElement().getKind() != ElementKind.RECORD) {
      diagnostics.error(site, Messages.returnNotRecord(nc.type()));
      return null;
    }
    DeclaredType record = (DeclaredType) graphReturn;
    TypeElement recordElement = (TypeElement) record.asElement();
    if (!recordElement.getSimpleName().contentEquals(written)) {
      diagnostics.error(site, Messages.returnType(written, TransferAnalyzer.display(graphReturn)));
      return null;
    }
    List<RecordComponentElement> components = ElementFilter.recordComponentsIn(recordElement.getEnclosedElements());
    List<SourceBody.Expression> args = nc.args();
    if (components.size() != args.size()) {
      diagnostics.error(site, Messages.recordArity(written, components.size(), args.size()));
      return null;
    }
    String text = "new " + written + "(...)";
    List<GraphModel.Arg> built = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < args.size(); i++) {
      SourceBody.Expression a = args.get(i);
      if (a instanceof SourceBody.Name n && inputIndex.containsKey(n.name())) {
        diagnostics.error(a.site(), Messages.recordComponentIsInput(n.name(), written));
        ok = false;
        continue;
      }
      if (!(a instanceof SourceBody.Name || a instanceof SourceBody.Literal)) {
        diagnostics.error(a.site(), Messages.badReturn(describe(a) + " as component "
            + components.get(i).getSimpleName() + " of " + written));
        ok = false;
        continue;
      }
      TypedArg t = argument(a, i + 1, text);
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

  /** An expression as the messages show it ("a call tok.encode(...)", "an expression x (identifier)"). */
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
    if (e instanceof SourceBody.Select s) {
      return "a field access " + s.text();
    }
    if (e instanceof SourceBody.Index x) {
      return "an expression " + x.text() + " (array access)";
    }
    if (e instanceof SourceBody.Name n) {
      return "an expression " + n.name() + " (identifier)";
    }
    SourceBody.Literal l = (SourceBody.Literal) e;
    String kind = l.code().startsWith("-") ? "unary minus" : l.code().startsWith("+") ? "unary plus"
        : (l.kind() == TypeKind.DECLARED ? "string" : l.kind().name().toLowerCase(Locale.ROOT)) + " literal";
    return "an expression " + l.code() + " (" + kind + ")";
  }

  private static String simpleName(String type) {
    String base = type.contains("<") ? type.substring(0, type.indexOf('<')) : type;
    return base.substring(base.lastIndexOf('.') + 1);
  }

  /** Whether a declared local type ({@link SourceBody.Local#matched()}) names the type a call returns. */
  private static boolean typeMatches(String matched, TypeMirror type) {
    if (matched.equals("?")) {
      return true;
    }
    if (matched.endsWith("[]")) {
      return type.getKind() == TypeKind.ARRAY && typeMatches(matched.substring(0, matched.length() - 2),
          ((javax.lang.model.type.ArrayType) type).getComponentType());
    }
    if (SourceBody.isPrimitive(matched)) {
      return type.getKind().isPrimitive() && type.getKind().name().toLowerCase(Locale.ROOT).equals(matched);
    }
    return type.getKind() == TypeKind.DECLARED
        && ((DeclaredType) type).asElement().getSimpleName().contentEquals(matched);
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
          r instanceof TransferAnalyzer.Bad bad ? bad.why() : null,
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
        List.of(), null);
  }
}
