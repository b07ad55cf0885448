package dev.fp.rtdl.df;

import dev.fp.config.ConfigNode;
import dev.fp.platform.stream.StreamSettings;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code components.df}: the shell's settings; the registry snapshot and risk policy files; the join-wait budget
 * (wall-clock ms from the first time DF saw a record whose flow binding was not ready), how long a record waits for
 * OFP to apply it ({@code ofp_wait_budget_ms}: the platform's own lag, so much longer) and how often a waiting record
 * is retried; the timeout of each context query; the posture's maximum age; whether IEG is asked when the posture
 * allows it; how many envelopes go to IG per request; and how many feature keys OFP answers in one request (its
 * {@code components.ofp.max_query_keys}: DF slices its batches to stay within it).
 */
public record DfConfig(StreamSettings stream, String registryFile, String riskPolicyFile, long joinWaitBudgetMs,
                       long ofpWaitBudgetMs, long holdRetryMs, long queryTimeoutMs, long postureMaxAgeSeconds, boolean useIeg,
                       int publishBatchMax, int ofpMaxQueryKeys) {
  public static final String DEFAULT_REGISTRY_FILE = "df/registry_snapshot.yaml";
  public static final String DEFAULT_RISK_POLICY_FILE = "df/risk_policy.yaml";

  public static DfConfig from(ConfigNode n) {
    Set<String> keys = new HashSet<>(StreamSettings.KEYS);
    keys.addAll(List.of("registry_file", "risk_policy_file", "join_wait_budget_ms", "ofp_wait_budget_ms",
        "hold_retry_ms",
        "query_timeout_ms", "posture_max_age_seconds", "use_ieg", "publish_batch_max", "ofp_max_query_keys"));
    n.allowOnly(keys);
    return new DfConfig(StreamSettings.from(n), n.optString("registry_file", DEFAULT_REGISTRY_FILE),
        n.optString("risk_policy_file", DEFAULT_RISK_POLICY_FILE),
        n.integer("join_wait_budget_ms", 2000, 0, 600_000), n.integer("ofp_wait_budget_ms", 300_000, 0, 3_600_000),
        n.integer("hold_retry_ms", 200, 1, 60_000),
        n.integer("query_timeout_ms", 5000, 1, 120_000), n.integer("posture_max_age_seconds", 120, 1, 86_400),
        n.bool("use_ieg", true), n.integer("publish_batch_max", 100, 1, 1000),
        n.integer("ofp_max_query_keys", 1_000, 1, 100_000));
  }
}
