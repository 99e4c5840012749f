package io.cgraph.processor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lays a valid graph out in channels. Channel 0 is the input channel: the driver writes it, and
 * every actor reads it that uses an input or whose first call reads no channel value at all (it
 * needs the trigger). Then one channel per call whose value is read by another actor or by the
 * driver, in program order; its readers are the distinct consuming actors (ascending) and the
 * driver last when the value is an output. A value produced and consumed by the same actor stays a
 * local of that actor's step. A collective adds its ring hops at its place in program order.
 */
final class ChannelPlanner {
  /** {@code io.cgraph.runtime.internal.GraphSpec.DRIVER}, by value: the processor does not link the runtime. */
  static final int DRIVER = -1;

  private ChannelPlanner() {}

  static GraphModel plan(GraphModel model) {
    GraphModel.GraphSignature s = model.signature();
    List<GraphModel.CallNode> calls = model.calls();
    List<GraphModel.Channel> channels = new ArrayList<>();

    List<Integer> inputReadBefore = inputReadBefore(model);
    TreeSet<Integer> inputReaders = new TreeSet<>();
    for (int a = 0; a < inputReadBefore.size(); a++) {
      if (inputReadBefore.get(a) >= 0) {
        inputReaders.add(a);
      }
    }
    channels.add(new GraphModel.Channel(0, Names.INPUT_CHANNEL, DRIVER, List.copyOf(inputReaders), -1));

    List<List<Integer>> resultReaders = resultReaders(calls);
    List<Integer> outputs = model.outputCalls();
    Map<String, Integer> occurrences = new HashMap<>();
    for (GraphModel.CallNode c : calls) {
      if (c.collective() != null) {
        ring(model, c, channels);
        continue;
      }
      int occurrence = occurrences.merge(c.actor() + "." + c.method(), 1, Integer::sum);
      TreeSet<Integer> consumers = new TreeSet<>();
      for (int r : resultReaders.get(c.index())) {
        if (!calls.get(r).runsOn(c.actor())) {
          consumers.add(calls.get(r).actor());
        }
      }
      boolean output = outputs.contains(c.index());
      if (consumers.isEmpty() && !output) {
        continue;
      }
      List<Integer> readers = new ArrayList<>(consumers);
      if (output) {
        readers.add(DRIVER);
      }
      channels.add(new GraphModel.Channel(channels.size(),
          Names.channelName(s.actors().get(c.actor()).name(), c.method(), occurrence), c.actor(),
          List.copyOf(readers), c.index()));
    }
    return model.withPlan(channels, facts(model, channels, resultReaders, inputReadBefore));
  }

  /**
   * Per actor, the node before which its step reads the input channel, or -1 when it does not read
   * it: its first node that uses an input, or its first node when that reads no other actor's value
   * (the input is then its trigger).
   */
  private static List<Integer> inputReadBefore(GraphModel model) {
    List<GraphModel.CallNode> calls = model.calls();
    List<Integer> before = new ArrayList<>(Collections.nCopies(model.signature().actors().size(), -1));
    Set<Integer> seenActor = new HashSet<>();
    for (GraphModel.CallNode c : calls) {
      if (c.collective() != null) {
        // its operands are the participants' own values; a broadcast's receiver may start with it
        for (int p : c.collective().participants()) {
          if (seenActor.add(p)) {
            before.set(p, c.index());
          }
        }
        continue;
      }
      boolean first = seenActor.add(c.actor());
      boolean readsInput = false;
      boolean readsChannel = false;
      for (GraphModel.Arg a : c.args()) {
        if (a instanceof GraphModel.InputArg) {
          readsInput = true;
        } else if (a instanceof GraphModel.LocalArg l && !calls.get(l.call()).runsOn(c.actor())) {
          readsChannel = true;
        }
      }
      if (before.get(c.actor()) < 0 && (readsInput || (first && !readsChannel))) {
        before.set(c.actor(), c.index());
      }
    }
    return List.copyOf(before);
  }

  /** Per node, the nodes that read its result, in program order (each once). */
  private static List<List<Integer>> resultReaders(List<GraphModel.CallNode> calls) {
    List<List<Integer>> readers = new ArrayList<>();
    for (GraphModel.CallNode c : calls) {
      readers.add(new ArrayList<>());
    }
    for (GraphModel.CallNode c : calls) {
      for (GraphModel.Arg a : c.args()) {
        if (a instanceof GraphModel.LocalArg l && !readers.get(l.call()).contains(c.index())) {
          readers.get(l.call()).add(c.index());
        }
      }
    }
    return readers.stream().map(List::copyOf).toList();
  }

  /** What the writers need to know about who reads what; see {@link GraphModel.Facts}. */
  private static GraphModel.Facts facts(GraphModel model, List<GraphModel.Channel> channels,
      List<List<Integer>> resultReaders, List<Integer> inputReadBefore) {
    GraphModel.GraphSignature s = model.signature();
    List<GraphModel.CallNode> calls = model.calls();
    List<TreeSet<Integer>> inputsRead = new ArrayList<>();
    for (int a = 0; a < s.actors().size(); a++) {
      inputsRead.add(new TreeSet<>());
    }
    List<TreeSet<Integer>> inputActors = new ArrayList<>();
    for (int i = 0; i < s.inputs().size(); i++) {
      inputActors.add(new TreeSet<>());
    }
    for (GraphModel.CallNode c : calls) {
      for (GraphModel.Arg a : c.args()) {
        if (a instanceof GraphModel.InputArg in) {
          inputsRead.get(c.actor()).add(in.input());
          inputActors.get(in.input()).add(c.actor());
        }
      }
    }
    List<Integer> inputFanOut = new ArrayList<>();
    inputActors.forEach(actors -> inputFanOut.add(actors.size()));

    boolean inputTensors = false;
    for (GraphModel.InputParam in : s.inputs()) {
      inputTensors |= TransferType.carriesDeviceTensor(in.transfer());
    }
    boolean channelTensors = false;
    for (GraphModel.Channel ch : channels) {
      if (ch.call() >= 0) {
        channelTensors |= TransferType.carriesDeviceTensor(calls.get(ch.call()).transfer());
      }
    }
    boolean outputTensors = false;
    for (int call : model.outputCalls()) {
      outputTensors |= TransferType.carriesDeviceTensor(calls.get(call).transfer());
    }
    return new GraphModel.Facts(List.copyOf(inputFanOut), inputsRead.stream().map(List::copyOf).toList(),
        inputTensors || channelTensors, inputTensors || outputTensors, resultReaders, inputReadBefore);
  }

  /**
   * The ring of collective {@code c}: hop {@code r} from participant {@code r} to participant
   * {@code r + 1}, round to the first (a broadcast's chain stops at the last participant). Its value
   * never crosses a channel as a whole: each participant computes its own copy.
   */
  private static void ring(GraphModel model, GraphModel.CallNode c, List<GraphModel.Channel> channels) {
    List<Integer> p = c.collective().participants();
    for (int r = 0; r < c.collective().hops(); r++) {
      channels.add(new GraphModel.Channel(channels.size(), Names.ringChannel(c.name(), r), p.get(r),
          List.of(p.get((r + 1) % p.size())), c.index(), r));
    }
  }
}
