package io.cgraph.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;

/**
 * One graph as the writers see it: no trees, no elements (sites are only for validation). Built by
 * {@link GraphParser}, checked by {@link ModelValidator}, laid out in channels by
 * {@link ChannelPlanner}, written by {@link GraphWriter} and {@link DotWriter}.
 *
 * @param signature the public face of the graph class (also enough for an invalid graph)
 * @param maxInflight the {@code @Graph} default
 * @param bufferBytes the {@code @Graph} default
 * @param calls the calls in program order
 * @param output what the graph returns
 * @param channels channel 0 is the input channel; one per call whose value crosses to another
 *     actor or to the driver (filled by {@link ChannelPlanner}, empty before)
 * @param facts what the writers need to know about who reads what, derived once by
 *     {@link ChannelPlanner} ({@code null} before)
 */
record GraphModel(
    GraphSignature signature,
    int maxInflight,
    int bufferBytes,
    List<CallNode> calls,
    Output output,
    List<Channel> channels,
    Facts facts) {

  /** The channel carrying call {@code call}'s value, or {@code null} when it stays inside its actor. */
  Channel channelOf(int call) {
    for (Channel c : channels) {
      if (c.call() == call && call >= 0 && c.hop() < 0) {
        return c;
      }
    }
    return null;
  }

  /** The calls whose values the driver reads, distinct, in decode order. */
  List<Integer> outputCalls() {
    return outputCalls(output);
  }

  /** The calls whose values {@code output} reads, distinct, in decode order. */
  static List<Integer> outputCalls(Output output) {
    List<Integer> calls = new ArrayList<>();
    if (output instanceof SingleOutput single) {
      calls.add(single.call());
    } else if (output instanceof RecordOutput record) {
      for (Arg a : record.components()) {
        if (a instanceof LocalArg l && !calls.contains(l.call())) {
          calls.add(l.call());
        }
      }
    }
    return calls;
  }

  GraphModel withPlan(List<Channel> planned, Facts derived) {
    return new GraphModel(signature, maxInflight, bufferBytes, calls, output, List.copyOf(planned), derived);
  }

  /** How many actors' calls read input {@code input}: the hand-overs a device tensor input needs. */
  int inputFanOut(int input) {
    return facts.inputFanOut().get(input);
  }

  /** The inputs the calls of {@code actor} read, ascending (those it decodes from the input channel). */
  List<Integer> inputsReadBy(int actor) {
    return facts.inputsRead().get(actor);
  }

  /**
   * Whether the step of {@code actor} reads the input channel right before node {@code call}: its
   * first node that uses an input, or its first node when that reads no other actor's value.
   */
  boolean readsInputBefore(int actor, int call) {
    return facts.inputReadBefore().get(actor) == call;
  }

  /** Whether an input or a channel value carries a device tensor (the graph then takes a tensor lease). */
  boolean carriesDeviceTensors() {
    return facts.carriesDeviceTensors();
  }

  /** Whether an input or an output carries a device tensor: values the driver hands over or takes. */
  boolean driverSeesDeviceTensors() {
    return facts.driverSeesDeviceTensors();
  }

  /**
   * Whether a call of {@code actor} (its own actor: for a collective, its first participant) reads
   * the result of node {@code call}.
   */
  boolean readsResult(int actor, int call) {
    for (int r : facts.resultReaders().get(call)) {
      if (calls.get(r).actor() == actor) {
        return true;
      }
    }
    return false;
  }

  /** The last node that {@code actor} runs and that reads the result of node {@code call}, or -1. */
  int lastReaderOn(int actor, int call) {
    List<Integer> readers = facts.resultReaders().get(call);
    for (int i = readers.size() - 1; i >= 0; i--) {
      if (calls.get(readers.get(i)).runsOn(actor)) {
        return readers.get(i);
      }
    }
    return -1;
  }

  /**
   * Facts about a planned graph that the writers would otherwise each re-derive from the calls and
   * channels; computed once by {@link ChannelPlanner}.
   *
   * @param inputFanOut per input, how many distinct actors have a call that reads it
   * @param inputsRead per actor, the inputs its calls read, ascending
   * @param carriesDeviceTensors whether an input, or the value of a call a channel carries (a
   *     collective's ring hop included), carries a device tensor
   * @param driverSeesDeviceTensors whether an input or an output call's value carries a device tensor
   * @param resultReaders per node, the nodes (calls and collectives) that read its result, in program
   *     order
   * @param inputReadBefore per actor, the node before which its step reads the input channel (the
   *     channel's readers are the actors with one), or -1 when it does not read it
   */
  record Facts(
      List<Integer> inputFanOut,
      List<List<Integer>> inputsRead,
      boolean carriesDeviceTensors,
      boolean driverSeesDeviceTensors,
      List<List<Integer>> resultReaders,
      List<Integer> inputReadBefore) {}

  /**
   * The public face of a graph class: names and parameter types.
   *
   * @param packageName the package of the graph method, and of the generated class
   * @param className the simple name of the generated class
   * @param methodName the {@code @Graph} method
   * @param inputs non-actor parameters, in declaration order
   * @param actors actor parameters, in declaration order (their index is the actor index)
   * @param returnType the graph method's return type
   * @param returnDisplay the return type as the DOT text shows it
   */
  record GraphSignature(
      String packageName,
      String className,
      String methodName,
      List<InputParam> inputs,
      List<ActorParam> actors,
      TypeName returnType,
      String returnDisplay) {

    ClassName graphClass() {
      return ClassName.get(packageName, className);
    }
  }

  /**
   * An input parameter.
   *
   * @param transfer how it is encoded, or {@code null} when it is not transferable
   * @param notTransferable why not, when {@code transfer} is {@code null}
   */
  record InputParam(
      int index, String name, String javaName, TypeName type, TransferType transfer,
      NotTransferable notTransferable, String inaccessible, Site site) {}

  /**
   * An actor parameter; {@code index} is its actor index in the spec.
   *
   * @param inaccessible the actor class when generated code cannot name it (a private or hidden
   *     class, reported on the class as {@code [CGraphBadActorClass]}), else {@code null}
   */
  record ActorParam(
      int index, String name, String javaName, TypeName type, String binaryName, String inaccessible, Site site) {}

  /**
   * One call {@code name = actor.method(args)}, in program order.
   *
   * @param index the call's position in program order ({@code c<index>} in the DOT text)
   * @param name the local it binds (a synthetic name for {@code return actor.m(...)})
   * @param bound whether the user bound the result to a local (false for a returned call)
   * @param javaName the variable name in generated code
   * @param failureName the name of its failure variable in generated code
   * @param transfer how its value is encoded if it crosses a channel, or {@code null}
   * @param notTransferable why it is not transferable, when {@code transfer} is {@code null}
   * @param inaccessible a type generated code cannot name, or {@code null}
   */
  record CallNode(
      int index, String name, boolean bound, String javaName, String failureName, int actor, String method,
      List<Arg> args, TypeName type, TransferType transfer, NotTransferable notTransferable,
      String inaccessible, Site site, Collective collective) {

    /** Whether {@code actor} runs this node: its actor, or one of a collective's participants. */
    boolean runsOn(int actorIndex) {
      return collective == null ? actor == actorIndex : collective.participants().contains(actorIndex);
    }

    /** {@code actor.method}, for messages. */
    String actorAndMethod(GraphSignature signature) {
      return signature.actors().get(actor).name() + "." + method;
    }

    /** The call as the DOT text and the generated comments show it. */
    String describe(GraphSignature signature, List<CallNode> calls) {
      StringBuilder b = new StringBuilder();
      if (collective != null) {
        b.append(name).append(" = Collectives.").append(method).append('(');
        List<String> parts = new ArrayList<>();
        if (collective.op() != null) {
          parts.add("ReduceOp." + collective.op());
        }
        args.forEach(a -> parts.add(a.describe(signature, calls)));
        if (collective.kind() == Collective.Kind.BROADCAST) {
          collective.participants().subList(1, collective.participants().size())
              .forEach(p -> parts.add(signature.actors().get(p).name()));
        }
        return b.append(String.join(", ", parts)).append(')').toString();
      }
      b.append(bound ? name + " = " : "return ");
      b.append(signature.actors().get(actor).name()).append('.').append(method).append('(');
      for (int i = 0; i < args.size(); i++) {
        if (i > 0) {
          b.append(", ");
        }
        b.append(args.get(i).describe(signature, calls));
      }
      return b.append(')').toString();
    }
  }

  /**
   * A collective statement ({@code io.cgraph.annotations.Collectives}): the node's {@code args} are
   * its operands (locals bound by calls on the participants), {@code actor} its first participant.
   *
   * @param kind what it computes
   * @param op the reduce op's constant name ({@code SUM}), or null when the kind does not reduce
   * @param participants the actors taking part, in rank order (for a broadcast: the root, then the
   *     receivers)
   * @param element the array type each participant gets ({@code float[]}; for reduceScatter its share)
   * @param elementMethod the {@code Collective} method for that type ({@code floats}), or {@link #TENSORS}
   */
  record Collective(Kind kind, String op, List<Integer> participants, TypeName element, String elementMethod) {
    /** The {@code elementMethod} of {@code DeviceTensor} operands ({@code DeviceCollectives.run}). */
    static final String TENSORS = "tensors";

    boolean onTensors() {
      return TENSORS.equals(elementMethod);
    }

    /** As {@code io.cgraph.runtime.internal.Collective.Kind}, by name. */
    enum Kind {
      ALL_REDUCE("allReduce"), ALL_GATHER("allGather"), REDUCE_SCATTER("reduceScatter"), BROADCAST("broadcast");

      final String method;

      Kind(String method) {
        this.method = method;
      }

      static Kind of(String method) {
        for (Kind k : values()) {
          if (k.method.equals(method)) {
            return k;
          }
        }
        return null;
      }
    }

    /** The rank of {@code actor}, or -1 when it does not take part. */
    int rank(int actor) {
      return participants.indexOf(actor);
    }

    /** The ring hops: one per participant, a broadcast's chain one fewer. */
    int hops() {
      return kind == Kind.BROADCAST ? participants.size() - 1 : participants.size();
    }
  }

  /** An argument of a call, or a component of a returned record. */
  sealed interface Arg {
    String describe(GraphSignature signature, List<CallNode> calls);
  }

  /** An input parameter, by index. */
  record InputArg(int input) implements Arg {
    @Override
    public String describe(GraphSignature signature, List<CallNode> calls) {
      return signature.inputs().get(input).name();
    }
  }

  /**
   * The value of an earlier call, by call index; {@code share} &ge; 0 reads one share of a
   * reduceScatter's result ({@code shares[1]}), else -1.
   */
  record LocalArg(int call, int share) implements Arg {
    LocalArg(int call) {
      this(call, -1);
    }

    @Override
    public String describe(GraphSignature signature, List<CallNode> calls) {
      return calls.get(call).name() + (share >= 0 ? "[" + share + "]" : "");
    }
  }

  /**
   * A compile-time constant.
   *
   * @param code the Java expression generated code uses (the literal's source text)
   * @param text how it reads in DOT text and comments
   */
  record ConstantArg(String code, String text) implements Arg {
    @Override
    public String describe(GraphSignature signature, List<CallNode> calls) {
      return text;
    }
  }

  /** What a graph returns. */
  sealed interface Output {}

  /** The value of one call. */
  record SingleOutput(int call) implements Output {}

  /** A record built from values: {@code return new Both(a, b);} (the multi-output form). */
  record RecordOutput(TypeName recordType, List<Arg> components) implements Output {}

  /**
   * A channel: one writer (actor index or {@code -1} for the driver), its readers (actor indices in
   * ascending order, then {@code -1} for the driver when the value is an output).
   *
   * @param call the call whose value it carries, or {@code -1} for the input channel; for a ring hop
   *     the collective's node
   * @param hop for a ring hop of a collective, its number (the sender's rank), else -1
   */
  record Channel(int index, String name, int writer, List<Integer> readers, int call, int hop) {
    Channel(int index, String name, int writer, List<Integer> readers, int call) {
      this(index, name, writer, readers, call, -1);
    }
  }
}
