package io.cgraph.processor;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import javax.lang.model.element.ExecutableElement;

/**
 * The source text of a method body under Eclipse's compiler (ECJ, batch or IDE), which has no
 * {@code Trees}. ECJ's elements keep their binding, whose source declaration knows where its body
 * starts and ends in the text of its compilation unit. These are ECJ internals, read by reflection
 * (the processor does not depend on ECJ); they have kept these names since ECJ 3.x, and any change
 * only brings back the {@code [CGraphNeedsJavac]} error, never a wrong graph.
 */
final class EclipseBodies {
  private static final String ECJ_ELEMENT = "org.eclipse.jdt.internal.compiler.apt.model.ExecutableElementImpl";

  private EclipseBodies() {}

  /** The text between the braces of {@code method}'s body, or null when it cannot be read. */
  static String bodyText(ExecutableElement method) {
    if (!isEcjElement(method.getClass())) {
      return null;
    }
    try {
      ClassLoader ecj = method.getClass().getClassLoader();
      Object binding = field(method, "_binding");
      Object declaration = Class.forName("org.eclipse.jdt.internal.compiler.lookup.MethodBinding", false, ecj)
          .getMethod("sourceMethod").invoke(binding);
      if (declaration == null) {
        return null; // a binary method: no body here
      }
      int start = (Integer) field(declaration, "bodyStart");
      int end = (Integer) field(declaration, "bodyEnd");
      Object result = field(declaration, "compilationResult");
      Method unitOf = Class.forName("org.eclipse.jdt.internal.compiler.CompilationResult", false, ecj)
          .getMethod("getCompilationUnit");
      Object unit = unitOf.invoke(result);
      char[] contents = (char[]) Class.forName("org.eclipse.jdt.internal.compiler.env.ICompilationUnit", false, ecj)
          .getMethod("getContents").invoke(unit);
      if (contents == null || start < 0 || end < start - 1 || end >= contents.length) {
        return null;
      }
      return new String(contents, start, end - start + 1);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static boolean isEcjElement(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      if (k.getName().equals(ECJ_ELEMENT)) {
        return true;
      }
    }
    return false;
  }

  private static Object field(Object o, String name) throws ReflectiveOperationException {
    for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
      } catch (NoSuchFieldException next) {
        // declared higher up
      }
    }
    throw new NoSuchFieldException(name);
  }
}
