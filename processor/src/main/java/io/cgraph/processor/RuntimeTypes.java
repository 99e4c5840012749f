package io.cgraph.processor;

import com.palantir.javapoet.ClassName;

/**
 * Every cgraph type the processor names, in one place: the annotations it processes, and the
 * runtime and GPU types that generated code and the misuse checker use. The processor depends on
 * the annotations only and names all of these by their names, so that javac never loads the
 * runtime (nor Chronicle) while it compiles a user's graphs (DESIGN §1). JDK types are named where
 * they are used.
 */
final class RuntimeTypes {
  private RuntimeTypes() {}

  // ---- the annotations (io.cgraph.annotations)

  /** {@code GraphOptions.DEFAULT_MAX_BUFFERED_RESULTS}: unread results a graph keeps beside its pipeline by default. */
  static final int DEFAULT_MAX_BUFFERED_RESULTS = 1000;
  /** {@code GraphOptions.MAX_INFLIGHT_LIMIT}: the largest {@code maxInflight} a graph may ask for. */
  static final int MAX_INFLIGHT_LIMIT = 65536;

  static final String ACTOR = "io.cgraph.annotations.Actor";
  static final String GRAPH_METHOD = "io.cgraph.annotations.GraphMethod";
  static final String GRAPH = "io.cgraph.annotations.Graph";
  /** The collectives of a graph body, recognised by name as written ({@code Collectives.allReduce}). */
  static final String COLLECTIVES = "io.cgraph.annotations.Collectives";
  static final String REDUCE_OP = "io.cgraph.annotations.ReduceOp";

  // ---- packages

  static final String RUNTIME_PACKAGE = "io.cgraph.runtime";
  /** Everything generated code calls that is not API (Dagger's {@code dagger.internal}). */
  static final String INTERNAL_PACKAGE = RUNTIME_PACKAGE + ".internal";
  static final String JOURNAL_PACKAGE = RUNTIME_PACKAGE + ".journal";
  static final String GPU_PACKAGE = "io.cgraph.gpu";

  // ---- the public API (io.cgraph.runtime)

  static final ClassName GRAPH_OPTIONS = ClassName.get(RUNTIME_PACKAGE, "GraphOptions");
  /** What a graph's {@code Ref} implements; the misuse checker recognises Refs by it. */
  static final ClassName SINGLE_USE = ClassName.get(RUNTIME_PACKAGE, "SingleUse");
  static final ClassName PLACEMENT = ClassName.get(RUNTIME_PACKAGE, "Placement");
  static final ClassName GRAPH_STATS = ClassName.get(RUNTIME_PACKAGE, "GraphStats");
  /** What a failed execution's journaled record carries (and a failing actor's step publishes). */
  static final ClassName FAILURE = ClassName.get(RUNTIME_PACKAGE, "Failure");
  static final ClassName JOURNAL_ENTRY = ClassName.get(JOURNAL_PACKAGE, "JournalEntry");
  static final ClassName JOURNAL_READER = ClassName.get(JOURNAL_PACKAGE, "JournalReader");

  // ---- what generated code calls (the one internal package)

  static final ClassName ABSTRACT_REF = ClassName.get(INTERNAL_PACKAGE, "AbstractRef");
  static final ClassName ACTOR_CONTEXT = ClassName.get(INTERNAL_PACKAGE, "ActorContext");
  static final ClassName ACTOR_STEP = ClassName.get(INTERNAL_PACKAGE, "ActorStep");
  static final ClassName GRAPH_RUNTIME = ClassName.get(INTERNAL_PACKAGE, "GraphRuntime");
  static final ClassName GRAPH_SPEC = ClassName.get(INTERNAL_PACKAGE, "GraphSpec");
  static final ClassName CHANNEL_READER = ClassName.get(INTERNAL_PACKAGE, "ChannelReader");
  static final ClassName CHANNEL_WRITER = ClassName.get(INTERNAL_PACKAGE, "ChannelWriter");
  static final ClassName ACTOR_PROBE = ClassName.get(INTERNAL_PACKAGE, "ActorProbe");
  static final ClassName SLOT_WRITER = ClassName.get(INTERNAL_PACKAGE, "SlotWriter");
  static final ClassName SLOT_READER = ClassName.get(INTERNAL_PACKAGE, "SlotReader");
  static final ClassName COLLECTIVE = ClassName.get(INTERNAL_PACKAGE, "Collective");
  static final ClassName COLLECTIVE_KIND = COLLECTIVE.nestedClass("Kind");
  static final ClassName REDUCE_OP_CLASS = ClassName.get("io.cgraph.annotations", "ReduceOp");

  // ---- GPU (io.cgraph.gpu)

  /** A transferable type (a {@code switch} label in {@link TransferAnalyzer}, hence a string). */
  static final String DEVICE_TENSOR = GPU_PACKAGE + ".DeviceTensor";
  static final ClassName DEVICE_TENSOR_CODEC = ClassName.get(GPU_PACKAGE, "DeviceTensorCodec");
  /** The tensor forms of the collectives, recognised by name as written, and what generated code calls. */
  static final ClassName DEVICE_COLLECTIVES = ClassName.get(GPU_PACKAGE, "DeviceCollectives");

  /** Writes and reads Chronicle {@code BytesMarshallable} values (see {@link #BYTES_MARSHALLABLE}). */
  static final ClassName MARSHALLED = ClassName.get(INTERNAL_PACKAGE, "Marshalled");

  // ---- the runtime's dependencies

  /** Chronicle's self-marshalling interface: a class implementing it is transferable. */
  static final String BYTES_MARSHALLABLE = "net.openhft.chronicle.bytes.BytesMarshallable";
}
