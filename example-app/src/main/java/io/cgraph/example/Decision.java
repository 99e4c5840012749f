package io.cgraph.example;

import java.util.List;

/** The pipeline's result: the risk check's verdict on one order. */
public record Decision(long orderId, double score, Verdict verdict, List<String> reasons) {
  /** Accept, review by a person, or reject. */
  public enum Verdict {
    ACCEPT,
    REVIEW,
    REJECT
  }
}
