package dev.fp.ingress.ig;

import dev.fp.ingress.ig.core.IgSamples;
import dev.fp.ingress.ig.store.AdmissionStore;
import dev.fp.ingress.ig.store.Claim;
import dev.fp.substrate.eventlog.LogRecord;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publish ambiguity (FaultyEventLog): a failed or unknown publish is PUBLISH_AMBIGUOUS with quarantine evidence, never
 * republished on its own; retries answer 409; health and lookup report it; operator reconciliation resolves it.
 */
class IgAmbiguityTest {
  static final String TOPIC = "fp.bus.traffic.fraud.v1";
  @TempDir
  static Path dir;
  static IgHarness ig;

  @BeforeAll
  static void start() throws Exception {
    ig = IgHarness.start(dir, Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    ig.close();
  }

  static Map<String, Object> event() {
    return IgSamples.traffic(IgAdmissionHttpTest.id(), (long) (Math.random() * 1e9), 0);
  }

  static JsonObject reconcile(String key, String action) throws Exception {
    HttpResponse<String> r = ig.post(IgRoutes.RECONCILE, IgHarness.OPERATOR_KEY,
        new JsonObject().put("dedupe_key", key).put("action", action).encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  static JsonObject lookup(String key) throws Exception {
    return new JsonObject(ig.get(IgRoutes.LOOKUP + "?dedupe_key=" + key, IgHarness.OPERATOR_KEY).body());
  }

  @Test
  void shouldQuarantineAFailedPublishAsAmbiguousAndPublishItOnlyAfterAnOperatorReleasesIt() throws Exception {
    Map<String, Object> e = event();
    int records = ig.records(TOPIC).size();
    ig.log.next(FaultyEventLog.Fault.FAIL_BEFORE_APPLY, 1);
    JsonObject first = ig.push(IgHarness.WSP_KEY, e);
    assertThat(first.getInteger("_status")).isEqualTo(200);
    assertThat(first.getString("decision")).isEqualTo("QUARANTINE");
    assertThat(first.getJsonObject("receipt").getJsonArray("reason_codes").getString(0)).isEqualTo("PUBLISH_AMBIGUOUS");
    String key = first.getJsonObject("receipt").getString("dedupe_key");

    int calls = ig.log.publishCalls();
    HttpResponse<String> retry = ig.post(IgRoutes.PUSH, IgHarness.WSP_KEY, Json.encode(e));
    IgHttpErrorsTest.assertError(retry, 409, "PUBLISH_AMBIGUOUS_RETRY");
    assertThat(retry.headers().firstValue("Retry-After")).contains("30");
    assertThat(ig.log.publishCalls()).as("never republished on its own").isEqualTo(calls);
    assertThat(lookup(key).getJsonObject("admission").getString("state")).isEqualTo("PUBLISH_AMBIGUOUS");
    assertThat(lookup(key).getJsonArray("quarantines").getJsonObject(0).getString("reason_code"))
        .isEqualTo("PUBLISH_AMBIGUOUS");
    awaitHealthReason("PUBLISH_AMBIGUOUS_UNRESOLVED");
    awaitReconciliationListing(key);

    assertThat(reconcile(key, "check").getBoolean("found")).isFalse();
    assertThat(lookup(key).getJsonObject("admission").getString("state")).isEqualTo("PUBLISH_AMBIGUOUS");
    assertThat(reconcile(key, "release").getString("state")).isEqualTo("PUBLISH_RELEASED");
    JsonObject admitted = ig.push(IgHarness.WSP_KEY, e);
    assertThat(admitted.getString("decision")).isEqualTo("ADMIT");
    assertThat(ig.push(IgHarness.WSP_KEY, e).getString("decision")).isEqualTo("DUPLICATE");
    assertThat(ig.records(TOPIC)).hasSize(records + 1);
  }

  @Test
  void shouldReplayAnAppliedThenFailedPublishIntoDuplicateOnlyAfterReconciliation() throws Exception {
    Map<String, Object> e = event();
    int records = ig.records(TOPIC).size();
    ig.log.next(FaultyEventLog.Fault.APPLY_THEN_FAIL, 1);
    JsonObject first = ig.push(IgHarness.WSP_KEY, e);
    assertThat(first.getJsonObject("receipt").getJsonArray("reason_codes").getString(0)).isEqualTo("PUBLISH_AMBIGUOUS");
    String key = first.getJsonObject("receipt").getString("dedupe_key");
    List<LogRecord> log = ig.records(TOPIC);
    assertThat(log).hasSize(records + 1);
    IgHttpErrorsTest.assertError(ig.post(IgRoutes.PUSH, IgHarness.WSP_KEY, Json.encode(e)), 409,
        "PUBLISH_AMBIGUOUS_RETRY");

    JsonObject resolved = reconcile(key, "check");
    assertThat(resolved.getBoolean("found")).isTrue();
    assertThat(resolved.getString("state")).isEqualTo("ADMITTED");
    assertThat(resolved.getJsonObject("eb_ref").getString("offset")).isEqualTo(log.get(log.size() - 1).offset());

    JsonObject dup = ig.push(IgHarness.WSP_KEY, e);
    assertThat(dup.getString("decision")).isEqualTo("DUPLICATE");
    assertThat(dup.getJsonObject("receipt").getJsonObject("eb_ref").getString("offset"))
        .isEqualTo(log.get(log.size() - 1).offset());
    assertThat(dup.getJsonObject("receipt").getJsonArray("evidence_refs").getJsonObject(0).getString("ref"))
        .isEqualTo(resolved.getString("receipt_ref"));
    assertThat(ig.records(TOPIC)).hasSize(records + 1);
  }

  @Test
  void shouldRefuseToReconcileAnAdmissionThatIsNotAmbiguous() throws Exception {
    JsonObject r = ig.push(IgHarness.WSP_KEY, event());
    String key = r.getJsonObject("receipt").getString("dedupe_key");
    HttpResponse<String> answer = ig.post(IgRoutes.RECONCILE, IgHarness.OPERATOR_KEY,
        new JsonObject().put("dedupe_key", key).encode());
    IgHttpErrorsTest.assertError(answer, 409, "NOT_AMBIGUOUS");
    IgHttpErrorsTest.assertError(ig.post(IgRoutes.RECONCILE, IgHarness.OPERATOR_KEY, "{\"dedupe_key\":\"nope\"}"),
        404, "NOT_FOUND");
  }

  @Test
  void shouldAnswer409WhileAnotherProcessHoldsThePublishInFlight() throws Exception {
    Map<String, Object> e = event();
    var checked = (dev.fp.ingress.ig.core.Checked.Candidate) IgSamples.checks().check(e, IgSamples.ANY);
    AdmissionStore store = new AdmissionStore(ig.state());
    String now = dev.fp.contract.Timestamps.nowUtc();
    ig.commit(c -> store.insertInFlight(c, List.of(
        new Claim(checked.dedupeKey(), IgHarness.RUN, checked.eventClass(), checked.eventId(), checked.eventType(),
            checked.payloadHash(), TOPIC, "other-process", now))));
    HttpResponse<String> r = ig.post(IgRoutes.PUSH, IgHarness.WSP_KEY, Json.encode(e));
    IgHttpErrorsTest.assertError(r, 409, "PUBLISH_IN_FLIGHT_RETRY");
    assertThat(r.headers().firstValue("Retry-After")).contains("1");
  }

  @Test
  void shouldHoldARetryOfAnEventBeingPublishedUntilItSettlesThenAnswerDuplicate() throws Exception {
    Map<String, Object> e = event();
    ig.log.next(FaultyEventLog.Fault.HOLD, 1);
    CompletableFuture<HttpResponse<String>> first = send(e);
    long deadline = System.currentTimeMillis() + 10_000;
    while (!ig.log.holding() && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    CompletableFuture<HttpResponse<String>> second = send(e);
    Thread.sleep(200);
    assertThat(second).isNotDone();
    ig.log.release();
    assertThat(new JsonObject(first.get().body()).getString("decision")).isEqualTo("ADMIT");
    assertThat(new JsonObject(second.get().body()).getString("decision")).as(second.get().body()).isEqualTo("DUPLICATE");
  }

  @Test
  void shouldSweepAPublishLeftInFlightByAStoppedProcessIntoAmbiguityWithEvidence() throws Exception {
    Map<String, Object> e = event();
    var checked = (dev.fp.ingress.ig.core.Checked.Candidate) IgSamples.checks().check(e, IgSamples.ANY);
    AdmissionStore store = new AdmissionStore(ig.state());
    ig.commit(c -> store.insertInFlight(c, List.of(
        new Claim(checked.dedupeKey(), IgHarness.RUN, checked.eventClass(), checked.eventId(), checked.eventType(),
            checked.payloadHash(), TOPIC, "dead-process", "2020-01-01T00:00:00.000000Z"))));
    long deadline = System.currentTimeMillis() + 10_000;
    JsonObject found = lookup(checked.dedupeKey());
    while (!"PUBLISH_AMBIGUOUS".equals(found.getJsonObject("admission").getString("state"))
        || found.getJsonArray("quarantines").isEmpty()) {
      assertThat(System.currentTimeMillis()).isLessThan(deadline);
      Thread.sleep(100);
      found = lookup(checked.dedupeKey());
    }
    assertThat(found.getJsonArray("quarantines").getJsonObject(0).getString("reason_code"))
        .isEqualTo("PUBLISH_AMBIGUOUS");
    IgHttpErrorsTest.assertError(ig.post(IgRoutes.PUSH, IgHarness.WSP_KEY, Json.encode(e)), 409,
        "PUBLISH_AMBIGUOUS_RETRY");
  }

  private static CompletableFuture<HttpResponse<String>> send(Map<String, Object> e) {
    return ig.http.sendAsync(HttpRequest.newBuilder(java.net.URI.create(ig.base + IgRoutes.PUSH))
        .POST(HttpRequest.BodyPublishers.ofString(Json.encode(e))).header(IgRoutes.API_KEY_HEADER, IgHarness.WSP_KEY)
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitReconciliationListing(String key) throws Exception {
    java.nio.file.Path file = dir.resolve("runs/fraud-platform/" + IgHarness.RUN
        + "/ingestion_gate/reconciliation/reconciliation.json");
    long deadline = System.currentTimeMillis() + 10_000;
    while (!(java.nio.file.Files.exists(file) && java.nio.file.Files.readString(file).contains(key))) {
      assertThat(System.currentTimeMillis()).as("reconciliation file never listed " + key).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static void awaitHealthReason(String reason) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    while (true) {
      JsonObject h = new JsonObject(ig.get(IgRoutes.HEALTH, IgHarness.WSP_KEY).body());
      if (h.getJsonArray("reasons").getList().contains(reason)) {
        assertThat(h.getString("state")).isEqualTo("AMBER");
        return;
      }
      assertThat(System.currentTimeMillis()).as("health never reported " + reason).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
