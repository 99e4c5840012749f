package io.cgraph.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
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
 * <p>Within each method (and each lambda body) a {@link MisuseFlow} follows the code in order and
 * keeps only facts that hold on every path. Branches keep what all of them agree on; loops and
 * {@code catch} blocks start from what no iteration or exception can change; a lambda or local
 * class only lets values escape. The facts, and what is a misuse, belong to the rules in
 * {@link #RULES}, one {@link MisuseRule} per check: which {@code Ref} variables were read
 * ({@link SingleReadRule}), which graph variables were closed ({@link UseAfterCloseRule}), which
 * actors a still-open graph holds ({@link ActorInUseRule}), and which results of a graph compiled
 * here are still unread ({@link CapacityRule}). Missing a misuse is acceptable; reporting valid
 * code is not.
 *
 * <p>Findings are errors except {@code [CGraphActorInUse]} (a warning; {@link Messages#kindOf}
 * decides), anchored on the offending call, at most one per call, and silenced by
 * {@code @SuppressWarnings("cgraph")} on the method or an enclosing class.
 */
final class MisuseChecker implements TaskListener {
  private static final String GENERATED = "javax.annotation.processing.Generated";

  /**
   * The checks, in the order they look at a call (only the first finding on a tree is reported).
   * A new check is a {@link MisuseRule} class added here, with its message (and, if it is not an
   * error, its kind) in {@link Messages}.
   */
  static final List<MisuseRule<?>> RULES = List.of(
      new SingleReadRule(),
      new UseAfterCloseRule(),
      new ActorInUseRule(),
      new CapacityRule());

  private final Trees trees;
  private final Elements elements;
  private final Types types;
  /** Classes already scanned: each is scanned once, however many events name it. */
  private final Set<Element> scanned = new HashSet<>();
  private final Map<Element, Optional<MisuseContext.GraphType>> graphTypes = new HashMap<>();
  private TypeMirror singleUse;
  private boolean singleUseLooked;

  MisuseChecker(Trees trees, Elements elements, Types types) {
    this.trees = trees;
    this.elements = elements;
    this.types = types;
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

  Trees trees() {
    return trees;
  }

  Types types() {
    return types;
  }

  // ------------------------------------------------------------------ what things are

  /** See {@link MisuseContext#isRef}. */
  boolean isRef(TypeMirror type) {
    if (!singleUseLooked) {
      singleUseLooked = true;
      TypeElement e = elements.getTypeElement(RuntimeTypes.SINGLE_USE.canonicalName());
      singleUse = e == null ? null : types.erasure(e.asType());
    }
    return singleUse != null && type != null && type.getKind() == TypeKind.DECLARED
        && types.isAssignable(types.erasure(type), singleUse);
  }

  /** See {@link MisuseContext#graphType}. */
  MisuseContext.GraphType graphType(TypeMirror type) {
    if (type == null || type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement te = (TypeElement) ((DeclaredType) type).asElement();
    return graphTypes.computeIfAbsent(te, k -> Optional.ofNullable(readGraphType(te))).orElse(null);
  }

  private MisuseContext.GraphType readGraphType(TypeElement te) {
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
    return new MisuseContext.GraphType(te, maxInflight);
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

  // ------------------------------------------------------------------ finding the code to analyse

  /** Visits a class once; runs a {@link MisuseFlow} over every method, initializer and lambda body. */
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
        new MisuseFlow(MisuseChecker.this, unit, getCurrentPath(), node.getBody()).run();
      }
      return super.visitMethod(node, unused);
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
      new MisuseFlow(MisuseChecker.this, unit, getCurrentPath(), node.getBody()).run();
      return super.visitLambdaExpression(node, unused);
    }

    @Override
    public Void visitBlock(BlockTree node, Void unused) {
      if (getCurrentPath().getParentPath().getLeaf() instanceof ClassTree) {
        new MisuseFlow(MisuseChecker.this, unit, getCurrentPath(), node).run(); // an initializer
      }
      return super.visitBlock(node, unused);
    }
  }
}
