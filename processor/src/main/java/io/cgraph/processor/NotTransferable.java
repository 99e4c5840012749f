package io.cgraph.processor;

import java.util.List;

/**
 * Why a type cannot cross a channel, as the model records it for an input or a call (found by
 * {@link TransferAnalyzer}, reported by {@link ModelValidator} where the value does cross one).
 *
 * @param problems every offending type, in component order (a record may have several)
 */
record NotTransferable(List<Problem> problems) {
  /**
   * One type that cannot cross a channel: {@code path} leads from the value's type to the offending
   * {@code type}; {@code substitute} says what to send instead (one of {@code Messages.SEND_...}).
   */
  record Problem(String path, String type, String reason, String substitute) {
    /** "Order.placedAt: java.util.Date", or just the type when the value's type itself is the problem. */
    String describe() {
      return path.isEmpty() ? type : path + ": " + type;
    }
  }
}
