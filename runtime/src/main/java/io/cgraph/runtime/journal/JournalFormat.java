package io.cgraph.runtime.journal;

/**
 * The layout of journal records: one Chronicle Queue document each, raw little-endian bytes.
 *
 * <pre>
 * every record:  byte kind, long session, long execution, long epochMillis, then by kind:
 *   HEADER       int version, utf8 graph (simple name), utf8 graphClass (qualified, may be empty),
 *                int outputs
 *   INPUT        int length, the input channel's message (the encoded inputs)
 *   RESULT       int outputs, then per output channel: byte status (0 value, 1 failure),
 *                int length, the message
 * </pre>
 *
 * A session is one graph instance (from {@code compile} to {@code close}); its executions count
 * from 0. A session's HEADER comes first; its INPUT records in execution order, and each RESULT
 * after its INPUT.
 */
final class JournalFormat {
  static final int VERSION = 1;
  static final byte HEADER = 1;
  static final byte INPUT = 2;
  static final byte RESULT = 3;
  /** kind + session + execution + epochMillis. */
  static final int PREFIX = 1 + 8 + 8 + 8;

  private JournalFormat() {}
}
