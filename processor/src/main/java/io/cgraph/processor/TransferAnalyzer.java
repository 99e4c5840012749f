package io.cgraph.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Decides, through the Element API only, whether a type can cross a channel and how it is encoded.
 * A type that is not resolvable yet raises {@link MissingTypeException}.
 */
final class TransferAnalyzer {
  /** The outcome for one type. */
  sealed interface Result {}

  /** Transferable, encoded as {@code type}. */
  record Ok(TransferType type) implements Result {}

  /** Not transferable: what the model records ({@link NotTransferable}). */
  record Bad(NotTransferable why) implements Result {}

  private static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient List<NotTransferable.Problem> problems;

    Rejected(List<NotTransferable.Problem> problems) {
      super(null, null, false, false);
      this.problems = problems;
    }
  }

  private final Elements elements;
  private final Types types;
  private final Map<String, TransferType> cache = new HashMap<>();

  TransferAnalyzer(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  Result analyze(TypeMirror type) {
    try {
      return new Ok(analyze(type, ""));
    } catch (Rejected e) {
      return new Bad(new NotTransferable(List.copyOf(e.problems)));
    }
  }

  private TransferType analyze(TypeMirror type, String path) {
    TypeKind kind = type.getKind();
    if (kind == TypeKind.ERROR) {
      throw new MissingTypeException(type.toString());
    }
    if (kind.isPrimitive()) {
      return primitive(kind);
    }
    if (kind == TypeKind.ARRAY) {
      TypeMirror component = ((ArrayType) type).getComponentType();
      if (component.getKind().isPrimitive()) {
        return new TransferType.PrimitiveArray(primitive(component.getKind()), TypeName.get(type));
      }
      throw bad(path, type, " (only arrays of primitives are transferable; use a List)");
    }
    if (kind != TypeKind.DECLARED) {
      throw bad(path, type, "");
    }
    DeclaredType declared = (DeclaredType) type;
    TypeElement element = (TypeElement) declared.asElement();
    String name = element.getQualifiedName().toString();
    String slotMethod = TransferType.SLOT_VALUES.get(name);
    if (slotMethod != null) {
      return new TransferType.SlotValue(slotMethod, TypeName.get(type));
    }
    if (name.equals(RuntimeTypes.DEVICE_TENSOR)) {
      return new TransferType.DeviceTensorType(TypeName.get(type));
    }
    if (TransferType.BOXES.contains(name)) {
      return new TransferType.Boxed(primitive(types.unboxedType(type).getKind()), TypeName.get(type));
    }
    if (name.equals("java.util.List")) {
      return list(declared, path);
    }
    if (element.getKind() == ElementKind.ENUM) {
      return new TransferType.EnumType(ClassName.get(element), TypeName.get(type));
    }
    if (element.getKind() == ElementKind.RECORD) {
      return record(declared, element, path);
    }
    if (isA(type, RuntimeTypes.BYTES_MARSHALLABLE)) {
      return marshallable(declared, element, path);
    }
    throw bad(path, type, "");
  }

  /** A BytesMarshallable class: it is read into a new instance, so it needs a public no-argument constructor. */
  private TransferType marshallable(DeclaredType declared, TypeElement element, String path) {
    if (element.getKind() != ElementKind.CLASS || element.getModifiers().contains(Modifier.ABSTRACT)) {
      throw bad(path, declared, " (an interface or abstract class cannot be created to read a value into; use the"
          + " concrete BytesMarshallable class)");
    }
    if (!element.getTypeParameters().isEmpty()) {
      throw bad(path, declared, " (a generic BytesMarshallable class; use a class without type parameters)");
    }
    boolean creatable = ElementFilter.constructorsIn(element.getEnclosedElements()).stream()
        .anyMatch(c -> c.getParameters().isEmpty() && c.getModifiers().contains(Modifier.PUBLIC)
            && c.getThrownTypes().stream().allMatch(this::unchecked));
    boolean inner = element.getNestingKind().isNested() && !element.getModifiers().contains(Modifier.STATIC);
    List<String> fixes = new ArrayList<>();
    if (!creatable) {
      fixes.add("give it a public no-argument constructor that throws no checked exception");
    }
    if (inner) {
      fixes.add("make it static");
    }
    if (!fixes.isEmpty()) {
      throw bad(path, declared, " (a BytesMarshallable is read into a new instance: " + String.join(" and ", fixes)
          + ")");
    }
    return new TransferType.MarshallableType(ClassName.get(element), TypeName.get(declared));
  }

  /** Whether a thrown type needs no {@code throws} clause where it is called. */
  private boolean unchecked(TypeMirror thrown) {
    return isA(thrown, "java.lang.RuntimeException") || isA(thrown, "java.lang.Error");
  }

  private TransferType list(DeclaredType declared, String path) {
    List<? extends TypeMirror> args = declared.getTypeArguments();
    if (args.size() != 1) {
      throw bad(path, declared, " (a raw List; give it an element type)");
    }
    TypeMirror element = args.get(0);
    if (element.getKind() == TypeKind.WILDCARD) {
      throw bad(path, declared, " (a wildcard List; give it a concrete element type)");
    }
    String key = declared.toString();
    TransferType cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    TransferType elementType = analyze(element, (path.isEmpty() ? display(declared) : path) + "[i]");
    TransferType result = new TransferType.ListType(elementType, TypeName.get(declared));
    cache.put(key, result);
    return result;
  }

  private TransferType record(DeclaredType declared, TypeElement element, String path) {
    if (!element.getTypeParameters().isEmpty() && declared.getTypeArguments().isEmpty()) {
      throw bad(path, declared, " (a raw record type; give it type arguments)");
    }
    String key = declared.toString();
    TransferType cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    TransferType.RecordType record = new TransferType.RecordType(TypeName.get(declared));
    cache.put(key, record);
    List<NotTransferable.Problem> problems = new ArrayList<>();
    try {
      String prefix = path.isEmpty() ? element.getSimpleName().toString() : path;
      for (RecordComponentElement component : ElementFilter.recordComponentsIn(element.getEnclosedElements())) {
        ExecutableElement accessor = component.getAccessor();
        String componentName = component.getSimpleName().toString();
        if (accessor == null) {
          // A component named as a method of Object (wait, hashCode, ...): javac gives it no accessor, and says so
          // only after processing, so this is the one message the user sees.
          problems.add(new NotTransferable.Problem(prefix + "." + componentName, component.asType().toString(),
              " (the record has no accessor for it: a record component may not be named as a method of Object)",
              Messages.RENAME_COMPONENT));
          continue;
        }
        TypeMirror componentType = ((ExecutableType) types.asMemberOf(declared, accessor)).getReturnType();
        try {
          TransferType t = analyze(componentType, prefix + "." + componentName);
          record.components().add(new TransferType.RecordType.Component(
              componentName, accessor.getSimpleName().toString(), t));
        } catch (Rejected e) {
          problems.addAll(e.problems); // go on: every bad component is reported, not just the first
        }
      }
    } catch (RuntimeException e) {
      cache.remove(key);
      throw e;
    }
    if (!problems.isEmpty()) {
      cache.remove(key);
      throw new Rejected(problems);
    }
    return record;
  }

  private TransferType.Primitive primitive(TypeKind kind) {
    return new TransferType.Primitive(kind, TypeName.get(types.getPrimitiveType(kind)));
  }

  private Rejected bad(String path, TypeMirror type, String reason) {
    return new Rejected(List.of(new NotTransferable.Problem(path, type.toString(), reason, substitute(type))));
  }

  /** What to send instead of {@code type}: an {@code Instant} for a {@code Date}, a list of records for maps. */
  private String substitute(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return Messages.SEND_TRANSFERABLE_TYPE;
    }
    if (isA(type, "java.sql.Date") || isA(type, "java.sql.Time")) {
      return Messages.SEND_INSTANT_OF_MILLIS;
    }
    if (isA(type, "java.util.Date")) {
      return Messages.SEND_INSTANT;
    }
    if (isA(type, RuntimeTypes.BYTES_MARSHALLABLE)) {
      return Messages.SEND_RECORD_OF_FIELDS;
    }
    if (isA(type, "java.util.Map")) {
      return Messages.SEND_LIST_OF_RECORDS;
    }
    return Messages.SEND_TRANSFERABLE_TYPE;
  }

  /** Whether {@code type} is the class named {@code name} or a subtype of it (raw). */
  private boolean isA(TypeMirror type, String name) {
    TypeElement e = elements.getTypeElement(name);
    return e != null && types.isSubtype(types.erasure(type), types.erasure(e.asType()));
  }

  /** A short, readable spelling of a type for messages: simple names, type arguments included. */
  static String display(TypeMirror type) {
    if (type.getKind() == TypeKind.DECLARED) {
      DeclaredType d = (DeclaredType) type;
      String simple = d.asElement().getSimpleName().toString();
      if (d.getTypeArguments().isEmpty()) {
        return simple;
      }
      return simple + d.getTypeArguments().stream().map(TransferAnalyzer::display)
          .collect(Collectors.joining(", ", "<", ">"));
    }
    if (type.getKind() == TypeKind.ARRAY) {
      return display(((ArrayType) type).getComponentType()) + "[]";
    }
    return type.toString();
  }

  /**
   * The first type named by {@code type} (itself, its type arguments, its array component) that
   * generated code in package {@code pkg} cannot access, or {@code null}.
   */
  static String firstInaccessible(TypeMirror type, String pkg) {
    if (type.getKind() == TypeKind.ARRAY) {
      return firstInaccessible(((ArrayType) type).getComponentType(), pkg);
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    DeclaredType d = (DeclaredType) type;
    if (!accessible(d.asElement(), pkg)) {
      return ((TypeElement) d.asElement()).getQualifiedName().toString();
    }
    for (TypeMirror arg : d.getTypeArguments()) {
      String inner = firstInaccessible(arg, pkg);
      if (inner != null) {
        return inner;
      }
    }
    return null;
  }

  private static boolean accessible(Element type, String pkg) {
    for (Element e = type; e != null && e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
      if (!(e.getKind().isClass() || e.getKind().isInterface())) {
        return false; // local or anonymous
      }
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return false;
      }
      if (!e.getModifiers().contains(Modifier.PUBLIC) && !packageOf(e).equals(pkg)) {
        return false;
      }
    }
    return true;
  }

  static String packageOf(Element e) {
    Element p = e;
    while (p != null && p.getKind() != ElementKind.PACKAGE) {
      p = p.getEnclosingElement();
    }
    return p == null ? "" : ((PackageElement) p).getQualifiedName().toString();
  }
}
