package dev.fp.ingress.ig.bench;

/**
 * Envelopes for IG benchmarks: WSP-shaped traffic events of the fraud stream (about 1 KB each, all pins, trace and
 * span, an engine row payload), made unique by a prefix and a counter so every one is a first admission.
 */
public final class BenchEnvelopes {
  static final String MF = "c8fd43cd60ce0ede0c63d2ceb4610f167c9b107e1d59b9b8c7d7b8d0028b05c8";
  static final String PH = "56d45126eaabedd083a1d8428a763e0278c89efec5023cfd6cf3cab7fc8dd2d7";
  static final String SR = "7e0847b8622533045c5b69bce61c88bd";
  static final String ENGINE_RUN = "c25a2675fbfbacd952b13bb594880e92";
  static final String TRACE = "3d715e502ebb506caa26d4ae618d2d07c4e751ffc606b2732a51c53ffdb37513";
  /** %1$s event id, %2$d flow id, %3$s platform run id. */
  static final String TEMPLATE = "{\"event_id\":\"%1$s\",\"event_type\":\"s3_event_stream_with_fraud_6B\","
      + "\"schema_version\":\"v1\",\"ts_utc\":\"2026-01-01T08:00:01.250000Z\",\"manifest_fingerprint\":\"" + MF + "\","
      + "\"parameter_hash\":\"" + PH + "\",\"seed\":42,\"scenario_id\":\"baseline_v1\",\"run_id\":\"" + ENGINE_RUN + "\","
      + "\"platform_run_id\":\"%3$s\",\"scenario_run_id\":\"" + SR + "\",\"producer\":\"svc:world_stream_producer\","
      + "\"trace_id\":\"" + TRACE + "\",\"span_id\":\"engine-release-2026.01\",\"payload\":{\"flow_id\":%2$d,"
      + "\"event_seq\":0,\"event_type\":\"AUTH_REQUEST\",\"ts_utc\":\"2026-01-01T08:00:01.250000Z\",\"amount\":127.35,"
      + "\"seed\":42,\"manifest_fingerprint\":\"" + MF + "\",\"parameter_hash\":\"" + PH + "\","
      + "\"scenario_id\":\"baseline_v1\",\"fraud_flag\":false,\"campaign_id\":null}}";

  private BenchEnvelopes() {
  }

  private static final String[] PARTS = TEMPLATE.split("%[123]\\$[sd]", -1);

  public static String envelope(String eventId, long flowId, String platformRunId) {
    return append(new StringBuilder(1100), eventId, flowId, platformRunId).toString();
  }

  /** The template filled in by concatenation (String.format is too slow for a load generator). */
  private static StringBuilder append(StringBuilder sb, String eventId, long flowId, String platformRunId) {
    return sb.append(PARTS[0]).append(eventId).append(PARTS[1]).append(platformRunId).append(PARTS[2]).append(flowId)
        .append(PARTS[3]);
  }

  /** A JSON array of {@code n} envelopes numbered from {@code first}. */
  public static String batch(String prefix, long first, int n, String platformRunId) {
    StringBuilder sb = new StringBuilder(n * 1100).append('[');
    for (int i = 0; i < n; i++) {
      append(sb.append(i == 0 ? "" : ","), prefix + (first + i), first + i, platformRunId);
    }
    return sb.append(']').toString();
  }

  /** The template as a Lua format string for wrk ({@code %s} event id, {@code %d} flow id). */
  static String luaFormat(String platformRunId) {
    return TEMPLATE.replace("%1$s", "%s").replace("%2$d", "%d").replace("%3$s", platformRunId)
        .replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
