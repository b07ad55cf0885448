package dev.fp.rtdl.csfb.core;

import dev.fp.contract.Hashing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Context envelopes as WSP and IG publish them (every pin, payload world pins equal to the envelope's). */
public final class CsfbSamples {
  public static final String ARRIVALS = "fp.bus.context.arrival_events.v1";
  public static final String ENTITIES = "fp.bus.context.arrival_entities.v1";
  public static final String ANCHORS = "fp.bus.context.flow_anchor.fraud.v1";
  public static final String BASELINE_ANCHORS = "fp.bus.context.flow_anchor.baseline.v1";
  public static final String SCENARIO_RUN_ID = "c".repeat(32);
  public static final String MF = "a".repeat(64);
  public static final String PH = "b".repeat(64);

  private CsfbSamples() {
  }

  public static Map<String, Object> arrival(String run, long merchant, long seq, String ts) {
    Map<String, Object> p = world();
    p.put("merchant_id", merchant);
    p.put("arrival_seq", seq);
    p.put("ts_utc", ts);
    p.put("is_virtual", false);
    return envelope(run, "arrival_events_5B", ts, p);
  }

  public static Map<String, Object> entities(String run, long merchant, long seq, String ts) {
    Map<String, Object> p = world();
    p.put("merchant_id", merchant);
    p.put("arrival_seq", seq);
    p.put("ts_utc", ts);
    p.put("party_id", merchant * 10 + seq);
    return envelope(run, "s1_arrival_entities_6B", ts, p);
  }

  public static Map<String, Object> anchor(String run, long flowId, long merchant, long seq, String ts) {
    Map<String, Object> p = world();
    p.put("flow_id", flowId);
    p.put("merchant_id", merchant);
    p.put("arrival_seq", seq);
    p.put("ts_utc", ts);
    p.put("amount", 12.5);
    p.put("fraud_flag", false);
    return envelope(run, "s3_flow_anchor_with_fraud_6B", ts, p);
  }

  private static Map<String, Object> world() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("manifest_fingerprint", MF);
    p.put("parameter_hash", PH);
    p.put("seed", 42);
    p.put("scenario_id", "baseline_v1");
    return p;
  }

  /** An envelope whose event_id is derived from its type and payload join key (as the engine's ids are). */
  public static Map<String, Object> envelope(String run, String eventType, String ts, Map<String, Object> payload) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event_id", Hashing.sha256Hex(eventType + "|" + payload.get("merchant_id") + "|" + payload.get("arrival_seq")
        + "|" + payload.get("flow_id")));
    e.put("event_type", eventType);
    e.put("ts_utc", ts);
    e.put("manifest_fingerprint", MF);
    e.put("parameter_hash", PH);
    e.put("seed", 42);
    e.put("scenario_id", "baseline_v1");
    e.put("run_id", "d".repeat(32));
    e.put("platform_run_id", run);
    e.put("scenario_run_id", SCENARIO_RUN_ID);
    e.put("schema_version", "v1");
    e.put("payload", payload);
    return e;
  }

  /** A copy of {@code envelope} with {@code field} set (null removes it). */
  public static Map<String, Object> with(Map<String, Object> envelope, String field, Object value) {
    Map<String, Object> e = new LinkedHashMap<>(envelope);
    if (value == null) {
      e.remove(field);
    } else {
      e.put(field, value);
    }
    return e;
  }

  /** A copy of {@code envelope} with payload {@code field} set (null removes it). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> withPayload(Map<String, Object> envelope, String field, Object value) {
    Map<String, Object> p = new LinkedHashMap<>((Map<String, Object>) envelope.get("payload"));
    if (value == null) {
      p.remove(field);
    } else {
      p.put(field, value);
    }
    return with(envelope, "payload", p);
  }
}
