package dev.fp.rtdl.al;

import dev.fp.contract.Hashing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Action-intent envelopes as the Decision Fabric publishes them (reference rtdl §6), for AL's tests. */
public final class AlSamples {
  public static final String RUN = "platform_20261206T120000Z";
  public static final String MF = "c8fd43cd60ce0ede0c63d2ceb4610f167c9b107e1d59b9b8c7d7b8d0028b05c8";
  public static final String PH = "56d45126eaabedd083a1d8428a763e0278c89efec5023cfd6cf3cab7fc8dd2d7";
  public static final String SCENARIO_RUN_ID = "7e0847b8622533045c5b69bce61c88bd";

  private AlSamples() {
  }

  public static Map<String, Object> pins(String run) {
    Map<String, Object> pins = new LinkedHashMap<>();
    pins.put("manifest_fingerprint", MF);
    pins.put("parameter_hash", PH);
    pins.put("seed", 42);
    pins.put("scenario_id", "baseline_v1");
    pins.put("platform_run_id", run);
    pins.put("scenario_run_id", SCENARIO_RUN_ID);
    return pins;
  }

  /** The payload of an intent of decision {@code decisionId} (hex32) for {@code kind}, idempotency key {@code key}. */
  public static Map<String, Object> intentPayload(String run, String decisionId, String kind, String key) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("action_id", Hashing.sha256Hex(decisionId + ":" + kind).substring(0, 32));
    p.put("decision_id", decisionId);
    p.put("action_kind", kind);
    p.put("idempotency_key", key);
    p.put("pins", pins(run));
    p.put("requested_at_utc", "2026-01-01T00:00:02.000000Z");
    p.put("actor_principal", "SYSTEM::decision_fabric");
    p.put("origin", "DF");
    p.put("policy_rev", Map.of("policy_id", "df.registry_resolution.v0", "revision", "r2", "content_digest",
        "e".repeat(64)));
    p.put("run_config_digest", "e".repeat(64));
    p.put("reason_ref", "decision://" + decisionId);
    p.put("action_payload", Map.of("source_event_id", "s-" + key, "source_event_type", "s3_event_stream_with_fraud_6B",
        "action_posture", "NORMAL"));
    return p;
  }

  public static Map<String, Object> intent(String run, String decisionId, String kind, String key) {
    return envelope(run, intentPayload(run, decisionId, kind, key));
  }

  public static Map<String, Object> envelope(String run, Map<String, Object> payload) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event_id", Hashing.sha256Hex("intent:" + payload.get("idempotency_key") + ":" + payload.hashCode()));
    e.put("event_type", "action_intent");
    e.put("schema_version", "v1");
    e.put("ts_utc", payload.get("requested_at_utc"));
    pins(run).forEach(e::put);
    e.put("parent_event_id", Hashing.sha256Hex("s-" + payload.get("idempotency_key")));
    e.put("producer", "decision_fabric");
    e.put("payload", payload);
    return e;
  }

  /** A hex32 decision id for sample {@code n}. */
  public static String decisionId(int n) {
    return Hashing.sha256Hex("decision-" + n).substring(0, 32);
  }
}
