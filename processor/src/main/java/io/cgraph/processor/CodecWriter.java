package io.cgraph.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The encoding of values into slots: one place that knows which SlotWriter/SlotReader method a
 * trivial type uses, and that generates a private static {@code write_X}/{@code read_X} pair for
 * every other type (records recursively, enums through a cached {@code values()} array, lists,
 * boxes), each once per graph class, in the order first needed.
 */
final class CodecWriter {
  private static final ClassName ARRAY_LIST = ClassName.get("java.util", "ArrayList");

  /** Codec name per type (by its spelling), in registration order. */
  private final Map<String, String> names = new LinkedHashMap<>();
  private final Map<String, TransferType> byName = new LinkedHashMap<>();
  private final Set<String> usedNames = new HashSet<>();
  private final Map<String, String> enumFields = new HashMap<>();

  /** Registers {@code type} (and what it contains) for generation; returns its codec name, or null when trivial. */
  String register(TransferType type) {
    if (type.trivial()) {
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
    byName.put(name, type);
    if (type instanceof TransferType.RecordType r) {
      for (TransferType.RecordType.Component c : r.components()) {
        register(c.type());
      }
    } else if (type instanceof TransferType.ListType l) {
      register(l.element());
    } else if (type instanceof TransferType.EnumType) {
      enumFields.put(name, Names.enumValuesField(name));
    }
    return name;
  }

  /** The statement that writes {@code value} (an expression) with the SlotWriter {@code writer}. */
  CodeBlock write(TransferType type, String writer, CodeBlock value) {
    if (type instanceof TransferType.Primitive p) {
      return CodeBlock.of("$N.write$L($L)", writer, p.method(), value);
    }
    if (type instanceof TransferType.PrimitiveArray a) {
      return CodeBlock.of("$N.write$L($L)", writer, a.method(), value);
    }
    if (type instanceof TransferType.StringType) {
      return CodeBlock.of("$N.writeString($L)", writer, value);
    }
    if (type instanceof TransferType.ByteBufferType) {
      return CodeBlock.of("$N.writeByteBuffer($L)", writer, value);
    }
    if (type instanceof TransferType.DeviceTensorType) {
      return CodeBlock.of("$T.write($N, $L)", RuntimeTypes.DEVICE_TENSOR_CODEC, writer, value);
    }
    return CodeBlock.of("$N($N, $L)", Names.writeMethod(register(type)), writer, value);
  }

  /** The expression that reads a value of {@code type} from the SlotReader expression {@code reader}. */
  CodeBlock read(TransferType type, CodeBlock reader) {
    if (type instanceof TransferType.Primitive p) {
      return CodeBlock.of("$L.read$L()", reader, p.method());
    }
    if (type instanceof TransferType.PrimitiveArray a) {
      return CodeBlock.of("$L.read$L()", reader, a.method());
    }
    if (type instanceof TransferType.StringType) {
      return CodeBlock.of("$L.readString()", reader);
    }
    if (type instanceof TransferType.ByteBufferType) {
      return CodeBlock.of("$L.readByteBuffer()", reader);
    }
    if (type instanceof TransferType.DeviceTensorType) {
      return CodeBlock.of("$T.read($L)", RuntimeTypes.DEVICE_TENSOR_CODEC, reader);
    }
    return CodeBlock.of("$N($L)", Names.readMethod(register(type)), reader);
  }

  /** The cached {@code values()} arrays of the enums registered so far. */
  List<FieldSpec> fields() {
    List<FieldSpec> fields = new ArrayList<>();
    for (Map.Entry<String, TransferType> e : byName.entrySet()) {
      if (e.getValue() instanceof TransferType.EnumType t) {
        fields.add(FieldSpec.builder(ArrayTypeName.of(t.typeName()), enumFields.get(e.getKey()),
                Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("$T.values()", t.className())
            .build());
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
      for (Map.Entry<String, TransferType> e : new ArrayList<>(byName.entrySet())) {
        if (done.add(e.getKey())) {
          methods.add(writeMethod(e.getKey(), e.getValue()));
          methods.add(readMethod(e.getKey(), e.getValue()));
          progress = true;
        }
      }
    }
    return methods;
  }

  private MethodSpec writeMethod(String name, TransferType type) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(Names.writeMethod(name))
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(RuntimeTypes.SLOT_WRITER, "w")
        .addParameter(type.typeName(), "v");
    if (type instanceof TransferType.Boxed b) {
      m.addStatement("w.writePresent(v != null)");
      m.beginControlFlow("if (v != null)");
      m.addStatement(write(b.primitive(), "w", CodeBlock.of("v")));
      m.endControlFlow();
    } else if (type instanceof TransferType.EnumType) {
      m.addStatement("w.writeInt(v == null ? -1 : v.ordinal())");
    } else if (type instanceof TransferType.ListType l) {
      m.beginControlFlow("if (v == null)");
      m.addStatement("w.writeInt(-1)");
      m.addStatement("return");
      m.endControlFlow();
      m.addStatement("w.writeInt(v.size())");
      m.beginControlFlow("for ($T e : v)", l.element().typeName());
      m.addStatement(write(l.element(), "w", CodeBlock.of("e")));
      m.endControlFlow();
    } else if (type instanceof TransferType.RecordType r) {
      m.addStatement("w.writePresent(v != null)");
      if (!r.components().isEmpty()) {
        m.beginControlFlow("if (v != null)");
        for (TransferType.RecordType.Component c : r.components()) {
          m.addStatement(write(c.type(), "w", CodeBlock.of("v.$N()", c.accessor())));
        }
        m.endControlFlow();
      }
    } else {
      throw new IllegalStateException("no codec method for trivial type " + type);
    }
    return m.build();
  }

  private MethodSpec readMethod(String name, TransferType type) {
    TypeName t = type.typeName();
    MethodSpec.Builder m = MethodSpec.methodBuilder(Names.readMethod(name))
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(t)
        .addParameter(RuntimeTypes.SLOT_READER, "r");
    if (type instanceof TransferType.Boxed b) {
      m.beginControlFlow("if (!r.readPresent())");
      m.addStatement("return null");
      m.endControlFlow();
      m.addStatement("return $L", read(b.primitive(), CodeBlock.of("r")));
    } else if (type instanceof TransferType.EnumType) {
      m.addStatement("int ordinal = r.readInt()");
      m.addStatement("return ordinal < 0 ? null : $N[ordinal]", enumFields.get(name));
    } else if (type instanceof TransferType.ListType l) {
      m.addStatement("int n = r.readInt()");
      m.beginControlFlow("if (n < 0)");
      m.addStatement("return null");
      m.endControlFlow();
      m.addStatement("$T v = new $T<>(n)", t, ARRAY_LIST);
      m.beginControlFlow("for (int i = 0; i < n; i++)");
      m.addStatement("v.add($L)", read(l.element(), CodeBlock.of("r")));
      m.endControlFlow();
      m.addStatement("return v");
    } else if (type instanceof TransferType.RecordType r) {
      m.beginControlFlow("if (!r.readPresent())");
      m.addStatement("return null");
      m.endControlFlow();
      List<CodeBlock> args = new ArrayList<>();
      for (TransferType.RecordType.Component c : r.components()) {
        String local = Names.codecLocal(c.name());
        m.addStatement("$T $N = $L", c.type().typeName(), local, read(c.type(), CodeBlock.of("r")));
        args.add(CodeBlock.of("$N", local));
      }
      m.addStatement("return new $T($L)", t, CodeBlock.join(args, ",$W"));
    } else {
      throw new IllegalStateException("no codec method for trivial type " + type);
    }
    return m.build();
  }
}
