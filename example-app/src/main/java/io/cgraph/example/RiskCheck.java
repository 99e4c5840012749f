package io.cgraph.example;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns a score into a verdict, with hard limits per symbol and country. */
@Actor
public class RiskCheck {
  private final Set<String> blockedCountries;
  private final double maxNotional;

  public RiskCheck(Set<String> blockedCountries, double maxNotional) {
    this.blockedCountries = Set.copyOf(blockedCountries);
    this.maxNotional = maxNotional;
  }

  @GraphMethod
  public Decision decide(Order order, double score) {
    List<String> reasons = new ArrayList<>();
    if (blockedCountries.contains(order.country())) {
      reasons.add("blocked country " + order.country());
    }
    if (order.quantity() * order.price() > maxNotional) {
      reasons.add("notional above " + maxNotional);
    }
    if (score > 0.9) {
      reasons.add("score " + Math.round(score * 1000) / 1000.0);
    }
    Decision.Verdict verdict = !reasons.isEmpty() && (score > 0.97 || reasons.size() > 1) ? Decision.Verdict.REJECT
        : reasons.isEmpty() ? Decision.Verdict.ACCEPT : Decision.Verdict.REVIEW;
    return new Decision(order.id(), score, verdict, reasons);
  }
}
