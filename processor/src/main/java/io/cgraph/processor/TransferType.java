package io.cgraph.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.type.TypeKind;

/**
 * How a value of a transferable type is encoded into a channel slot. Trivial types use the
 * SlotWriter/SlotReader methods directly; the others get a generated {@code write_X}/{@code read_X}
 * pair (see {@link Names#codecName}).
 */
sealed interface TransferType {
  /** The Java type of the value, as generated code spells it. */
  TypeName typeName();

  /** Whether the value is written with one SlotWriter call (no generated codec method). */
  default boolean trivial() {
    return true;
  }

  /** A primitive: {@code writeInt}/{@code readInt} etc. */
  record Primitive(TypeKind kind, TypeName typeName) implements TransferType {
    /** The suffix of the SlotWriter/SlotReader method: {@code Int} for {@code writeInt}. */
    String method() {
      String s = kind.name().toLowerCase(java.util.Locale.ROOT);
      return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
  }

  /** A box of a primitive (nullable): a presence flag, then the primitive. */
  record Boxed(Primitive primitive, TypeName typeName) implements TransferType {
    @Override
    public boolean trivial() {
      return false;
    }
  }

  /** {@code String}: {@code writeString}, null included. */
  record StringType(TypeName typeName) implements TransferType {}

  /** A primitive array: {@code writeInts}/{@code readInts} etc., null included. */
  record PrimitiveArray(Primitive component, TypeName typeName) implements TransferType {
    String method() {
      return component.method() + "s";
    }
  }

  /** {@code java.nio.ByteBuffer}: its remaining bytes, null included. */
  record ByteBufferType(TypeName typeName) implements TransferType {}

  /**
   * {@code io.cgraph.gpu.DeviceTensor}: a small descriptor through {@code DeviceTensorCodec}; the
   * data stays on its device (moved to the reader, not copied).
   */
  record DeviceTensorType(TypeName typeName) implements TransferType {}

  /** Whether a value of {@code type} can contain a device tensor (then the graph holds a tensor lease). */
  static boolean carriesDeviceTensor(TransferType type) {
    return carriesDeviceTensor(type, new java.util.HashSet<>());
  }

  private static boolean carriesDeviceTensor(TransferType type, java.util.Set<TransferType> seen) {
    if (type instanceof DeviceTensorType) {
      return true;
    }
    if (type instanceof ListType l) {
      return carriesDeviceTensor(l.element(), seen);
    }
    if (type instanceof RecordType r && seen.add(r)) {
      for (RecordType.Component c : r.components()) {
        if (carriesDeviceTensor(c.type(), seen)) {
          return true;
        }
      }
    }
    return false;
  }

  /** An enum: its ordinal, -1 for null, decoded through a cached {@code values()} array. */
  record EnumType(ClassName className, TypeName typeName) implements TransferType {
    @Override
    public boolean trivial() {
      return false;
    }
  }

  /** {@code java.util.List<E>}: the size (-1 for null), then the elements. */
  record ListType(TransferType element, TypeName typeName) implements TransferType {
    @Override
    public boolean trivial() {
      return false;
    }
  }

  /**
   * A record: a presence flag, then its components in order. A class, not a record, because a
   * record type may contain itself (through a list): it compares by identity.
   */
  final class RecordType implements TransferType {
    /** One record component: its name, its accessor and its type. */
    record Component(String name, String accessor, TransferType type) {}

    private final TypeName typeName;
    private final List<Component> components = new ArrayList<>();

    RecordType(TypeName typeName) {
      this.typeName = typeName;
    }

    @Override
    public TypeName typeName() {
      return typeName;
    }

    @Override
    public boolean trivial() {
      return false;
    }

    List<Component> components() {
      return components;
    }

    @Override
    public String toString() {
      return "RecordType[" + typeName + "]";
    }
  }
}
