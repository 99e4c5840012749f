package io.cgraph.runtime.journal;

import io.cgraph.runtime.Failure;
import io.cgraph.runtime.internal.SlotReader;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One journaled execution, undecoded: its encoded inputs and, when the journal holds it, its
 * encoded result or failure. A generated graph class decodes it into its typed {@code Execution}
 * record ({@code fromJournal}); {@link JournalReader} produces entries.
 */
public final class JournalEntry {
  private final String graph;
  private final String graphClass;
  private final long session;
  private final long execution;
  private final long submitMillis;
  private final long resultMillis;
  private final byte[] input;
  private final byte[][] outputs;
  private final boolean[] outputFailed;

  JournalEntry(String graph, String graphClass, long session, long execution, long submitMillis, long resultMillis,
      byte[] input, byte[][] outputs, boolean[] outputFailed) {
    this.graph = graph;
    this.graphClass = graphClass;
    this.session = session;
    this.execution = execution;
    this.submitMillis = submitMillis;
    this.resultMillis = resultMillis;
    this.input = input;
    this.outputs = outputs;
    this.outputFailed = outputFailed;
  }

  /**
   * The generated graph class's simple name.
   *
   * @return the graph class's simple name
   */
  public String graph() {
    return graph;
  }

  /**
   * The generated graph class's qualified name, or {@code ""} if the journal does not say.
   *
   * @return the graph class's qualified name, or {@code ""}
   */
  public String graphClass() {
    return graphClass;
  }

  /**
   * The graph instance (from compile to close) that ran this execution: a random positive number.
   *
   * @return the session number, positive
   */
  public long session() {
    return session;
  }

  /**
   * The execution number, 0-based per session in submission order.
   *
   * @return the execution number, from 0
   */
  public long execution() {
    return execution;
  }

  /**
   * When the execution was submitted (epoch milliseconds).
   *
   * @return the submission time, in milliseconds since the epoch
   */
  public long submitMillis() {
    return submitMillis;
  }

  /**
   * When the driver took its result (epoch milliseconds), or -1 without a result.
   *
   * @return the time the result was taken, in milliseconds since the epoch, or -1
   */
  public long resultMillis() {
    return resultMillis;
  }

  /**
   * Whether the journal holds this execution's result or failure. Without it, the process stopped
   * (or the graph was closed or broken) before the result reached the driver.
   *
   * @return {@code true} if the result or failure is journaled
   */
  public boolean hasResult() {
    return outputs != null;
  }

  /**
   * Whether the result is a failure.
   *
   * @return {@code true} if an output is a failure; {@code false} also when there is no result
   */
  public boolean failed() {
    if (outputs != null) {
      for (boolean f : outputFailed) {
        if (f) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The failure (the first failing output's), or {@code null} when there is none or no result.
   *
   * @return the first failing output's failure, or {@code null}
   */
  public Failure failure() {
    if (outputs != null) {
      for (int i = 0; i < outputs.length; i++) {
        if (outputFailed[i]) {
          return reader(outputs[i], true).failure();
        }
      }
    }
    return null;
  }

  /**
   * A reader of the encoded inputs, as the input channel carried them.
   *
   * @return a new reader over a copy of the encoded inputs
   */
  public SlotReader input() {
    return reader(input, false);
  }

  /**
   * Readers of the encoded outputs, in the graph's output order; only when {@link #hasResult()}.
   *
   * @return one new reader per output, over a copy of its encoded value or failure
   * @throws IllegalStateException if the journal holds no result for this execution
   */
  public SlotReader[] outputs() {
    if (outputs == null) {
      throw new IllegalStateException(graph + " execution #" + execution + " has no journaled result");
    }
    SlotReader[] readers = new SlotReader[outputs.length];
    for (int i = 0; i < outputs.length; i++) {
      readers[i] = reader(outputs[i], outputFailed[i]);
    }
    return readers;
  }

  /**
   * The encoded inputs (a copy).
   *
   * @return a copy of the encoded inputs
   */
  public byte[] inputBytes() {
    return input.clone();
  }

  /** A SlotReader over a native copy of {@code bytes}. */
  private static SlotReader reader(byte[] bytes, boolean failure) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(Math.max(1, bytes.length));
    buffer.put(bytes).flip();
    SlotReader r = new SlotReader();
    r.attach(buffer, bytes.length, failure);
    return r;
  }

  @Override
  public String toString() {
    return graph + " #" + execution + (outputs == null ? " (no result)" : failed() ? " (failed)" : " (ok)")
        + " input " + Arrays.toString(input);
  }
}
