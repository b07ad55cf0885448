package dev.fp.rtdl.ofp;

import dev.fp.config.ConfigNode;
import dev.fp.platform.stream.StreamSettings;

import java.util.HashSet;
import java.util.Set;

/**
 * {@code components.ofp}: the feature policy file ({@code features_file}, relative to the profile's folder), the
 * join-wait budget of a traffic record for its flow anchor ({@code join_wait_budget_ms}, default 2000, the reference's
 * join wait) and how often a waiting record is retried ({@code hold_retry_ms}), the most keys one {@code get_features}
 * may name ({@code max_query_keys}), the missing-feature health thresholds (counts: the reference pack overrides;
 * rates per traffic event applied: the reference's 0.001 / 0.005 — both must be reached), and the shell's
 * consumer settings ({@link StreamSettings#KEYS}).
 */
public record OfpConfig(String featuresFile, long joinWaitBudgetMs, long holdRetryMs, int maxQueryKeys,
                        long missingFeaturesAmber, long missingFeaturesRed, double missingFeaturesAmberRate,
                        double missingFeaturesRedRate, StreamSettings stream) {
  public static final String DEFAULT_FEATURES_FILE = "ofp/features.yaml";
  private static final Set<String> OWN = Set.of("features_file", "join_wait_budget_ms", "hold_retry_ms",
      "max_query_keys", "missing_features_amber", "missing_features_red",
      "missing_features_amber_rate", "missing_features_red_rate");

  public static OfpConfig from(ConfigNode n) {
    Set<String> allowed = new HashSet<>(OWN);
    allowed.addAll(StreamSettings.KEYS);
    n.allowOnly(allowed);
    return new OfpConfig(n.optString("features_file", DEFAULT_FEATURES_FILE),
        n.longValue("join_wait_budget_ms", 2_000, 0, 3_600_000),
        n.longValue("hold_retry_ms", 100, 1, 60_000),
        n.integer("max_query_keys", 1_000, 1, 100_000),
        n.longValue("missing_features_amber", 100_000, 1, Long.MAX_VALUE),
        n.longValue("missing_features_red", 200_000, 1, Long.MAX_VALUE),
        n.decimal("missing_features_amber_rate", 0.001, 0, 1_000),
        n.decimal("missing_features_red_rate", 0.005, 0, 1_000),
        StreamSettings.from(n));
  }
}
