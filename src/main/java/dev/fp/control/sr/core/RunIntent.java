package dev.fp.control.sr.core;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Hashing;
import dev.fp.contract.Ids;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a submission asks SR to make ready (control_ingress §3.2): the world pins read from the engine's run receipt,
 * the scenario and the time window, under an equivalence key. Same key ⇒ same SR {@code run_id}; a known key with
 * another {@link #fingerprint()} is {@code EQUIV_KEY_COLLISION}.
 */
public record RunIntent(String equivalenceKey, String manifestFingerprint, String parameterHash, long seed,
                        String scenarioId, Instant windowStart, Instant windowEnd, String windowTz) {
  public static final Instant DEFAULT_WINDOW_START = Instant.parse("2026-01-01T00:00:00Z");
  public static final Instant DEFAULT_WINDOW_END = Instant.parse("2026-01-02T00:00:00Z");
  public static final String DEFAULT_WINDOW_TZ = "UTC";
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  public RunIntent {
    if (equivalenceKey == null || equivalenceKey.isBlank()) {
      throw SrException.input(SrCodes.REQUEST_INVALID, "run_equivalence_key is empty", "pass --equivalence-key");
    }
    if (!windowStart.isBefore(windowEnd)) {
      throw SrException.input(SrCodes.REQUEST_INVALID, "window_start_utc " + windowStart + " is not before "
          + "window_end_utc " + windowEnd, "pass --window-start earlier than --window-end");
    }
  }

  /** SR run id = scenario_run_id: first 32 hex of sha256("sr_run|" + key). */
  public String runId() {
    return Ids.srRunId(equivalenceKey);
  }

  /**
   * sha256 of Python's {@code json.dumps(intent, sort_keys=True)} (default separators {@code ", "} and
   * {@code ": "}) over {manifest_fingerprint, parameter_hash, seed, scenario_id, scenario_set, window_start_utc,
   * window_end_utc (isoformat), window_tz}.
   */
  public String fingerprint() {
    Map<String, Object> basis = new TreeMap<>();
    basis.put("manifest_fingerprint", manifestFingerprint);
    basis.put("parameter_hash", parameterHash);
    basis.put("seed", seed);
    basis.put("scenario_id", scenarioId);
    basis.put("scenario_set", null);
    basis.put("window_start_utc", isoformat(windowStart));
    basis.put("window_end_utc", isoformat(windowEnd));
    basis.put("window_tz", windowTz);
    List<String> items = new ArrayList<>();
    basis.forEach((k, v) -> items.add(CanonicalJson.write(k) + ": " + CanonicalJson.write(v)));
    return Hashing.sha256Hex("{" + String.join(", ", items) + "}");
  }

  /** Python's {@code datetime.isoformat()} of an aware UTC datetime: micros only when non-zero, {@code +00:00}. */
  static String isoformat(Instant t) {
    int micros = t.getNano() / 1000;
    return SECONDS.format(t) + (micros == 0 ? "" : String.format(".%06d", micros)) + "+00:00";
  }
}
