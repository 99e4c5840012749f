package io.cgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The generated {@code PipelineGraph} is the hand-written golden of the runtime module
 * ({@code runtime/src/test/java/io/cgraph/runtime/sample/PipelineGraph.java}), code for code: they
 * differ only in Javadoc and the {@code @Generated} annotation.
 */
class HandWrittenGoldenTest {
  @Test
  void pipelineGraphIsTheHandWrittenShape() throws IOException {
    Path handWritten = Paths.get(System.getProperty("cgraph.runtimeSampleDir",
        "../runtime/src/test/java/io/cgraph/runtime/sample"), "PipelineGraph.java");
    Compilation compilation = Compilations.compile(Compilations.resourceSources("io/cgraph/runtime/sample"));
    assertThat(compilation).succeededWithoutWarnings();
    String generated = Compilations.generatedSource(compilation, "io.cgraph.runtime.sample.PipelineGraph");
    assertEquals(code(Files.readString(handWritten)), code(generated));
  }

  /** Drops Javadoc and comment-only lines, and the @Generated annotation and its import. */
  private static String code(String source) {
    return source.lines()
        .filter(l -> !l.trim().startsWith("/**") && !l.trim().startsWith("*") && !l.trim().startsWith("*/"))
        .filter(l -> !l.contains("@Generated") && !l.contains("javax.annotation.processing.Generated"))
        .collect(Collectors.joining("\n"));
  }
}
