package dev.fp.ops;

import dev.fp.app.SpineGreen;
import dev.fp.caselabels.ls.LabelStoreVerticle;
import dev.fp.contract.Ids;
import dev.fp.contract.LabelAssertions;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.RunService;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.http.OperatorKey;
import dev.fp.platform.query.LabelStoreClient;
import dev.fp.testing.SamplePins;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/ops/labels} over a real embedded platform, its Label Store and a real HTTP client. */
class LabelsApiTest {
  static final String OPERATOR = "local-parity-operator";
  static final String RUN = "platform_20261206T120000Z";
  static final String T1 = "2026-01-01T00:00:01.000000Z";
  @TempDir
  Path dir;
  PlatformRuntime rt;
  String base;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    rt = await(SpineGreen.start(ConfigLoader.load("embedded", null,
        Map.of("FP_RUNS_ROOT", dir.toString(), "FP_HTTP_PORT", "0")), Clock.systemUTC()));
    await(SpineGreen.mountOperatorApi(rt, new RunService(rt)));
    rt.markStarted();
    base = "http://127.0.0.1:" + rt.http().actualPort();
  }

  @AfterEach
  void stop() throws Exception {
    await(rt.shutdown());
  }

  HttpResponse<String> get(String key, String query) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/v1/ops/labels?" + query));
    if (key != null) {
      b.header("X-IG-Api-Key", key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String error(HttpResponse<String> r) {
    return r.statusCode() + " " + new JsonObject(r.body()).getString("error");
  }

  static Map<String, Object> label() {
    Map<String, Object> pins = SamplePins.of(RUN);
    String timelineId = Ids.caseTimelineEventId(Ids.caseId(RUN, "traffic_fraud", "evt_1"), "CASE_TRIGGERED", "t1");
    return LabelAssertions.build(new LabelAssertions.Draft(timelineId, RUN, "evt_1", pins, "fraud_disposition",
        "FRAUD_SUSPECTED", T1, T1, "AUTO", "SYSTEM::case_mgmt_worker",
        List.of(Map.of("ref_type", "CASE_EVENT", "ref_id", timelineId)), null));
  }

  @Test
  void shouldRequireAnOperatorKey() throws Exception {
    String q = "platform_run_id=" + RUN + "&event_id=evt_1";
    assertThat(error(get(null, q))).isEqualTo("401 UNAUTHORIZED");
    assertThat(error(get("nope", q))).isEqualTo("401 UNAUTHORIZED");
    assertThat(error(get("local-parity-wsp", q))).isEqualTo("403 FORBIDDEN");
  }

  @Test
  void shouldRejectBadQueriesPreciselyAndSayWhenNoLabelStoreRuns() throws Exception {
    assertThat(error(get(OPERATOR, "event_id=evt_1"))).isEqualTo("400 PLATFORM_RUN_ID_INVALID");
    assertThat(error(get(OPERATOR, "platform_run_id=" + RUN))).isEqualTo("400 EVENT_ID_REQUIRED");
    assertThat(error(get(OPERATOR, "platform_run_id=" + RUN + "&event_id=evt_1&as_of=2026-01-01")))
        .isEqualTo("400 AS_OF_INVALID");
    assertThat(error(get(OPERATOR, "platform_run_id=" + RUN + "&event_id=evt_1"))).isEqualTo("503 LS_UNAVAILABLE");
  }

  @Test
  void shouldAnswerTheTimelineAndTheLabelAsOf() throws Exception {
    await(rt.vertx().deployVerticle(new LabelStoreVerticle(rt.services(), RUN)));
    JsonObject written = await(new LabelStoreClient(rt.vertx()).write(List.of(label())));
    String ref = written.getJsonArray("results").getJsonObject(0).getString("assertion_ref");
    // the ref names the committed ledger row, readable through the operator state API
    HttpResponse<String> row = http.send(HttpRequest.newBuilder(URI.create(base + ref))
        .header("X-IG-Api-Key", OPERATOR).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(row.statusCode()).isEqualTo(200);
    assertThat(row.body()).contains((String) label().get("payload_hash")).contains("FRAUD_SUSPECTED");

    HttpResponse<String> timeline = get(OPERATOR, "platform_run_id=" + RUN + "&event_id=evt_1");
    assertThat(timeline.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(timeline.body()).getJsonArray("assertions").getJsonObject(0).getString("label_value"))
        .isEqualTo("FRAUD_SUSPECTED");
    HttpResponse<String> asOf = get(OPERATOR, "platform_run_id=" + RUN
        + "&event_id=evt_1&label_type=fraud_disposition&as_of=" + T1);
    assertThat(asOf.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(asOf.body()).getString("status")).isEqualTo("RESOLVED");
    assertThat(error(get(OPERATOR, "platform_run_id=platform_20261206T130000Z&event_id=evt_1")))
        .isEqualTo("404 RUN_SCOPE_MISMATCH");
  }
}
