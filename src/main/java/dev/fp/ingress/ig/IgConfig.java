package dev.fp.ingress.ig;

import dev.fp.config.ConfigNode;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.evidence.EvidenceLayout;
import dev.fp.platform.evidence.EvidenceSettings;

import java.util.Set;

/**
 * IG's settings ({@code components.ig} in the profile), validated at load with errors naming the key.
 *
 * @param bodyLimitBytes         largest request body (413 above)
 * @param maxBatchSize           most envelopes in one {@code /v1/ingest/batch} (413 above)
 * @param jsonMaxDepth           deepest nesting of one envelope (400 JSON_TOO_DEEP above)
 * @param admissionQueueEvents   envelopes waiting for a cycle before pushes answer 503 IG_SATURATED
 * @param maxCyclesInFlight      admission cycles (claim → publish → evidence → commit) running at once
 * @param cycleMaxEvents         envelopes one cycle takes from the queue
 * @param rateLimitPerMinute     envelopes per principal and minute (0 = off; 429 above)
 * @param evidenceLayout         receipts and quarantine records as one object each or in segments
 * @param apiKeysFile            the API key file, resolved against the profile's folder
 * @param inFlightStaleSeconds   an in-flight row untouched this long belongs to a dead process: PUBLISH_AMBIGUOUS
 * @param cycleTimeoutMs         an admission cycle still running after this is abandoned: its envelopes are answered,
 *                               its rows turn PUBLISH_AMBIGUOUS and health is RED until it ends (keep it below
 *                               {@code http.idle_timeout_ms}, so the answer still finds its connection)
 */
public record IgConfig(long bodyLimitBytes, int maxBatchSize, int jsonMaxDepth, int admissionQueueEvents,
                       int maxCyclesInFlight, int cycleMaxEvents, int rateLimitPerMinute, EvidenceSettings evidence,
                       int healthProbeIntervalMs, int healthExportIntervalMs, int objectStoreFailureThreshold,
                       int busFailureThreshold, int saturationAmberPercent, int inFlightRetryAfterSeconds,
                       int ambiguousRetryAfterSeconds, int inFlightStaleSeconds, int cycleTimeoutMs, String apiKeysFile,
                       String classMapFile, String partitioningFile, String schemaPolicyFile, String policyId,
                       String policyRevision, String serviceReleaseId) {
  public static final long DEFAULT_BODY_LIMIT_BYTES = 4L << 20;
  public static final int DEFAULT_MAX_BATCH_SIZE = 1000;
  public static final int DEFAULT_JSON_MAX_DEPTH = 32;
  public static final int DEFAULT_ADMISSION_QUEUE_EVENTS = 20_000;
  public static final int DEFAULT_MAX_CYCLES_IN_FLIGHT = 3;
  public static final int DEFAULT_CYCLE_MAX_EVENTS = 4000;
  public static final int DEFAULT_RATE_LIMIT_PER_MINUTE = 0;
  public static final String EVIDENCE_BUCKET = "fraud-platform";
  public static final int DEFAULT_HEALTH_PROBE_INTERVAL_MS = 5_000;
  public static final int DEFAULT_HEALTH_EXPORT_INTERVAL_MS = 10_000;
  public static final int DEFAULT_OBJECT_STORE_FAILURE_THRESHOLD = 3;
  public static final int DEFAULT_BUS_FAILURE_THRESHOLD = 3;
  public static final int DEFAULT_SATURATION_AMBER_PERCENT = 80;
  public static final int DEFAULT_IN_FLIGHT_RETRY_AFTER_SECONDS = 1;
  public static final int DEFAULT_AMBIGUOUS_RETRY_AFTER_SECONDS = 30;
  public static final int DEFAULT_IN_FLIGHT_STALE_SECONDS = 60;
  /**
   * A healthy cycle takes milliseconds (4 000 envelopes on kinesis-mock, the slowest test double at ~300 records/s,
   * about 15 s); an abandoned one leaves ambiguity for an operator, so the bound is generous.
   */
  public static final int DEFAULT_CYCLE_TIMEOUT_MS = 60_000;
  public static final String DEFAULT_CLASS_MAP_FILE = "policies/class_map_v0.yaml";
  public static final String DEFAULT_PARTITIONING_FILE = "policies/partitioning_profiles_v0.yaml";
  public static final String DEFAULT_SCHEMA_POLICY_FILE = "policies/schema_policy_v0.yaml";
  public static final String DEFAULT_POLICY_ID = dev.fp.contract.IgPolicyDefaults.POLICY_ID;
  public static final String DEFAULT_POLICY_REVISION = dev.fp.contract.IgPolicyDefaults.POLICY_REVISION;
  public static final String DEFAULT_SERVICE_RELEASE_ID = "dev-local";

  private static final Set<String> KEYS = Set.of("body_limit_bytes", "max_batch_size", "json_max_depth",
      "admission_queue_events", "max_cycles_in_flight", "cycle_max_events", "rate_limit_per_minute", "evidence_layout",
      "segment_flush_records", "segment_flush_interval_ms", "segment_flush_concurrency", "object_write_concurrency", "health_probe_interval_ms",
      "health_export_interval_ms", "object_store_failure_threshold", "bus_failure_threshold",
      "saturation_amber_percent", "in_flight_retry_after_seconds", "ambiguous_retry_after_seconds",
      "in_flight_stale_seconds", "cycle_timeout_ms", "api_keys_file", "class_map_file", "partitioning_file", "schema_policy_file",
      "policy_id", "policy_revision", "service_release_id");

  /**
   * Reads {@code components.ig}. The evidence layout defaults to {@code segment} on both profiles (ARCHITECTURE §6);
   * {@code object} (one object per record, the reference paths) remains a setting.
   */
  public static IgConfig from(ConfigNode n, PlatformConfig platform) {
    n.allowOnly(KEYS);
    EvidenceSettings evidence = new EvidenceSettings(
        EvidenceLayout.of(n.oneOf("evidence_layout", "segment", Set.of("object", "segment"))), EVIDENCE_BUCKET,
        n.integer("segment_flush_records", EvidenceSettings.DEFAULT_FLUSH_RECORDS, 1, 1_000_000),
        n.integer("segment_flush_interval_ms", (int) EvidenceSettings.DEFAULT_FLUSH_INTERVAL_MS, 1, 60_000),
        n.integer("segment_flush_concurrency", EvidenceSettings.DEFAULT_FLUSH_CONCURRENCY, 1, 64),
        n.integer("object_write_concurrency", EvidenceSettings.DEFAULT_OBJECT_CONCURRENCY, 1, 1024));
    return new IgConfig(
        n.longValue("body_limit_bytes", DEFAULT_BODY_LIMIT_BYTES, 1024, 1L << 30),
        n.integer("max_batch_size", DEFAULT_MAX_BATCH_SIZE, 1, 100_000),
        n.integer("json_max_depth", DEFAULT_JSON_MAX_DEPTH, 4, 1000),
        n.integer("admission_queue_events", DEFAULT_ADMISSION_QUEUE_EVENTS, 1, 10_000_000),
        n.integer("max_cycles_in_flight", DEFAULT_MAX_CYCLES_IN_FLIGHT, 1, 256),
        n.integer("cycle_max_events", DEFAULT_CYCLE_MAX_EVENTS, 1, 100_000),
        n.integer("rate_limit_per_minute", DEFAULT_RATE_LIMIT_PER_MINUTE, 0, Integer.MAX_VALUE),
        evidence,
        n.integer("health_probe_interval_ms", DEFAULT_HEALTH_PROBE_INTERVAL_MS, 100, 3_600_000),
        n.integer("health_export_interval_ms", DEFAULT_HEALTH_EXPORT_INTERVAL_MS, 100, 3_600_000),
        n.integer("object_store_failure_threshold", DEFAULT_OBJECT_STORE_FAILURE_THRESHOLD, 1, 1000),
        n.integer("bus_failure_threshold", DEFAULT_BUS_FAILURE_THRESHOLD, 1, 1000),
        n.integer("saturation_amber_percent", DEFAULT_SATURATION_AMBER_PERCENT, 1, 100),
        n.integer("in_flight_retry_after_seconds", DEFAULT_IN_FLIGHT_RETRY_AFTER_SECONDS, 1, 3600),
        n.integer("ambiguous_retry_after_seconds", DEFAULT_AMBIGUOUS_RETRY_AFTER_SECONDS, 1, 86_400),
        n.integer("in_flight_stale_seconds", DEFAULT_IN_FLIGHT_STALE_SECONDS, 5, 86_400),
        n.integer("cycle_timeout_ms", DEFAULT_CYCLE_TIMEOUT_MS, 100, 3_600_000),
        n.optString("api_keys_file", platform.apiKeysFile()),
        n.optString("class_map_file", DEFAULT_CLASS_MAP_FILE),
        n.optString("partitioning_file", DEFAULT_PARTITIONING_FILE),
        n.optString("schema_policy_file", DEFAULT_SCHEMA_POLICY_FILE),
        n.optString("policy_id", DEFAULT_POLICY_ID),
        n.optString("policy_revision", DEFAULT_POLICY_REVISION),
        n.optString("service_release_id", DEFAULT_SERVICE_RELEASE_ID));
  }
}
