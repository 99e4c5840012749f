package io.cgraph.processor;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.ClassName;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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

  /**
   * Generated code names the runtime's API and, for everything else it calls, the one internal
   * package (Dagger's {@code dagger.internal}): never channel, observe or journal internals directly.
   */
  @Test
  void generatedCodeCallsTheApiAndOneInternalPackage() throws IOException {
    Pattern type = Pattern.compile("io\\.cgraph\\.runtime\\.([a-z.]*?)\\.?([A-Z]\\w*)");
    Set<String> outside = new TreeSet<>();
    Set<String> internal = new TreeSet<>();
    try (Stream<Path> goldens = Files.list(Paths.get("src/test/resources/golden"))) {
      for (Path golden : (Iterable<Path>) goldens::iterator) {
        Matcher m = type.matcher(Files.readString(golden));
        while (m.find()) {
          String pkg = m.group(1);
          String name = m.group(2);
          if (pkg.equals("internal")) {
            internal.add(name);
          } else if (!pkg.isEmpty() && !pkg.equals("sample") // the golden's own graph
              && !(pkg.equals("journal") && (name.equals("JournalEntry") || name.equals("JournalReader")))) {
            outside.add(pkg + "." + name);
          }
        }
      }
    }
    assertEquals(Set.of(), outside, "generated code names these types outside the API and the internal package");
    assertEquals(new TreeSet<>(List.of("AbstractRef", "ActorContext", "ActorProbe", "ActorStep", "ChannelReader",
        "ChannelWriter", "GraphRuntime", "GraphSpec", "SlotReader", "SlotWriter")), internal);
  }
}
