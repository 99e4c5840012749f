package io.cgraph.processor;

import com.sun.source.util.JavacTask;
import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * Finds javac behind a {@link ProcessingEnvironment}. Build tools may wrap javac's environment
 * (Gradle's incremental processing does, in a field of type {@code ProcessingEnvironment}); the
 * {@code com.sun.source} entry points accept only javac's own, so the wrapper is looked through.
 * Everything else (the {@code Filer}, the {@code Messager}) keeps using the environment as given.
 */
final class JavacEnvironment {
  private static final String JAVAC_ENV = "com.sun.tools.javac.processing.JavacProcessingEnvironment";

  private JavacEnvironment() {}

  /** javac's environment, or null when there is none (another compiler). */
  static ProcessingEnvironment unwrap(ProcessingEnvironment env) {
    ProcessingEnvironment current = env;
    for (int depth = 0; current != null && depth < 4; depth++) {
      if (current.getClass().getName().equals(JAVAC_ENV)) {
        return current;
      }
      current = delegateOf(current);
    }
    return null;
  }

  /** {@code Trees} of javac's environment, or null. */
  static Trees trees(ProcessingEnvironment javac) {
    try {
      return javac == null ? null : Trees.instance(javac);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The running {@code JavacTask}, or null. */
  static JavacTask task(ProcessingEnvironment javac) {
    try {
      return javac == null ? null : JavacTask.instance(javac);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static ProcessingEnvironment delegateOf(ProcessingEnvironment wrapper) {
    for (Class<?> c = wrapper.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (ProcessingEnvironment.class.isAssignableFrom(f.getType())) {
          try {
            f.setAccessible(true);
            return (ProcessingEnvironment) f.get(wrapper);
          } catch (RuntimeException | IllegalAccessException e) {
            return null; // not reachable (a module boundary): treat as not javac
          }
        }
      }
    }
    return null;
  }
}
