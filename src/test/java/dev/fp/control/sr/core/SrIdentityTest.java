package dev.fp.control.sr.core;

import dev.fp.contract.ReadySignal;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** control_ingress §3.2 and §9: SR run identity and the intent fingerprint. */
class SrIdentityTest {
  static final String MF = "c8fd43cd60ce0ede0c63d2ceb4610f167c9b107e1d59b9b8c7d7b8d0028b05c8";
  static final String PH = "56d45126eaabedd083a1d8428a763e0278c89efec5023cfd6cf3cab7fc8dd2d7";

  static RunIntent intent(String key) {
    return new RunIntent(key, MF, PH, 42, "baseline_v1", RunIntent.DEFAULT_WINDOW_START, RunIntent.DEFAULT_WINDOW_END,
        "UTC");
  }

  @Test
  void shouldDeriveTheReferenceRunIdFromTheEquivalenceKey() {
    // sha256("sr_run|parity_20260210T091951Z")[:32] (control_ingress §9)
    assertThat(intent("parity_20260210T091951Z").runId()).isEqualTo("7e0847b8622533045c5b69bce61c88bd");
  }

  @Test
  void shouldFingerprintTheIntentAsPythonJsonDumpsWithSortedKeys() {
    // Computed once with Python 3: sha256(json.dumps({"manifest_fingerprint": MF, "parameter_hash": PH,
    // "scenario_id": "baseline_v1", "scenario_set": None, "seed": 42, "window_end_utc": "2026-01-02T00:00:00+00:00",
    // "window_start_utc": "2026-01-01T00:00:00+00:00", "window_tz": "UTC"}, sort_keys=True)) (default separators)
    assertThat(intent("k").fingerprint())
        .isEqualTo("3e928725ae0f93a03772cf9798e4a70d88a487a88ad8e622b4276d926c3e5dea");
  }

  @Test
  void shouldKeepTheFingerprintIndependentOfTheKey() {
    assertThat(intent("a").fingerprint()).isEqualTo(intent("b").fingerprint());
  }

  @Test
  void shouldRenderWindowsAsPythonIsoformat() {
    assertThat(RunIntent.isoformat(Instant.parse("2026-01-01T00:00:00Z"))).isEqualTo("2026-01-01T00:00:00+00:00");
    assertThat(RunIntent.isoformat(Instant.parse("2026-01-01T00:00:00.000123Z")))
        .isEqualTo("2026-01-01T00:00:00.000123+00:00");
  }

  @Test
  void shouldRejectAnEmptyKeyOrAnInvertedWindow() {
    assertThatThrownBy(() -> intent(" ")).isInstanceOf(SrException.class).hasMessageStartingWith("REQUEST_INVALID");
    assertThatThrownBy(() -> new RunIntent("k", MF, PH, 42, "s", RunIntent.DEFAULT_WINDOW_END,
        RunIntent.DEFAULT_WINDOW_START, "UTC")).isInstanceOf(SrException.class);
  }

  @Test
  void shouldDeriveTheReadyMessageIdFromBundleHash() {
    SrKeys keys = new SrKeys("platform_20260210T091951Z", "7e0847b8622533045c5b69bce61c88bd");

    // sha256("ready|platform_20260210T091951Z|7e0847b8622533045c5b69bce61c88bd|" + "b" * 64), Python 3's hashlib
    assertThat(ReadySignal.messageId(keys.platformRunId(), keys.runId(), "b".repeat(64), "p".repeat(64)))
        .isEqualTo("110b44a82ef88c87c21d2f6924d03da51b85815cb1f1f451cd67734f0b8c4bb0");
  }
}
