package io.cgraph.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The class of an invalid graph: the public methods of a valid one, each failing with one message. */
class StubWriterTest {
  @Test
  void everyPublicMethodThrowsTheCompileErrorMessage() {
    GraphModel.GraphSignature sig = new GraphModel.GraphSignature("p", "FGraph", "f",
        List.of(new GraphModel.InputParam(0, "text", "text", ClassName.get(String.class), null, null, null, null)),
        List.of(new GraphModel.ActorParam(0, "tok", "tok", ClassName.get("p", "Tok"), "p.Tok", null, null)),
        TypeName.FLOAT, "float");
    TypeSpec stub = StubWriter.write(sig);
    String source = stub.toString();
    assertTrue(source.contains("\"graph FGraph failed to compile: see the compile errors\""), source);
    assertFalse(source.contains("GraphRuntime"), source);
    assertEquals(List.of("<init>", "compile", "compile", "compile", "execute", "executeAsync", "toDot", "close",
        "stats", "readJournal", "fromJournal", "replay"),
        stub.methodSpecs().stream().map(m -> m.name()).toList());
    long throwing = stub.methodSpecs().stream()
        .filter(m -> m.code().toString().contains("throw new java.lang.IllegalStateException(ERROR)")).count();
    assertEquals(11, throwing, source);
    assertTrue(source.replaceAll("\\s+", " ").contains("public record Execution(long number, boolean completed, java.lang.String text,"
        + " java.lang.Float result, io.cgraph.runtime.Failure failure)"), source);
    assertTrue(source.contains("compile(io.cgraph.runtime.Placement<p.Tok> tok,"), source);
    assertTrue(source.contains("public static final int MAX_INFLIGHT = 10;"), source);
  }
}
