package dev.fp.contract;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/** Envelope fixtures shaped like WSP's output for an engine row (control_ingress.md §1). */
final class EnvelopeSamples {
  static final String MF = "c8fd43cd60ce0ede0c63d2ceb4610f167c9b107e1d59b9b8c7d7b8d0028b05c8";
  static final String PH = "56d45126eaabedd083a1d8428a763e0278c89efec5023cfd6cf3cab7fc8dd2d7";
  static final String EVENT_ID = "6602a30cec18d1d34042974851e944b1af4a0698b9868d6e8200709f80b3738d";
  static final String PLATFORM_RUN_ID = "platform_20260210T091951Z";
  static final String SCENARIO_RUN_ID = "7e0847b8622533045c5b69bce61c88bd";
  static final String ENGINE_RUN_ID = "c25a2675fbfbacd952b13bb594880e92";

  private EnvelopeSamples() {
  }

  static Map<String, Object> full() {
    Map<String, Object> envelope = minimal();
    envelope.put("parameter_hash", PH);
    envelope.put("seed", 42);
    envelope.put("scenario_id", "baseline_v1");
    envelope.put("run_id", ENGINE_RUN_ID);
    envelope.put("platform_run_id", PLATFORM_RUN_ID);
    envelope.put("scenario_run_id", SCENARIO_RUN_ID);
    envelope.put("emitted_at_utc", "2026-02-10T09:21:46.780000Z");
    envelope.put("schema_version", "v1");
    envelope.put("trace_id", "3d715e502ebb506caa26d4ae618d2d07c4e751ffc606b2732a51c53ffdb37513");
    envelope.put("span_id", "engine-release-1");
    envelope.put("parent_event_id", "decision:" + "a".repeat(32));
    envelope.put("producer", "svc:world_stream_producer");
    envelope.put("payload", payload());
    return envelope;
  }

  static Map<String, Object> minimal() {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("event_id", EVENT_ID);
    envelope.put("event_type", "s3_event_stream_with_fraud_6B");
    envelope.put("ts_utc", "2026-01-01T00:00:01.000000Z");
    envelope.put("manifest_fingerprint", MF);
    return envelope;
  }

  static Map<String, Object> with(String field, Object value) {
    Map<String, Object> envelope = full();
    envelope.put(field, value);
    return envelope;
  }

  static Map<String, Object> without(String field) {
    Map<String, Object> envelope = full();
    envelope.remove(field);
    return envelope;
  }

  static Map<String, Object> payload() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("flow_id", 1001);
    payload.put("event_seq", 0);
    payload.put("event_type", "AUTH_REQUEST");
    payload.put("ts_utc", "2026-01-01T00:00:01Z");
    payload.put("amount", 12.5);
    payload.put("seed", BigInteger.valueOf(42));
    payload.put("fraud_flag", false);
    payload.put("campaign_id", null);
    return payload;
  }
}
