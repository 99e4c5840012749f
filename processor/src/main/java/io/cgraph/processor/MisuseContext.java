package io.cgraph.processor;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * What the misuse checker knows about the body it is following, for the rules
 * ({@link MisuseRule}): the elements of its trees, the uses of its locals, what is a {@code Ref},
 * a graph or an actor, and where to report. {@link MisuseFlow} is the one implementation.
 */
interface MisuseContext {
  /** A generated graph class, recognised by its shape (its nested {@code Ref} is a {@code SingleUse}). */
  record GraphType(TypeElement element, Integer maxInflight) {}

  /** The element {@code tree} (a tree of this body) names or declares, or null. */
  Element element(Tree tree);

  /**
   * Reports {@code message} on {@code tree}, with the kind its ID has in the catalogue
   * ({@link Messages#kindOf}); a tree already reported on is not reported on again.
   */
  void report(String message, Tree tree);

  /** Whether {@code var} is used after {@code call} starts, outside {@code call}: it is still reachable there. */
  boolean usedAfter(Element var, MethodInvocationTree call);

  /** The locals a tree assigns (or declares), including inside lambdas and local classes. */
  Set<Element> assigned(Tree tree);

  /** Whether {@code type} is a {@code SingleUse} (a graph's {@code Ref}). */
  boolean isRef(TypeMirror type);

  /** The graph class {@code type} names, or null: a class with a nested {@code Ref} (a SingleUse), execute and compile. */
  GraphType graphType(TypeMirror type);

  Types types();

  /** The graph of {@code receiver} when {@code method} is one of that graph class's instance methods, else null. */
  default GraphType graphMethod(Element receiver, ExecutableElement method) {
    GraphType graph = graphType(receiver.asType());
    return graph != null && method.getEnclosingElement().equals(graph.element())
        && !method.getModifiers().contains(Modifier.STATIC) ? graph : null;
  }

  /** The graph of {@code var} when {@code method} is that graph class's static {@code compile}, else null. */
  default GraphType compiledGraph(Element var, ExecutableElement method) {
    GraphType graph = graphType(var.asType());
    return graph != null && method.getSimpleName().contentEquals("compile")
        && method.getModifiers().contains(Modifier.STATIC)
        && method.getEnclosingElement().equals(graph.element()) ? graph : null;
  }

  /** Whether {@code method}, called on {@code receiver}, is a {@code Ref}'s {@code get}. */
  default boolean isRefGet(Element receiver, ExecutableElement method) {
    return method.getSimpleName().contentEquals("get") && isRef(receiver.asType())
        && isRef(method.getEnclosingElement().asType());
  }

  /** Whether {@code variable} has an {@code @Actor} class as its type. */
  default boolean isActor(Element variable) {
    TypeMirror t = variable.asType();
    return t.getKind() == TypeKind.DECLARED
        && ActorRules.hasAnnotation(((DeclaredType) t).asElement(), RuntimeTypes.ACTOR);
  }

  /** Whether {@code e} is a local variable (or parameter, resource, catch or pattern variable). */
  default boolean isLocal(Element e) {
    if (e == null) {
      return false;
    }
    ElementKind k = e.getKind();
    return k == ElementKind.LOCAL_VARIABLE || k == ElementKind.PARAMETER || k == ElementKind.RESOURCE_VARIABLE
        || k == ElementKind.EXCEPTION_PARAMETER || k == ElementKind.BINDING_VARIABLE;
  }

  /** {@code t} without the parentheses around it. */
  default ExpressionTree unwrap(ExpressionTree t) {
    while (t instanceof ParenthesizedTree p) {
      t = p.getExpression();
    }
    return t;
  }
}
