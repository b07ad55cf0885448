package dev.fp.contract;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A READY control message from {@code sr-control-bus} (control_ingress §3.6), validated as WSP does (§4.1): topic
 * {@code fp.bus.control.v1}, payload per {@code run_ready_signal.schema.yaml} (every required field present, no
 * unknown field — which also drops TERMINAL re-emits), non-empty run_id, facts_view_ref, bundle_hash and envelope
 * message_id. Optional oracle_pack_ref fields are null when absent.
 */
public record ReadySignal(String messageId, String runId, String platformRunId, String scenarioRunId,
                          String factsViewRef, String bundleHash, String scenarioId, String engineRunRoot,
                          String streamViewRoot, String oraclePackId) {

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
