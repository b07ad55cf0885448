package dev.fp.rtdl.aw.core;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test envelopes AW can archive: the eight required fields, a seed and the given payload. */
public final class AwSamples {
  private AwSamples() {
  }

  public static Map<String, Object> envelope(String run, String eventId, Map<String, Object> payload) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event_id", eventId);
    e.put("event_type", "s3_event_stream_with_fraud_6B");
    e.put("ts_utc", "2026-01-01T00:00:01.000000Z");
    e.put("manifest_fingerprint", "a".repeat(64));
    e.put("parameter_hash", "b".repeat(64));
    e.put("seed", 42);
    e.put("scenario_id", "baseline_v1");
    e.put("platform_run_id", run);
    e.put("scenario_run_id", "c".repeat(32));
    e.put("payload", payload);
    return e;
  }
}
