package dev.fp.platform.query;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The serve contract of reference rtdl §5, applied on the caller's side. */
class PostureQueryClientTest {
  static final Instant NOW = Instant.parse("2026-12-06T12:02:00Z");
  static final Duration MAX_AGE = Duration.ofSeconds(120);

  static JsonObject ok(String decidedAt) {
    return new JsonObject().put("status", "OK").put("posture", new JsonObject().put("mode", "DEGRADED_1")
        .put("decided_at_utc", decidedAt));
  }

  @Test
  void shouldServeAPostureNoOlderThanTheMaximumAge() {
    JsonObject served = PostureQueryClient.serve(ok("2026-12-06T12:00:00.000000Z"), NOW, MAX_AGE);
    assertThat(served.getString("source")).isEqualTo("CURRENT_POSTURE");
    assertThat(served.getString("trust")).isEqualTo("TRUSTED");
    assertThat(served.getJsonObject("posture").getString("mode")).isEqualTo("DEGRADED_1");
  }

  @Test
  void shouldFailClosedOnAStaleMissingOrBrokenAnswer() {
    assertThat(PostureQueryClient.serve(ok("2026-12-06T11:59:59.999999Z"), NOW, MAX_AGE).getString("source"))
        .isEqualTo("FAILSAFE_STALE");
    assertThat(PostureQueryClient.serve(new JsonObject().put("status", "MISSING"), NOW, MAX_AGE).getString("source"))
        .isEqualTo("FAILSAFE_MISSING");
    assertThat(PostureQueryClient.serve(new JsonObject().put("status", "ERROR"), NOW, MAX_AGE).getString("source"))
        .isEqualTo("FAILSAFE_STORE_ERROR");
    JsonObject garbled = PostureQueryClient.serve(ok("yesterday"), NOW, MAX_AGE);
    assertThat(garbled.getString("source")).isEqualTo("FAILSAFE_STORE_ERROR");
    assertThat(garbled.getString("trust")).isEqualTo("UNTRUSTED");
    assertThat(garbled.getJsonObject("posture").getString("mode")).isEqualTo("FAIL_CLOSED");
    assertThat(garbled.getJsonObject("posture").getString("reason")).isEqualTo("DL_SERVE_FAILSAFE:FAILSAFE_STORE_ERROR");
    assertThat(garbled.getJsonObject("posture").getJsonObject("capabilities_mask").getString("action_posture"))
        .isEqualTo("STEP_UP_ONLY");
  }
}
