package io.cgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The generated source of a few graphs, compared with files under {@code src/test/resources/golden}.
 * After an intended change of the generator, regenerate them and review the diff:
 *
 * <pre>mvn -o -pl processor test -Dtest=GoldenTest -Dcgraph.regenerateGolden=true</pre>
 */
class GoldenTest {
  @ParameterizedTest
  @CsvSource({
    "io/cgraph/runtime/sample, io.cgraph.runtime.sample.PipelineGraph, PipelineGraph.java",
    "golden/codecs, golden.codecs.RoundTripGraph, RoundTripGraph.java",
    "golden/shapes, golden.shapes.Shapes, Shapes.java",
    "golden/shapes, golden.shapes.MeasureGraph, MeasureGraph.java",
  })
  void generatedSourceMatchesGolden(String sources, String generatedClass, String golden) throws IOException {
    Compilation compilation = Compilations.compile(Compilations.resourceSources(sources));
    assertThat(compilation).succeededWithoutWarnings();
    String actual = Compilations.generatedSource(compilation, generatedClass);
    if (Boolean.getBoolean("cgraph.regenerateGolden")) {
      Path dir = Paths.get(System.getProperty("cgraph.goldenDir", "src/test/resources/golden"));
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(golden), actual, StandardCharsets.UTF_8);
      return;
    }
    assertEquals(readGolden(golden), actual, "generated " + generatedClass + " differs from golden/" + golden
        + " (regenerate with -Dcgraph.regenerateGolden=true if the change is intended)");
  }

  private static String readGolden(String name) throws IOException {
    try (InputStream in = GoldenTest.class.getClassLoader().getResourceAsStream("golden/" + name)) {
      if (in == null) {
        throw new AssertionError("missing golden/" + name + ": run with -Dcgraph.regenerateGolden=true");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
