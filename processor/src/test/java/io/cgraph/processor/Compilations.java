package io.cgraph.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;

/** Compiles test sources with a fresh {@link GraphProcessor}, as strictly as users should. */
final class Compilations {
  private Compilations() {}

  /** {@code -Xlint:all,-processing -Werror}: generated code must not warn. */
  static Compilation compile(JavaFileObject... sources) {
    return javac()
        .withProcessors(new GraphProcessor())
        .withOptions("-Xlint:all,-processing", "-Werror")
        .compile(sources);
  }

  static Compilation compile(List<JavaFileObject> sources) {
    return compile(sources.toArray(JavaFileObject[]::new));
  }

  /** Every {@code .java} file under the test resource folder {@code sources/<pkgDir>}. */
  static List<JavaFileObject> resourceSources(String pkgDir) {
    URL url = Compilations.class.getClassLoader().getResource("sources/" + pkgDir);
    if (url == null) {
      throw new IllegalArgumentException("no test sources at sources/" + pkgDir);
    }
    try (Stream<Path> files = Files.list(Paths.get(url.toURI()))) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted()
          .map(p -> {
            try {
              return JavaFileObjects.forResource(p.toUri().toURL());
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          })
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A one-file source; line 1 is the first line of {@code text}. */
  static JavaFileObject source(String qualifiedName, String text) {
    return JavaFileObjects.forSourceString(qualifiedName, text);
  }

  /** The text of a generated source file. */
  static String generatedSource(Compilation compilation, String qualifiedName) {
    JavaFileObject file = compilation.generatedSourceFile(qualifiedName)
        .orElseThrow(() -> new AssertionError("no generated source " + qualifiedName + "; generated: "
            + compilation.generatedSourceFiles().stream().map(JavaFileObject::getName).collect(Collectors.toList())));
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The diagnostics as text, for assertion messages. */
  static String describe(Compilation compilation) {
    return compilation.diagnostics().stream().map(Object::toString).collect(Collectors.joining("\n"));
  }
}
