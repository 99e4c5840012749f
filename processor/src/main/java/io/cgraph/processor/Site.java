package io.cgraph.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Where a message is anchored: an element (optionally one of its annotations and a value of it),
 * or a tree of a graph body in its compilation unit. The model carries sites for validation only;
 * the writers never look at them.
 */
sealed interface Site {
  /** An element, or an annotation (value) on it. */
  record OnElement(Element element, AnnotationMirror annotation, AnnotationValue value) implements Site {
    OnElement(Element element) {
      this(element, null, null);
    }
  }

  /** A tree of a graph body; reported with {@code Trees.printMessage}, which does not attribute. */
  record OnTree(Tree tree, CompilationUnitTree unit) implements Site {}

  static Site of(Element element) {
    return new OnElement(element);
  }
}
