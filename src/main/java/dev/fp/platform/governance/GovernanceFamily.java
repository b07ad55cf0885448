package dev.fp.platform.governance;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The eight governance event families (reference case_ops_obs §5.2); nothing else is written to the log. */
public enum GovernanceFamily {
  RUN_READY_SEEN, RUN_STARTED, RUN_ENDED, RUN_CANCELLED, POLICY_REV_CHANGED, CORRIDOR_ANOMALY, EVIDENCE_REF_RESOLVED,
  RUN_REPORT_GENERATED;

  /** Every family name, in declaration order. */
  public static List<String> names() {
    return Arrays.stream(values()).map(Enum::name).toList();
  }

  /** The family named {@code text}, case-insensitive and trimmed; empty when it is none of the eight. */
  public static Optional<GovernanceFamily> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String wanted = text.strip().toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.name().equals(wanted)).findFirst();
  }
}
