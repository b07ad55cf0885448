package dev.fp.rtdl.ofp;

import dev.fp.contract.Timestamps;
import dev.fp.platform.health.HealthReport;
import dev.fp.platform.health.HealthState;
import dev.fp.platform.stream.Artifacts;
import dev.fp.platform.stream.PartitionLag;
import dev.fp.platform.stream.StreamStatus;
import dev.fp.platform.stream.core.Counters;
import dev.fp.rtdl.ofp.core.FeaturePolicy;
import dev.fp.rtdl.ofp.core.OfpCounters;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * OFP's artifacts (reference rtdl §3, §9): health from the durable counters, the query counters and the shell's last
 * error — never from event-time watermark age (a historical world is always "old") — and {@value #RECONCILIATION}
 * with the counters, the committed offsets, the feature definition they were computed under and the check that every
 * traffic record seen is applied, a duplicate or rejected ({@code traffic_accounted}).
 *
 * <p>Health: RED when {@code missing_features} (keys a query found no state for) reaches
 * {@code missing_features_red} and its rate per traffic event {@code missing_features_red_rate}, AMBER at
 * {@code missing_features_amber} and {@code missing_features_amber_rate}; AMBER while batches keep failing
 * ({@code BATCH_FAILING}), on a payload-hash mismatch or an anchor conflict (recorded input anomalies); else GREEN.
 */
final class OfpArtifacts implements Function<StreamStatus, Artifacts> {
  static final String RECONCILIATION = "online_feature_plane/reconciliation/reconciliation.json";
  private final FeaturePolicy policy;
  private final String runConfigDigest;
  private final OfpConfig cfg;
  private final Supplier<Map<String, Long>> queryCounters;
  private final Clock clock;

  OfpArtifacts(FeaturePolicy policy, String runConfigDigest, OfpConfig cfg, Supplier<Map<String, Long>> queries,
               Clock clock) {
    this.policy = policy;
    this.runConfigDigest = runConfigDigest;
    this.cfg = cfg;
    this.queryCounters = queries;
    this.clock = clock;
  }

  @Override
  public Artifacts apply(StreamStatus s) {
    Counters c = s.counters();
    Map<String, Long> queries = queryCounters.get();
    Map<String, Object> metrics = new LinkedHashMap<>();
    OfpCounters.ALL.forEach(n -> metrics.put(n, c.get(n)));
    metrics.putAll(queries);
    HealthReport health = health(c, queries, s.lastError(), cfg, metrics);
    Map<String, Object> reconciliation = new LinkedHashMap<>();
    reconciliation.put("generated_at_utc", Timestamps.now(clock));
    reconciliation.put("platform_run_id", s.platformRunId());
    reconciliation.put("stream_id", s.groupId());
    reconciliation.put("feature_def_policy_rev", policy.rev());
    reconciliation.put("run_config_digest", runConfigDigest);
    reconciliation.put("counters", metrics);
    Map<String, Object> checks = new LinkedHashMap<>();
    checks.put("traffic_accounted", c.get(OfpCounters.SEEN) == c.get(OfpCounters.APPLIED)
        + c.get(OfpCounters.DUPLICATES) + c.get(OfpCounters.REJECTED));
    reconciliation.put("checks", checks);
    List<Map<String, Object>> offsets = new ArrayList<>();
    for (PartitionLag l : s.lag()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("topic", l.topic());
      o.put("partition", l.partition());
      o.put("offset", l.checkpoint());
      offsets.add(o);
    }
    reconciliation.put("offsets", offsets);
    return new Artifacts(health, Map.of("feature_def_policy_rev", policy.rev(), "run_config_digest",
        runConfigDigest), Map.of(RECONCILIATION, reconciliation));
  }

  /**
   * Missing keys per traffic event of the basis ({@code max(events_applied, events_seen)}, reference rtdl §3); with no
   * basis yet the count alone decides (infinite rate).
   */
  static double missingFeatureRate(Counters c, long missing) {
    long basis = Math.max(c.get(OfpCounters.APPLIED), c.get(OfpCounters.SEEN));
    return basis == 0 ? (missing == 0 ? 0 : Double.POSITIVE_INFINITY) : (double) missing / basis;
  }

  static HealthReport health(Counters c, Map<String, Long> queries, String lastError, OfpConfig cfg,
                             Map<String, Object> metrics) {
    List<String> red = new ArrayList<>();
    List<String> amber = new ArrayList<>();
    long missing = queries.getOrDefault("missing_features", 0L);
    double rate = missingFeatureRate(c, missing);
    metrics.put("missing_feature_rate", rate);
    if (missing >= cfg.missingFeaturesRed() && rate >= cfg.missingFeaturesRedRate()) {
      red.add("MISSING_FEATURES_RED");
    } else if (missing >= cfg.missingFeaturesAmber() && rate >= cfg.missingFeaturesAmberRate()) {
      amber.add("MISSING_FEATURES_AMBER");
    }
    if (lastError != null) {
      amber.add("BATCH_FAILING");
    }
    if (c.get(OfpCounters.MISMATCH) > 0) {
      amber.add("PAYLOAD_HASH_MISMATCH_NONZERO");
    }
    if (c.get(OfpCounters.ANCHOR_CONFLICTS) > 0) {
      amber.add("ANCHOR_CONFLICT_NONZERO");
    }
    List<String> reasons = new ArrayList<>(red);
    reasons.addAll(amber);
    HealthState state = !red.isEmpty() ? HealthState.RED : !amber.isEmpty() ? HealthState.AMBER : HealthState.GREEN;
    return new HealthReport(state, reasons, metrics);
  }
}
