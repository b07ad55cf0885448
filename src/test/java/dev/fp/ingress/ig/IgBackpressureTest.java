package dev.fp.ingress.ig;

import dev.fp.ingress.ig.core.IgSamples;
import dev.fp.platform.ingest.IgAdmissionClient;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** 429 and 503 with Retry-After: rate limits, a full admission queue, RED health. */
class IgBackpressureTest {
  @TempDir
  Path dir;

  @Test
  void shouldAnswer429WithRetryAfterOverTheRateLimit() throws Exception {
    try (IgHarness ig = IgHarness.start(dir, Map.of("rate_limit_per_minute", 3))) {
      for (int i = 0; i < 3; i++) {
        assertThat(ig.push(IgHarness.WSP_KEY, IgSamples.traffic(IgAdmissionHttpTest.id(), i, 0))
            .getInteger("_status")).isEqualTo(200);
      }
      HttpResponse<String> limited = ig.post(IgRoutes.PUSH, IgHarness.WSP_KEY, Json.encode(IgSamples.traffic()));
      IgHttpErrorsTest.assertError(limited, 429, "RATE_LIMITED");
      assertThat(Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 20);
      assertThat(ig.post(IgRoutes.PUSH, IgHarness.PLAIN_KEY, Json.encode(IgSamples.traffic())).statusCode())
          .as("one bucket per principal").isEqualTo(200);
    }
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenTheAdmissionQueueIsFull() throws Exception {
    try (IgHarness ig = IgHarness.start(dir, Map.of("admission_queue_events", 5))) {
      List<Map<String, Object>> ten = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        ten.add(IgSamples.traffic(IgAdmissionHttpTest.id(), i, 0));
      }
      HttpResponse<String> r = ig.post(IgRoutes.BATCH, IgHarness.WSP_KEY, Json.encode(ten));
      IgHttpErrorsTest.assertError(r, 503, "IG_SATURATED");
      assertThat(r.headers().firstValue("Retry-After")).contains("1");
      assertThat(ig.batch(IgHarness.WSP_KEY, ten.subList(0, 5))).hasSize(5);
    }
  }

  @Test
  void shouldTurnRedAndRefuseAdmissionWithRetryAfterAfterRepeatedPublishFailures() throws Exception {
    // no probe during the test: the periodic probe and the export's probe both reset the publish failures when the
    // bus lists its topics, and a fast gate reaches the fourth push after one of them
    try (IgHarness ig = IgHarness.start(dir, Map.of("health_probe_interval_ms", 600_000,
        "health_export_interval_ms", 600_000))) {
      ig.log.next(FaultyEventLog.Fault.FAIL_BEFORE_APPLY, 3);
      for (int i = 0; i < 3; i++) {
        assertThat(ig.push(IgHarness.WSP_KEY, IgSamples.traffic(IgAdmissionHttpTest.id(), i, 0))
            .getJsonObject("receipt").getJsonArray("reason_codes").getString(0)).isEqualTo("PUBLISH_AMBIGUOUS");
      }
      HttpResponse<String> r = ig.post(IgRoutes.PUSH, IgHarness.WSP_KEY, Json.encode(IgSamples.traffic()));
      IgHttpErrorsTest.assertError(r, 503, "IG_UNHEALTHY");
      assertThat(r.headers().firstValue("Retry-After")).isPresent();
      JsonObject health = new JsonObject(ig.get(IgRoutes.HEALTH, IgHarness.WSP_KEY).body());
      assertThat(health.getString("state")).isEqualTo("RED");
      assertThat(health.getJsonArray("reasons").getList()).contains("BUS_UNHEALTHY");
      IgAdmissionClient df = new IgAdmissionClient(ig.runtime.vertx(), "SYSTEM::decision_fabric");
      assertThat(IgHarness.await(df.admit(IgSamples.decision("f".repeat(64)))).getInteger("status")).isEqualTo(503);
    }
  }
}
