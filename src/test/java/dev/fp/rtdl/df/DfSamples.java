package dev.fp.rtdl.df;

import dev.fp.contract.Hashing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Traffic envelopes as IG admits them (WSP's fraud traffic), for DF's tests. */
public final class DfSamples {
  public static final String RUN = "platform_20261206T120000Z";
  public static final String MF = "c8fd43cd60ce0ede0c63d2ceb4610f167c9b107e1d59b9b8c7d7b8d0028b05c8";
  public static final String PH = "56d45126eaabedd083a1d8428a763e0278c89efec5023cfd6cf3cab7fc8dd2d7";
  public static final String SCENARIO_RUN_ID = "7e0847b8622533045c5b69bce61c88bd";
  public static final String FRAUD_TYPE = "s3_event_stream_with_fraud_6B";

  private DfSamples() {
  }

  /** {@code sha256("traffic-<n>")}: the event id of sample {@code n}. */
  public static String eventId(int n) {
    return Hashing.sha256Hex("traffic-" + n);
  }

  /** Traffic event {@code n} of flow {@code flowId}, amount {@code amount}, at 2026-01-01T00:00:{n}.000000Z. */
  public static Map<String, Object> traffic(int n, long flowId, double amount) {
    Map<String, Object> p = new LinkedHashMap<>();
    String ts = String.format("2026-01-01T00:00:%02d.000000Z", n % 60);
    p.put("flow_id", flowId);
    p.put("event_seq", 0);
    p.put("event_type", "AUTH_REQUEST");
    p.put("ts_utc", ts);
    p.put("amount", amount);
    p.put("seed", 42);
    p.put("manifest_fingerprint", MF);
    p.put("parameter_hash", PH);
    p.put("scenario_id", "baseline_v1");
    p.put("fraud_flag", false);
    p.put("campaign_id", null);
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event_id", eventId(n));
    e.put("event_type", FRAUD_TYPE);
    e.put("schema_version", "v1");
    e.put("ts_utc", ts);
    e.put("manifest_fingerprint", MF);
    e.put("parameter_hash", PH);
    e.put("seed", 42);
    e.put("scenario_id", "baseline_v1");
    e.put("platform_run_id", RUN);
    e.put("scenario_run_id", SCENARIO_RUN_ID);
    e.put("producer", "world_stream_producer");
    e.put("payload", p);
    return e;
  }
}
