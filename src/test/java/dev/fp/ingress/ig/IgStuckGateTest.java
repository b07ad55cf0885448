package dev.fp.ingress.ig;

import dev.fp.ingress.ig.core.Checked;
import dev.fp.ingress.ig.core.IgSamples;
import dev.fp.substrate.eventlog.LogRecord;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, the stuck-gate rule: a publish that never completes (FaultyEventLog HOLD) must not leave IG GREEN with its
 * pushes hanging. After {@code cycle_timeout_ms} the push is answered, the row turns PUBLISH_AMBIGUOUS with evidence,
 * health is RED (ADMISSION_CYCLE_STUCK), /readyz 503 and intake 503 — until the publish ends; then reconciliation
 * finds the late record and nothing was republished.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IgStuckGateTest {
  static final String TOPIC = "fp.bus.traffic.fraud.v1";

  IgHarness ig;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    ig = IgHarness.start(dir, Map.of("cycle_timeout_ms", cycleTimeoutMs()), substrateYaml());
    ig.runtime.markStarted();
  }

  @AfterAll
  void stop() throws Exception {
    ig.close();
    afterClose();
  }

  /** The {@code substrate:} section of the harness ("" = embedded); the parity subclass names S3, Kinesis, PostgreSQL. */
  protected String substrateYaml() {
    return "";
  }

  protected void afterClose() throws Exception {
  }

  /** Short, so the test is quick; long enough that a healthy cycle on this substrate never hits it. */
  protected int cycleTimeoutMs() {
    return 600;
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  JsonObject health() {
    try {
      return new JsonObject(ig.get(IgRoutes.HEALTH, IgHarness.OPERATOR_KEY).body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> readyz() {
    try {
      return ig.get("/readyz", null);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  JsonObject admission(String dedupeKey) {
    try {
      return new JsonObject(ig.get(IgRoutes.LOOKUP + "?dedupe_key=" + dedupeKey, IgHarness.OPERATOR_KEY).body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aPublishThatNeverCompletesIsAnsweredTurnsAmbiguousAndTheGateIsNeverGreenMeanwhile() throws Exception {
    Map<String, Object> stuck = IgSamples.traffic(IgAdmissionHttpTest.id(), 11, 0);
    String key = ((Checked.Candidate) IgSamples.checks().check(stuck, IgSamples.ANY)).dedupeKey();
    assertThat(readyz().statusCode()).isEqualTo(200);
    int publishes = ig.log.publishCalls();
    ig.log.next(FaultyEventLog.Fault.HOLD, 1);
    CompletableFuture<HttpResponse<String>> pushed = ig.http.sendAsync(HttpRequest.newBuilder(
            URI.create(ig.base + IgRoutes.PUSH)).header(IgRoutes.API_KEY_HEADER, IgHarness.WSP_KEY)
        .POST(HttpRequest.BodyPublishers.ofString(Json.encode(stuck))).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());

    HttpResponse<String> answer = pushed.get(10, TimeUnit.SECONDS);
    IgHttpErrorsTest.assertError(answer, 409, "PUBLISH_AMBIGUOUS_RETRY");
    assertThat(answer.headers().firstValue("Retry-After")).contains("30");
    assertThat(ig.log.holding()).as("the publish is still not complete").isTrue();

    JsonObject red = health();
    assertThat(red.getString("state")).isEqualTo("RED");
    assertThat(red.getJsonArray("reasons").getList()).contains("ADMISSION_CYCLE_STUCK");
    assertThat(readyz().statusCode()).isEqualTo(503);
    assertThat(new JsonObject(readyz().body()).getString("reason")).contains("ADMISSION_CYCLE_STUCK");
    Map<String, Object> next = IgSamples.traffic(IgAdmissionHttpTest.id(), 12, 0);
    IgHttpErrorsTest.assertError(ig.post(IgRoutes.PUSH, IgHarness.WSP_KEY, Json.encode(next)), 503, "IG_UNHEALTHY");
    await("the stuck row swept to PUBLISH_AMBIGUOUS with its quarantine evidence", () -> {
      JsonObject a = admission(key);
      return "PUBLISH_AMBIGUOUS".equals(a.getJsonObject("admission").getString("state"))
          && !a.getJsonArray("quarantines").isEmpty();
    });
    JsonObject swept = admission(key);
    assertThat(swept.getJsonObject("admission").getString("state_reason")).isEqualTo("ADMISSION_CYCLE_TIMEOUT");
    assertThat(swept.getJsonArray("quarantines").getJsonObject(0).getString("reason_code"))
        .isEqualTo("PUBLISH_AMBIGUOUS");

    ig.log.release();
    await("health leaves RED once the stuck publish ends (AMBER: the ambiguity awaits reconciliation)", () -> {
      JsonObject h = health();
      return "AMBER".equals(h.getString("state"))
          && h.getJsonArray("reasons").getList().equals(java.util.List.of("PUBLISH_AMBIGUOUS_UNRESOLVED"));
    });
    assertThat(readyz().statusCode()).isEqualTo(200);
    assertThat(ig.push(IgHarness.WSP_KEY, next).getString("decision")).isEqualTo("ADMIT");

    HttpResponse<String> r = ig.post(IgRoutes.RECONCILE, IgHarness.OPERATOR_KEY,
        new JsonObject().put("dedupe_key", key).put("action", IgReconciler.CHECK).encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject reconciled = new JsonObject(r.body());
    assertThat(reconciled.getBoolean("found")).as("the late publish landed and is found, not republished").isTrue();
    assertThat(reconciled.getString("state")).isEqualTo("ADMITTED");
    long copies = ig.records(TOPIC).stream().map(LogRecord::data).filter(d -> d.contains((String) stuck.get("event_id")))
        .count();
    assertThat(copies).isEqualTo(1);
    assertThat(ig.log.publishCalls()).as("the held publish and the next push, nothing else").isEqualTo(publishes + 2);
    assertThat(IgHarness.UNHANDLED).as("the late end of the abandoned cycle answered nothing twice").isEmpty();
  }
}
