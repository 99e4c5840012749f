package io.cgraph.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM options cgraph needs on Java 17+ (Chronicle, which maps the channels, reaches into JDK
 * internals), from one list: the runtime jar's {@code cgraph.args}, an argument file for
 * {@code java @cgraph.args}. Write it next to your application with
 * {@code java -cp cgraph-runtime.jar io.cgraph.runtime.JvmOptions > cgraph.args}.
 *
 * <p>Graphs check, before any channel is mapped, that the options they cannot run without are
 * present, and otherwise fail with a {@link CGraphException} that lists the missing ones (instead of
 * an {@code IllegalAccessException} deep inside Chronicle).
 */
public final class JvmOptions {
  /** Packages of {@code java.base} that must be open to cgraph's module, and the one that must be exported. */
  private static final String[] OPENS = {"sun.nio.ch", "java.lang.reflect"};
  private static final String[] EXPORTS = {"jdk.internal.ref"};

  private JvmOptions() {}

  /**
   * Prints the argument file ({@code cgraph.args}), one option per line.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    for (String o : all()) {
      System.out.println(o);
    }
  }

  /**
   * Every option cgraph runs with (the root pom's {@code chronicle.jvm.flags}), in order.
   *
   * @return the options, one per element, as the runtime jar's {@code cgraph.args} lists them
   * @throws IllegalStateException if {@code cgraph.args} is missing from the runtime jar
   * @throws UncheckedIOException if {@code cgraph.args} cannot be read
   */
  public static List<String> all() {
    try (InputStream in = JvmOptions.class.getResourceAsStream("cgraph.args")) {
      if (in == null) {
        throw new IllegalStateException("cgraph.args is missing from the cgraph-runtime jar");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      return List.copyOf(Arrays.asList(text.split("\\s+")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The options that this JVM lacks and that cgraph cannot run without; empty when all are there.
   *
   * @return the missing {@code --add-opens} and {@code --add-exports} options, as {@code java} takes them
   */
  public static List<String> missing() {
    Module java = Object.class.getModule();
    Module me = JvmOptions.class.getModule();
    List<String> missing = new ArrayList<>();
    for (String p : OPENS) {
      if (!java.isOpen(p, me)) {
        missing.add("--add-opens=java.base/" + p + "=" + target(me));
      }
    }
    for (String p : EXPORTS) {
      if (!java.isExported(p, me)) {
        missing.add("--add-exports=java.base/" + p + "=" + target(me));
      }
    }
    return missing;
  }

  /** Throws a {@link CGraphException} naming the missing options, if any. */
  public static void check() {
    List<String> missing = missing();
    if (!missing.isEmpty()) {
      throw new CGraphException("cgraph needs JVM options that this JVM was started without: "
          + String.join(" ", missing) + ". Start java with all of cgraph's options: `java @cgraph.args ...`, where"
          + " cgraph.args is written by `java -cp <cgraph-runtime jar> io.cgraph.runtime.JvmOptions > cgraph.args`"
          + " (Maven: surefire's argLine and exec's commandlineArgs; Gradle: jvmArgs; a fat jar: Add-Opens and"
          + " Add-Exports in its manifest); the full list: " + String.join(" ", all()));
    }
  }

  private static String target(Module me) {
    return me.isNamed() ? me.getName() : "ALL-UNNAMED";
  }
}
