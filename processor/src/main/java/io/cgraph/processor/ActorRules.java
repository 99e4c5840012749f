package io.cgraph.processor;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The rules of {@code @Actor} classes and {@code @GraphMethod}s (DESIGN §2), as pure functions that
 * return their findings. The processor reports them once on the annotated elements; a graph that
 * uses a faulty actor or method only fails.
 */
final class ActorRules {
  /** One finding: where and what. */
  record Finding(Site site, String message) {}

  private final Elements elements;
  private final Types types;

  ActorRules(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** Whether {@code element} carries the annotation named {@code annotation}. */
  static boolean hasAnnotation(Element element, String annotation) {
    return annotationOn(element, annotation) != null;
  }

  static AnnotationMirror annotationOn(Element element, String annotation) {
    for (AnnotationMirror m : element.getAnnotationMirrors()) {
      if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(annotation)) {
        return m;
      }
    }
    return null;
  }

  /** Problems of an {@code @Actor} class itself: public, concrete class. */
  List<Finding> actorClass(TypeElement type) {
    List<Finding> findings = new ArrayList<>();
    String name = type.getQualifiedName().toString();
    if (type.getKind() != ElementKind.CLASS || type.getModifiers().contains(Modifier.ABSTRACT)) {
      findings.add(new Finding(Site.of(type), Messages.actorNotConcrete(name)));
    }
    if (!type.getModifiers().contains(Modifier.PUBLIC)) {
      findings.add(new Finding(Site.of(type), Messages.actorNotPublic(name)));
    }
    return findings;
  }

  /** Problems of a {@code @GraphMethod}: public, non-static, non-generic, not overloaded, throws Exceptions only. */
  List<Finding> graphMethod(ExecutableElement method) {
    List<Finding> findings = new ArrayList<>();
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    String name = owner.getSimpleName() + "." + method.getSimpleName();
    Site site = Site.of(method);
    if (!method.getModifiers().contains(Modifier.PUBLIC)) {
      findings.add(new Finding(site, Messages.graphMethodNotPublic(name)));
    }
    if (method.getModifiers().contains(Modifier.STATIC)) {
      findings.add(new Finding(site, Messages.graphMethodStatic(name)));
    }
    if (!method.getTypeParameters().isEmpty()) {
      findings.add(new Finding(site, Messages.graphMethodGeneric(name)));
    }
    int sameName = 0;
    for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(owner))) {
      if (m.getSimpleName().contentEquals(method.getSimpleName())) {
        sameName++;
      }
    }
    if (sameName > 1) {
      findings.add(new Finding(site, Messages.graphMethodOverloaded(name)));
    }
    TypeElement exception = elements.getTypeElement("java.lang.Exception");
    TypeElement error = elements.getTypeElement("java.lang.Error");
    for (TypeMirror thrown : method.getThrownTypes()) {
      if (exception != null && error != null && !types.isSubtype(thrown, exception.asType())
          && !types.isSubtype(thrown, error.asType())) {
        findings.add(new Finding(site, Messages.graphMethodThrows(name, thrown.toString())));
      }
    }
    return findings;
  }
}
