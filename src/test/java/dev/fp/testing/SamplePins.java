package dev.fp.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** The six pins of a case-plane test record (case_ops_obs §0), valid by every format rule, in envelope order. */
public final class SamplePins {
  private SamplePins() {
  }

  public static Map<String, Object> of(String platformRunId) {
    return of(platformRunId, 42);
  }

  public static Map<String, Object> of(String platformRunId, int seed) {
    Map<String, Object> pins = new LinkedHashMap<>();
    pins.put("platform_run_id", platformRunId);
    pins.put("scenario_run_id", "b".repeat(32));
    pins.put("manifest_fingerprint", "c".repeat(64));
    pins.put("parameter_hash", "d".repeat(64));
    pins.put("scenario_id", "baseline_v1");
    pins.put("seed", seed);
    return pins;
  }
}
