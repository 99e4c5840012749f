package io.cgraph.processor;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.ClassName;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The names in {@link RuntimeTypes} are real classes: the runtime and the annotations are on the
 * test class path (the GPU module is not, so its names are left out), and a rename there fails here
 * rather than in the users' generated code.
 */
class RuntimeTypesTest {
  @Test
  void everyNamedRuntimeTypeExists() throws IllegalAccessException {
    List<String> names = new ArrayList<>();
    for (Field f : RuntimeTypes.class.getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      Object value = f.get(null);
      if (value instanceof ClassName c) {
        names.add(c.reflectionName());
      } else if (value instanceof String s && !f.getName().endsWith("_PACKAGE")) {
        names.add(s);
      }
    }
    int checked = 0;
    for (String name : names) {
      if (name.startsWith(RuntimeTypes.GPU_PACKAGE + ".")) {
        continue; // cgraph-gpu-runtime is not a dependency of the processor's tests
      }
      assertDoesNotThrow(() -> Class.forName(name, false, RuntimeTypesTest.class.getClassLoader()), name);
      checked++;
    }
    assertTrue(checked >= 20, "checked " + checked);
  }
}
