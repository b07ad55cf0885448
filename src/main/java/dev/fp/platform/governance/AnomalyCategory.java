package dev.fp.platform.governance;

/**
 * The {@code anomaly_category} of a CORRIDOR_ANOMALY (reference case_ops_obs §5.2 {@code classify_anomaly}): the
 * reason code's prefix decides, first match wins; anything else is UNKNOWN. Pure.
 */
public final class AnomalyCategory {
  private AnomalyCategory() {
  }

  public static String of(String reasonCode) {
    String r = reasonCode == null ? "" : reasonCode.strip();
    if (r.startsWith("REF_ACCESS_DENIED")) {
      return "REF_ACCESS_DENIED";
    }
    if (r.startsWith("PUBLISH_AMBIGUOUS") || r.startsWith("IG_PUSH_RETRY_EXHAUSTED")) {
      return "PUBLISH_AMBIGUOUS";
    }
    if (r.startsWith("REPLAY_DIVERGENCE") || r.startsWith("DLA_INTAKE_REPLAY_DIVERGENCE")) {
      return "REPLAY_BASIS_MISMATCH";
    }
    if (r.startsWith("SCHEMA_") || r.startsWith("PINS_MISSING")) {
      return "SCHEMA_POLICY_MISSING";
    }
    if (r.startsWith("FEATURE_GROUP_VERSION_MISMATCH") || r.startsWith("CAPABILITY_MISMATCH")
        || r.startsWith("ACTIVE_BUNDLE_INCOMPATIBLE")) {
      return "INCOMPATIBILITY";
    }
    return "UNKNOWN";
  }
}
