package dev.fp.rtdl.csfb;

import dev.fp.contract.Hashing;
import dev.fp.contract.Timestamps;
import dev.fp.contract.WireTime;
import dev.fp.platform.health.HealthReport;
import dev.fp.platform.stream.Artifacts;
import dev.fp.platform.stream.StreamStatus;
import dev.fp.platform.stream.core.Counters;
import dev.fp.rtdl.csfb.core.CsfbCounters;
import dev.fp.rtdl.csfb.core.CsfbThresholds;
import dev.fp.substrate.eventlog.TopicPartition;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * CSFB's artifacts (reference rtdl §4): {@code context_store_flow_binding/health/last_health.json} (health from the
 * durable counters, the overdue join misses and the lag; extras {@code stream_id, threshold_policy_ref,
 * checkpoints, watermark_age_seconds} (informational: never graded), {@code checkpoint_age_seconds}) and
 * {@value #RECONCILIATION} (metrics, the applied offset basis with its digest, the join-miss split, the unresolved
 * anomalies read by {@link StoreSurvey}).
 */
final class CsfbArtifacts implements Function<StreamStatus, Artifacts> {
  static final String RECONCILIATION = ContextStoreFlowBinding.DIRECTORY + "/reconciliation/last_reconciliation.json";
  private final Supplier<StoreSurvey> survey;
  private final Supplier<Map<TopicPartition, String>> checkpoints;
  private final String offsetKind;
  private final CsfbThresholds thresholds;
  private final Clock clock;

  CsfbArtifacts(Supplier<StoreSurvey> survey, Supplier<Map<TopicPartition, String>> checkpoints, String offsetKind,
                CsfbThresholds thresholds, Clock clock) {
    this.survey = survey;
    this.checkpoints = checkpoints;
    this.offsetKind = offsetKind;
    this.thresholds = thresholds;
    this.clock = clock;
  }

  @Override
  public Artifacts apply(StreamStatus s) {
    StoreSurvey found = survey.get();
    Counters c = s.counters();
    HealthReport health = CsfbCounters.health(c, found.overdueMisses(), s.secondsBehind(), thresholds);
    String now = Timestamps.now(clock);
    Map<String, Object> topics = topics();
    Map<String, Object> extras = new LinkedHashMap<>();
    extras.put("stream_id", s.groupId());
    extras.put("threshold_policy_ref", CsfbThresholds.POLICY_REF);
    extras.put("checkpoints", topics);
    if (found.maxWatermarkMicros().isPresent()) {
      extras.put("watermark_age_seconds",
          (WireTime.toMicros(clock.instant()) - found.maxWatermarkMicros().getAsLong()) / 1e6);
    }
    extras.put("checkpoint_age_seconds", s.secondsBehind());

    Map<String, Object> basis = new LinkedHashMap<>();
    basis.put("stream_id", s.groupId());
    basis.put("topics", topics);
    basis.put("basis_digest", Hashing.canonicalHash(Map.of("stream_id", s.groupId(), "topics", topics)));
    basis.put("window_end_utc", now);
    Map<String, Object> misses = new LinkedHashMap<>();
    misses.put("join_misses", c.get(CsfbCounters.JOIN_MISSES));
    misses.put("overdue", found.overdueMisses());
    misses.put("overdue_at_least", found.overdueAtLeast());
    misses.put("at_stream_edge", Math.max(0, c.get(CsfbCounters.JOIN_MISSES) - found.overdueMisses()));
    misses.put("arrival_watermark_utc", found.arrivalWatermarkMicros().isPresent()
        ? WireTime.formatString(found.arrivalWatermarkMicros().getAsLong()) : null);
    Map<String, Object> metrics = new LinkedHashMap<>(CsfbCounters.metrics(c));
    for (String n : CsfbCounters.ALL) {
      metrics.putIfAbsent(n, c.get(n));
    }
    Map<String, Object> reconciliation = new LinkedHashMap<>();
    reconciliation.put("generated_at_utc", now);
    reconciliation.put("stream_id", s.groupId());
    reconciliation.put("platform_run_id", s.platformRunId());
    reconciliation.put("threshold_policy_ref", CsfbThresholds.POLICY_REF);
    reconciliation.put("health_state", health.state().name());
    reconciliation.put("health_reasons", health.reasons());
    reconciliation.put("metrics", metrics);
    reconciliation.put("join_misses", misses);
    reconciliation.put("applied_offset_basis", basis);
    reconciliation.put("unresolved_anomalies", found.anomalies().stream().map(f -> f.toJson()).toList());
    reconciliation.put("unresolved_anomalies_listed_max", StoreSurvey.LIMIT);
    return new Artifacts(health, extras, Map.of(RECONCILIATION, reconciliation));
  }

  /** {@code {topic: {partitions: {"<p>": {offset, offset_kind}}}}} of the committed checkpoints. */
  private Map<String, Object> topics() {
    Map<String, Map<String, Object>> byTopic = new TreeMap<>();
    checkpoints.get().forEach((tp, offset) -> {
      if (offset != null) {
        Map<String, Object> at = new LinkedHashMap<>();
        at.put("offset", offset);
        at.put("offset_kind", offsetKind);
        byTopic.computeIfAbsent(tp.topic(), t -> new TreeMap<>()).put(String.valueOf(tp.partition()), at);
      }
    });
    Map<String, Object> out = new TreeMap<>();
    byTopic.forEach((t, parts) -> out.put(t, Map.of("partitions", parts)));
    return out;
  }
}
