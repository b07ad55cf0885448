package dev.fp.contract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * READY (control_ingress §3.6), one type for its writer (SR) and its reader (WSP), so the two cannot drift.
 *
 * <p>Written: the {@code run_ready_signal} payload, stored write-once as {@code ready_signal/<run_id>.json}, and the
 * control-bus envelope around it. {@code message_id} =
 * sha256("ready|{platform_run_id}|{scenario_run_id}|{bundle_hash}"), so a re-publish or re-emit of the same READY carries the same id and consumers drop it as a duplicate. Only
 * {@code emitted_at_utc} may differ from a stored signal; any other difference is {@code READY_SIGNAL_DRIFT}.
 *
 * <p>Read: a control message from {@code sr-control-bus}, validated as WSP does (§4.1): topic
 * {@code fp.bus.control.v1}, payload per {@code run_ready_signal.schema.yaml} (every required field present, no
 * unknown field — which also drops TERMINAL re-emits), non-empty run_id, facts_view_ref, bundle_hash and envelope
 * message_id. Optional oracle_pack_ref fields are null when absent.
 */
public record ReadySignal(String messageId, String runId, String platformRunId, String scenarioRunId,
                          String factsViewRef, String bundleHash, String scenarioId, String engineRunRoot,
                          String streamViewRoot, String oraclePackId) {
  public static final Set<String> VOLATILE_FIELDS = Set.of("emitted_at_utc");
  public static final String KIND_READY = "READY";
  public static final String KIND_REEMIT = "READY_REEMIT";
  static final List<String> REQUIRED = List.of("run_id", "platform_run_id", "scenario_run_id", "facts_view_ref",
      "bundle_hash", "message_id", "run_config_digest", "manifest_fingerprint", "parameter_hash", "scenario_id");
  static final Set<String> OPTIONAL = Set.of("plan_hash", "service_release_id", "environment", "provenance",
      "emitted_at_utc", "oracle_pack_ref");

  /** Either a READY or why the control record was dropped. */
  public record Parsed(ReadySignal ready, String dropReason) {
    public boolean isReady() {
      return ready != null;
    }
  }

  public static String messageId(String platformRunId, String scenarioRunId, String bundleHash, String planHash) {
    return Ids.readyMessageId(platformRunId, scenarioRunId, bundleHash, planHash);
  }

  /**
   * The payload of scenario run {@code runId}, built from its committed facts view ({@code pins}, {@code bundle_hash},
   * {@code run_config_digest}, release, environment, provenance, {@code oracle_pack_ref}) and plan hash.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> payload(String platformRunId, String runId, String factsViewRef, String planHash,
                                            Map<String, Object> facts, String emittedAtUtc) {
    Map<String, Object> pins = (Map<String, Object>) facts.get("pins");
    String bundleHash = String.valueOf(facts.get("bundle_hash"));
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("run_id", runId);
    p.put("platform_run_id", platformRunId);
    p.put("scenario_run_id", runId);
    p.put("facts_view_ref", factsViewRef);
    p.put("bundle_hash", bundleHash);
    p.put("message_id", messageId(platformRunId, runId, bundleHash, planHash));
    p.put("run_config_digest", facts.get("run_config_digest"));
    p.put("manifest_fingerprint", pins.get("manifest_fingerprint"));
    p.put("parameter_hash", pins.get("parameter_hash"));
    p.put("scenario_id", pins.get("scenario_id"));
    p.put("plan_hash", planHash);
    p.put("service_release_id", facts.get("service_release_id"));
    p.put("environment", facts.get("environment"));
    p.put("provenance", facts.get("provenance"));
    p.put("emitted_at_utc", emittedAtUtc);
    p.put("oracle_pack_ref", facts.get("oracle_pack_ref"));
    return p;
  }

  /**
   * The control message: {@code {topic: fp.bus.control.v1, message_id, published_at_utc, attributes{kind, run_id},
   * partition_key: run_id, payload}}, published with partition key run_id on {@code sr-control-bus}.
   */
  public static Map<String, Object> envelope(Map<String, Object> payload, String kind, String publishedAtUtc) {
    String runId = String.valueOf(payload.get("run_id"));
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("topic", Topics.CONTROL_MESSAGE_TOPIC);
    e.put("message_id", payload.get("message_id"));
    e.put("published_at_utc", publishedAtUtc);
    e.put("attributes", Map.of("kind", kind, "run_id", runId));
    e.put("partition_key", runId);
    e.put("payload", payload);
    return e;
  }

  /** Validates one decoded control-bus record; never throws. */
  public static Parsed parse(Map<String, Object> message) {
    if (!Topics.CONTROL_MESSAGE_TOPIC.equals(message.get("topic"))) {
      return drop("NOT_CONTROL_TOPIC: topic=" + message.get("topic"));
    }
    if (!(message.get("payload") instanceof Map<?, ?> payload)) {
      return drop("READY_SCHEMA_INVALID: payload is not an object");
    }
    for (Object key : payload.keySet()) {
      if (!REQUIRED.contains(key) && !OPTIONAL.contains(key)) {
        return drop("READY_SCHEMA_INVALID: unknown field " + key);
      }
    }
    for (String field : REQUIRED) {
      if (payload.get(field) == null) {
        return drop("READY_SCHEMA_INVALID: missing " + field);
      }
    }
    String messageId = text(message.get("message_id"));
    if (messageId.isEmpty() || text(payload.get("run_id")).isEmpty()
        || text(payload.get("facts_view_ref")).isEmpty() || text(payload.get("bundle_hash")).isEmpty()) {
      return drop("READY_FIELDS_MISSING: message_id, run_id, facts_view_ref and bundle_hash must be non-empty");
    }
    Map<?, ?> ref = payload.get("oracle_pack_ref") instanceof Map<?, ?> m ? m : Map.of();
    return new Parsed(new ReadySignal(messageId, text(payload.get("run_id")), text(payload.get("platform_run_id")),
        text(payload.get("scenario_run_id")), text(payload.get("facts_view_ref")), text(payload.get("bundle_hash")),
        text(payload.get("scenario_id")), orNull(ref.get("engine_run_root")), orNull(ref.get("stream_view_root")),
        orNull(ref.get("oracle_pack_id"))), null);
  }

  private static Parsed drop(String reason) {
    return new Parsed(null, reason);
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString().strip();
  }

  private static String orNull(Object value) {
    String t = text(value);
    return t.isEmpty() ? null : t;
  }
}
