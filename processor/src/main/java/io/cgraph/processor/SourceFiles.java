package io.cgraph.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Every file the processor writes goes through here: generated sources (with their originating
 * element, {@code @Generated} when the platform has it, java.lang imports skipped) and the DOT
 * resources.
 */
final class SourceFiles {
  private static final String GENERATED = "javax.annotation.processing.Generated";

  private final Filer filer;
  private final Elements elements;
  private final Map<String, String> resources = new HashMap<>();

  SourceFiles(Filer filer, Elements elements) {
    this.filer = filer;
    this.elements = elements;
  }

  /** Renders the source of {@code type} in {@code packageName}, as it is written. */
  JavaFile javaFile(String packageName, TypeSpec type, Element origin) {
    TypeSpec.Builder b = type.toBuilder().addOriginatingElement(origin);
    if (elements.getTypeElement(GENERATED) != null) {
      b.addAnnotation(AnnotationSpec.builder(ClassName.bestGuess(GENERATED))
          .addMember("value", "$S", Names.GENERATOR)
          .build());
    }
    // @Generated goes first, before any other annotation of the type.
    TypeSpec built = b.build();
    return JavaFile.builder(packageName, built).skipJavaLangImports(true).build();
  }

  void writeSource(String packageName, TypeSpec type, Element origin) throws IOException {
    javaFile(packageName, type, origin).writeTo(filer);
  }

  /**
   * Writes {@code META-INF/cgraph/<GraphClass>.dot}. Returns the qualified name of the graph that
   * already wrote that resource (graphs of the same simple name in two packages), or null.
   */
  String writeDot(String qualifiedGraphClass, String simpleGraphClass, String dot, Element origin)
      throws IOException {
    String path = Names.dotResource(simpleGraphClass);
    String previous = resources.putIfAbsent(path, qualifiedGraphClass);
    if (previous != null) {
      return previous;
    }
    FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path, origin);
    try (Writer w = new java.io.OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
      w.write(dot);
    }
    return null;
  }
}
