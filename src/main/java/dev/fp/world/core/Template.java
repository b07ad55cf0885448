package dev.fp.world.core;

/**
 * The fraud campaign templates of the overlay, each with its share of fraud flows, the bounded factor it applies
 * to amounts (card testing probes with tiny amounts, account takeover sweeps large ones) and its truth label.
 */
public enum Template {
  T_ATO_ACCOUNT_SWEEP(0.20, 3.0, 8.0, "FRAUD"),
  T_BONUS_ABUSE_FLOW(0.15, 1.2, 1.8, "ABUSE"),
  T_CARD_TESTING_BURST(0.30, 0.02, 0.10, "FRAUD"),
  T_MERCHANT_COLLUSION(0.05, 2.0, 4.0, "FRAUD"),
  T_PROMO_FRAUD_EVENTS(0.15, 1.3, 2.0, "ABUSE"),
  T_REFUND_ABUSE(0.15, 1.5, 2.5, "ABUSE");

  private final double share;
  private final double minFactor;
  private final double maxFactor;
  private final String truthLabel;

  Template(double share, double minFactor, double maxFactor, String truthLabel) {
    this.share = share;
    this.minFactor = minFactor;
    this.maxFactor = maxFactor;
    this.truthLabel = truthLabel;
  }

  public double share() {
    return share;
  }

  public String truthLabel() {
    return truthLabel;
  }

  /** The amount factor at quantile {@code u}. */
  public double factor(double u) {
    return minFactor + (maxFactor - minFactor) * u;
  }

  /** The template at cumulative-share quantile {@code u} in [0, 1). */
  public static Template pick(double u) {
    double acc = 0;
    for (Template t : values()) {
      acc += t.share;
      if (u < acc) {
        return t;
      }
    }
    return values()[values().length - 1];
  }
}
