package dev.fp.control.sr.core;

import dev.fp.contract.Hashing;
import dev.fp.contract.Ids;
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
    assertThat(intent("parity_20260210T091951Z").runId()).isEqualTo("7e0847b8622533045c5b69bce61c88bd")
        .isEqualTo(Ids.srRunId("parity_20260210T091951Z"));
  }

  @Test
  void shouldFingerprintTheIntentAsPythonJsonDumpsWithSortedKeys() {
    String python = "{\"manifest_fingerprint\": \"" + MF + "\", \"parameter_hash\": \"" + PH + "\", "
        + "\"scenario_id\": \"baseline_v1\", \"scenario_set\": null, \"seed\": 42, "
        + "\"window_end_utc\": \"2026-01-02T00:00:00+00:00\", \"window_start_utc\": \"2026-01-01T00:00:00+00:00\", "
        + "\"window_tz\": \"UTC\"}";

    assertThat(intent("k").fingerprint()).isEqualTo(Hashing.sha256Hex(python));
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

    assertThat(ReadySignal.messageId(keys.platformRunId(), keys.runId(), "b".repeat(64), "p".repeat(64))).isEqualTo(Hashing.sha256Hex(
        "ready|platform_20260210T091951Z|7e0847b8622533045c5b69bce61c88bd|" + "b".repeat(64)));
  }
}
