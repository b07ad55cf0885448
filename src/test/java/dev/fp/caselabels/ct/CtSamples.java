package dev.fp.caselabels.ct;

import dev.fp.contract.Hashing;

import java.util.LinkedHashMap;
import java.util.Map;

/** decision_response and action_outcome envelopes as DF and AL publish them (reference rtdl §6–§7), for CT's tests. */
public final class CtSamples {
  public static final String RUN = "platform_20261206T120000Z";
  public static final String MF = "c8fd43cd60ce0ede0c63d2ceb4610f167c9b107e1d59b9b8c7d7b8d0028b05c8";
  public static final String PH = "56d45126eaabedd083a1d8428a763e0278c89efec5023cfd6cf3cab7fc8dd2d7";
  public static final String SCENARIO_RUN_ID = "7e0847b8622533045c5b69bce61c88bd";
  public static final String DECIDED_AT = "2026-01-01T00:00:02.000000Z";
  public static final String COMPLETED_AT = "2026-01-01T00:00:02.040000Z";

  private CtSamples() {
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

  /** Decision {@code n}'s id (hex32). */
  public static String decisionId(int n) {
    return Hashing.sha256Hex("decision-" + n).substring(0, 32);
  }

  /** The traffic event decision {@code n} decided on. */
  public static String sourceEventId(int n) {
    return Hashing.sha256Hex("traffic-" + n);
  }

  public static String outcomeId(int n) {
    return Hashing.sha256Hex("outcome-" + n).substring(0, 32);
  }

  public static Map<String, Object> decision(String run, int n, String actionKind, String decidedAt) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("decision_id", decisionId(n));
    p.put("decision_kind", "fraud_decision_v0");
    p.put("pins", pins(run));
    p.put("decided_at_utc", decidedAt);
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("event_id", sourceEventId(n));
    source.put("event_type", "s3_event_stream_with_fraud_6B");
    source.put("ts_utc", decidedAt);
    p.put("source_event", source);
    p.put("decision", Map.of("action_kind", actionKind));
    p.put("reason_codes", java.util.List.of());
    return envelope(run, Hashing.sha256Hex("decision-event-" + n), "decision_response", decidedAt, p);
  }

  public static Map<String, Object> outcome(String run, int n, String actionKind, String status) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("outcome_id", outcomeId(n));
    p.put("decision_id", decisionId(n));
    p.put("action_id", Hashing.sha256Hex(decisionId(n) + ":" + actionKind).substring(0, 32));
    p.put("action_kind", actionKind);
    p.put("status", status);
    p.put("pins", pins(run));
    p.put("completed_at_utc", COMPLETED_AT);
    return envelope(run, outcomeId(n), "action_outcome", COMPLETED_AT, p);
  }

  private static Map<String, Object> envelope(String run, String eventId, String type, String ts,
                                              Map<String, Object> payload) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event_id", eventId);
    e.put("event_type", type);
    e.put("schema_version", "v1");
    e.put("ts_utc", ts);
    pins(run).forEach(e::put);
    e.put("producer", type.equals("action_outcome") ? "action_layer" : "decision_fabric");
    e.put("payload", payload);
    return e;
  }
}
