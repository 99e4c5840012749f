package io.cgraph.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The class of an invalid graph: the public methods of a valid one ({@link GraphSurface}; that
 * they are those of the real class is {@code GraphSurfaceTest}), each failing with one message.
 */
class StubWriterTest {
  private static final GraphModel.InputParam TEXT =
      new GraphModel.InputParam(0, "text", "text", ClassName.get(String.class), null, null, null, null);
  private static final GraphModel.ActorParam TOK =
      new GraphModel.ActorParam(0, "tok", "tok", ClassName.get("p", "Tok"), "p.Tok", null, null);

  @Test
  void everyPublicMethodThrowsTheCompileErrorMessage() {
    GraphModel.GraphSignature sig =
        new GraphModel.GraphSignature("p", "FGraph", "f", List.of(TEXT), List.of(TOK), TypeName.FLOAT, "float");
    TypeSpec stub = StubWriter.write(sig);
    String source = stub.toString();
    assertTrue(source.contains("\"graph FGraph failed to compile: see the compile errors\""), source);
    assertFalse(source.contains("GraphRuntime"), source);
    List<MethodSpec> surface =
        GraphSurface.ofStub(sig, false).methods().stream().map(MethodSpec.Builder::build).toList();
    assertEquals(surface.size() + 1, stub.methodSpecs().size(), source); // and the private constructor
    for (TypeSpec type : List.of(stub, stub.typeSpecs().get(0))) { // the class and its Ref
      for (MethodSpec m : type.methodSpecs()) {
        if (!m.isConstructor()) {
          assertEquals("throw new java.lang.IllegalStateException(ERROR);\n", m.code().toString(), m.toString());
        }
      }
    }
    for (MethodSpec m : surface) {
      assertTrue(stub.methodSpecs().stream().anyMatch(s -> s.name().equals(m.name())
          && s.parameters().equals(m.parameters()) && s.returnType().equals(m.returnType())), m.toString());
    }
    assertEquals(List.of("<init>", "get", "get", "isDone", "isConsumed", "execution"),
        stub.typeSpecs().get(0).methodSpecs().stream().map(m -> m.name()).toList());
    assertTrue(source.replaceAll("\\s+", " ").contains("public record Execution(long number, boolean completed, java.lang.String text,"
        + " java.lang.Float result, io.cgraph.runtime.Failure failure)"), source);
    assertTrue(source.contains("compile(io.cgraph.runtime.Placement<p.Tok> tok,"), source);
    assertTrue(source.contains("public static final int MAX_INFLIGHT = 10;"), source);
  }

  @Test
  void aTypeTheStubCannotNameIsObject() {
    GraphModel.InputParam hidden =
        new GraphModel.InputParam(1, "h", "h", ClassName.get("p", "Hidden"), null, null, "p.Hidden", null);
    GraphModel.ActorParam secret =
        new GraphModel.ActorParam(1, "s", "s", ClassName.get("p", "Secret"), "p.Secret", "p.Secret", null);
    GraphModel.GraphSignature sig = new GraphModel.GraphSignature("p", "GGraph", "g", List.of(TEXT, hidden),
        List.of(TOK, secret), ClassName.get("p", "Private"), "Private");
    String source = StubWriter.write(sig, true, 7).toString().replaceAll("\\s+", " ");
    assertFalse(source.contains("Hidden") || source.contains("Secret") || source.contains("Private"), source);
    assertTrue(source.contains("compile(p.Tok tok, java.lang.Object s)"), source);
    assertTrue(source.contains("compile(io.cgraph.runtime.Placement<p.Tok> tok,"
        + " io.cgraph.runtime.Placement<java.lang.Object> s, io.cgraph.runtime.GraphOptions options)"), source);
    assertTrue(source.contains("public p.GGraph.Ref execute(java.lang.String text, java.lang.Object h)"), source);
    assertTrue(source.contains("CompletableFuture<java.lang.Object> executeAsync("), source);
    assertTrue(source.contains("public java.lang.Object get()"), source);
    assertTrue(source.contains("java.lang.String text, java.lang.Object h, java.lang.Object result,"), source);
    assertTrue(source.contains("MAX_INFLIGHT = 7;"), source);
  }

  @Test
  void aGraphWithoutActorsHasNoPlacedCompile() {
    GraphModel.GraphSignature sig =
        new GraphModel.GraphSignature("p", "HGraph", "h", List.of(), List.of(), TypeName.INT, "int");
    TypeSpec stub = StubWriter.write(sig);
    assertEquals(List.of(List.of(), List.of("options")), stub.methodSpecs().stream()
        .filter(m -> m.name().equals("compile"))
        .map(m -> m.parameters().stream().map(p -> p.name()).toList()).toList(), stub.toString());
  }
}
