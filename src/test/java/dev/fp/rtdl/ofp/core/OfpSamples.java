package dev.fp.rtdl.ofp.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test envelopes for OFP: fraud traffic and flow anchors as WSP sends them, and a small feature policy. */
public final class OfpSamples {
  private OfpSamples() {
  }

  public static Map<String, Object> envelope(String run, String eventId, String eventType, String ts,
                                             Map<String, Object> payload) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event_id", eventId);
    e.put("event_type", eventType);
    e.put("schema_version", "v1");
    e.put("ts_utc", ts);
    e.put("manifest_fingerprint", "a".repeat(64));
    e.put("parameter_hash", "b".repeat(64));
    e.put("seed", 42);
    e.put("scenario_id", "baseline_v1");
    e.put("platform_run_id", run);
    e.put("scenario_run_id", "c".repeat(32));
    e.put("payload", payload);
    return e;
  }

  /** A traffic event of flow {@code flow}: AUTH_REQUEST (seq 0) or AUTH_RESPONSE (seq 1). */
  public static Map<String, Object> traffic(String run, String eventId, long flow, String type, String ts,
                                            double amount) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("flow_id", flow);
    p.put("event_seq", type.equals("AUTH_REQUEST") ? 0 : 1);
    p.put("event_type", type);
    p.put("ts_utc", ts);
    p.put("amount", amount);
    return envelope(run, eventId, "s3_event_stream_with_fraud_6B", ts, p);
  }

  /** A flow anchor naming party {@code party}, device {@code device}, merchant {@code merchant} and fixed others. */
  public static Map<String, Object> anchor(String run, String eventId, long flow, long party, long device,
                                           long merchant, String ts) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("flow_id", flow);
    p.put("arrival_seq", flow);
    p.put("merchant_id", merchant);
    p.put("party_id", party);
    p.put("account_id", party * 10);
    p.put("instrument_id", party * 100);
    p.put("device_id", device);
    p.put("ip_id", 7);
    p.put("ts_utc", ts);
    p.put("amount", 9.99);
    return envelope(run, eventId, "s3_flow_anchor_with_fraud_6B", ts, p);
  }

  /** core_features, party_features (1h/24h/7d, distinct merchants and devices) and device_features (1h). */
  public static FeaturePolicy policy(int distinctCap) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("policy_id", "ofp.features.test");
    doc.put("revision", "r1");
    doc.put("distinct_cap", distinctCap);
    doc.put("groups", List.of(
        Map.of("name", "core_features", "version", "v1", "key_type", "flow_id"),
        Map.of("name", "party_features", "version", "v1", "key_type", "party_id", "windows",
            List.of("1h", "24h", "7d"), "distinct", List.of("merchant_id", "device_id")),
        Map.of("name", "device_features", "version", "v1", "key_type", "device_id", "windows", List.of("1h"),
            "distinct", List.of("party_id"))));
    return FeaturePolicy.of(doc);
  }
}
