package dev.fp.rtdl.ieg.core;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test envelopes as WSP streams them: every pin, a valid envelope, the given event type and payload. */
public final class GraphSamples {
  public static final String TRAFFIC = "s3_event_stream_with_fraud_6B";
  public static final String ARRIVAL = "arrival_events_5B";
  public static final String ENTITIES = "s1_arrival_entities_6B";
  public static final String ANCHOR = "s3_flow_anchor_with_fraud_6B";

  private GraphSamples() {
  }

  public static Map<String, Object> envelope(String run, String eventId, String eventType, String tsUtc,
                                             Map<String, Object> payload) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event_id", eventId);
    e.put("event_type", eventType);
    e.put("ts_utc", tsUtc);
    e.put("manifest_fingerprint", "a".repeat(64));
    e.put("parameter_hash", "b".repeat(64));
    e.put("seed", 42);
    e.put("scenario_id", "baseline_v1");
    e.put("run_id", "d".repeat(32));
    e.put("platform_run_id", run);
    e.put("scenario_run_id", "c".repeat(32));
    e.put("schema_version", "v1");
    e.put("payload", payload);
    return e;
  }

  /** An arrival-entities record naming merchant, party, account, instrument, device, ip and session {@code n}. */
  public static Map<String, Object> arrivalEntities(String run, String eventId, String tsUtc, long party, long n) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("merchant_id", 900 + n);
    p.put("arrival_seq", n);
    p.put("party_id", party);
    p.put("account_id", 100 + n);
    p.put("instrument_id", 200 + n);
    p.put("device_id", 300 + n);
    p.put("ip_id", 400 + n);
    p.put("session_id", 500 + n);
    p.put("ts_utc", tsUtc);
    return envelope(run, eventId, ENTITIES, tsUtc, p);
  }

  /** A flow anchor of flow {@code flow} naming the entities of {@link #arrivalEntities} {@code n}. */
  public static Map<String, Object> flowAnchor(String run, String eventId, String tsUtc, long flow, long party,
                                               long n) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("flow_id", flow);
    p.put("arrival_seq", n);
    p.put("merchant_id", 900 + n);
    p.put("party_id", party);
    p.put("account_id", 100 + n);
    p.put("instrument_id", 200 + n);
    p.put("device_id", 300 + n);
    p.put("ip_id", 400 + n);
    p.put("ts_utc", tsUtc);
    p.put("amount", 12.5);
    return envelope(run, eventId, ANCHOR, tsUtc, p);
  }

  public static Map<String, Object> traffic(String run, String eventId, String tsUtc, long flow) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("flow_id", flow);
    p.put("event_seq", 0);
    p.put("event_type", "AUTH_REQUEST");
    p.put("ts_utc", tsUtc);
    p.put("amount", 12.5);
    return envelope(run, eventId, TRAFFIC, tsUtc, p);
  }
}
