package io.cgraph.processor;

import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import javax.lang.model.element.Modifier;

/**
 * Writes the class of an invalid graph: the public surface of a valid one ({@link GraphSurface}),
 * each method throwing {@code IllegalStateException}, so that code using the graph still compiles
 * and the user sees only the real errors.
 */
final class StubWriter {
  private StubWriter() {}

  static TypeSpec write(GraphModel.GraphSignature sig) {
    return write(sig, false, 10);
  }

  /**
   * As {@link #write(GraphModel.GraphSignature)}; a type the stub could not name (reported as
   * {@code [CGraphNotAccessible]}, or on the actor class as {@code [CGraphBadActorClass]}) becomes
   * {@code Object}, so that javac adds no error of its own. {@code maxInflight} is the
   * {@code @Graph} value as written, as the real class has it.
   */
  static TypeSpec write(GraphModel.GraphSignature sig, boolean returnInaccessible, int maxInflight) {
    GraphSurface surface = GraphSurface.ofStub(sig, returnInaccessible);
    TypeSpec.Builder ref = surface.ref()
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(fails(surface.refGet()))
        .addMethod(fails(surface.refGetWithTimeout()));
    for (MethodSpec.Builder m : surface.refInherited()) {
      ref.addMethod(fails(m));
    }
    TypeSpec.Builder type = surface.graphClass()
        .addJavadoc("Stands in for the graph of {@code $L}, which has compile errors: every method throws.\n",
            sig.methodName())
        .addField(surface.maxInflight(maxInflight))
        .addField(FieldSpec.builder(String.class, "ERROR", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("$S", Messages.graphFailed(sig.className()))
            .build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    for (MethodSpec.Builder m : surface.methods()) {
      type.addMethod(fails(m));
    }
    type.addType(ref.build());
    if (surface.journaled()) {
      type.addType(surface.execution());
    }
    return type.build();
  }

  private static MethodSpec fails(MethodSpec.Builder m) {
    return m.addStatement("throw new $T(ERROR)", IllegalStateException.class).build();
  }
}
