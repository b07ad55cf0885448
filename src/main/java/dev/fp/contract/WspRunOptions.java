package dev.fp.contract;


import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's streaming options, as the operator chose them for {@code fp run} ({@code --cap}, {@code --mode},
 * {@code --speedup}): the run-scoped control record {@code s3://fraud-platform/<platform_run_id>/wsp/run_options.json}
 * that the supervisor writes before P5 and WSP reads when it streams that run's READY. Being an object in the
 * platform bucket it survives restarts and reaches a WSP in another JVM. A run without the record streams with the
 * {@code components.wsp} defaults. Overwriting it before P6 is how a P6 retry raises the cap. The writer puts
 * {@link #toBytes} at {@link #BUCKET}/{@link #key}; WSP reads it back with {@link #parse}.
 *
 * @param maxEventsPerOutput WSP_MAX_EVENTS_PER_OUTPUT for this run (0 = no cap)
 * @param mode               fraud or baseline
 * @param speedup            replay speed-up (0 = no pacing)
 */
public record WspRunOptions(long maxEventsPerOutput, String mode, double speedup) {
  public static final String BUCKET = "fraud-platform";

  public WspRunOptions {
    if (maxEventsPerOutput < 0 || speedup < 0 || !("fraud".equals(mode) || "baseline".equals(mode))) {
      throw new IllegalArgumentException("wsp run options: cap " + maxEventsPerOutput + " mode " + mode + " speedup "
          + speedup);
    }
  }

  public static String key(String platformRunId) {
    return platformRunId + "/wsp/run_options.json";
  }

  /** The record's object: canonical JSON and a newline. */
  public byte[] toBytes(String platformRunId) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("platform_run_id", platformRunId);
    doc.put("max_events_per_output", maxEventsPerOutput);
    doc.put("mode", mode);
    doc.put("speedup", speedup);
    return CanonicalJson.lineBytes(doc);
  }

  /** Parses a stored record; an unreadable one fails naming {@code where}. */
  public static WspRunOptions parse(byte[] bytes, String where) {
    try {
      Map<String, Object> m = Json.readObject(bytes);
      return new WspRunOptions(((Number) m.get("max_events_per_output")).longValue(), (String) m.get("mode"),
          ((Number) m.get("speedup")).doubleValue());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("read wsp run options " + where + ": " + e.getMessage(), e);
    }
  }
}
