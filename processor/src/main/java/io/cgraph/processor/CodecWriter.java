package io.cgraph.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The codecs of one graph class: names each {@link TransferType.Generated} type's private static
 * {@code write_X}/{@code read_X} pair once, in the order first needed (what a type contains is
 * registered with it), and generates the pairs from the bodies each kind supplies. What a kind
 * writes and reads is its own business ({@link TransferType}); this class only names and collects.
 */
final class CodecWriter {
  /** Codec name per type (by its spelling), in registration order. */
  private final Map<String, String> names = new LinkedHashMap<>();
  private final Map<String, TransferType.Generated> byName = new LinkedHashMap<>();
  private final Set<String> usedNames = new HashSet<>();

  /** Registers {@code type} (and what it contains) for generation; returns its codec name, or null when trivial. */
  String register(TransferType type) {
    if (!(type instanceof TransferType.Generated generated)) {
      return null;
    }
    String key = type.typeName().toString();
    String existing = names.get(key);
    if (existing != null) {
      return existing;
    }
    String base = Names.codecName(type);
    String name = base;
    for (int i = 2; usedNames.contains(name); i++) {
      name = base + "_" + i;
    }
    usedNames.add(name);
    names.put(key, name);
    byName.put(name, generated);
    for (TransferType inner : generated.contained()) {
      register(inner);
    }
    return name;
  }

  /** The statement that writes {@code value} (an expression) with the SlotWriter {@code writer}. */
  CodeBlock write(TransferType type, String writer, CodeBlock value) {
    return type.write(this, writer, value);
  }

  /** The expression that reads a value of {@code type} from the SlotReader expression {@code reader}. */
  CodeBlock read(TransferType type, CodeBlock reader) {
    return type.read(this, reader);
  }

  /** The static fields of the codecs registered so far (the enums' cached {@code values()} arrays). */
  List<FieldSpec> fields() {
    List<FieldSpec> fields = new ArrayList<>();
    for (Map.Entry<String, TransferType.Generated> e : byName.entrySet()) {
      FieldSpec field = e.getValue().field(e.getKey());
      if (field != null) {
        fields.add(field);
      }
    }
    return fields;
  }

  /** The write/read pairs of every registered type (registering what they contain as they go). */
  List<MethodSpec> methods() {
    List<MethodSpec> methods = new ArrayList<>();
    Set<String> done = new HashSet<>();
    boolean progress = true;
    while (progress) {
      progress = false;
      for (Map.Entry<String, TransferType.Generated> e : new ArrayList<>(byName.entrySet())) {
        if (done.add(e.getKey())) {
          methods.add(writeMethod(e.getKey(), e.getValue()));
          methods.add(readMethod(e.getKey(), e.getValue()));
          progress = true;
        }
      }
    }
    return methods;
  }

  private MethodSpec writeMethod(String name, TransferType.Generated type) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(Names.writeMethod(name))
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(RuntimeTypes.SLOT_WRITER, "w")
        .addParameter(type.typeName(), "v");
    type.writeBody(m, this);
    return m.build();
  }

  private MethodSpec readMethod(String name, TransferType.Generated type) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(Names.readMethod(name))
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(type.typeName())
        .addParameter(RuntimeTypes.SLOT_READER, "r");
    type.readBody(m, this, name);
    return m.build();
  }
}
