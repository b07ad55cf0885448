package dev.fp.ops;

import dev.fp.app.SpineGreen;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.RunService;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.http.OperatorKey;
import dev.fp.platform.log.Logging;
import dev.fp.testing.Await;
import io.vertx.core.Future;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operator run API over a real embedded platform and a real HTTP client. */
class RunsApiTest {
  static final String OPERATOR = "local-parity-operator";
  @TempDir
  Path dir;
  PlatformRuntime rt;
  String base;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    // As Main does: process logs are P6's evidence (WSP's stream start/stop lines).
    Logging.configure("text", "INFO");
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

  private HttpResponse<String> post(String key, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/v1/ops/runs"))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("X-IG-Api-Key", key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-IG-Api-Key", OPERATOR).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldRequireAnOperatorKey() throws Exception {
    assertThat(post(null, "{\"max_events_per_output\":20}").statusCode()).isEqualTo(401);
    assertThat(post("nope", "{\"max_events_per_output\":20}").statusCode()).isEqualTo(401);
    HttpResponse<String> wsp = post("local-parity-wsp", "{\"max_events_per_output\":20}");
    assertThat(wsp.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(wsp.body()).getString("error")).isEqualTo("FORBIDDEN");
  }

  @Test
  void shouldRejectBadBodiesPrecisely() throws Exception {
    assertThat(post(OPERATOR, "[1]").statusCode()).isEqualTo(400);
    assertThat(post(OPERATOR, "not json").statusCode()).isEqualTo(400);
    assertThat(new JsonObject(post(OPERATOR, "{}").body()).getString("detail"))
        .isEqualTo("max_events_per_output: required integer >= 1");
    assertThat(new JsonObject(post(OPERATOR, "{\"max_events_per_output\":0}").body()).getString("detail"))
        .contains("cap must be >= 1");
    assertThat(new JsonObject(post(OPERATOR, "{\"max_events_per_output\":20,\"mode\":\"x\"}").body())
        .getString("detail")).contains("mode must be fraud or baseline");
    assertThat(new JsonObject(post(OPERATOR, "{\"max_events_per_output\":20,\"cap\":1}").body())
        .getString("detail")).startsWith("unknown field cap");
  }

  @Test
  void shouldStartARunAnd202WithLocationThenDescribeItsPhasesAndConsumerLag() throws Exception {
    HttpResponse<String> started = post(OPERATOR, "{\"max_events_per_output\":20,\"mode\":\"fraud\"}");
    assertThat(started.statusCode()).isEqualTo(202);
    String runId = new JsonObject(started.body()).getString("platform_run_id");
    assertThat(started.headers().firstValue("Location")).hasValue("/v1/ops/runs/" + runId);

    Await.until(Duration.ofSeconds(120), "run " + runId + " finished", () -> !"RUNNING".equals(
        new JsonObject(get("/v1/ops/runs/" + runId).body()).getJsonObject("run").getString("status")));
    JsonObject body = new JsonObject(get("/v1/ops/runs/" + runId).body());
    assertThat(body.getJsonObject("phases").getJsonObject("P0").getString("state")).isEqualTo("PASSED");
    assertThat(body.getJsonObject("phases").getJsonObject("P1").getString("commit_evidence_ref"))
        .endsWith("ACTIVE_RUN_ID");
    assertThat(body.getJsonObject("phases").getJsonObject("P0").getJsonArray("gate_checks")).isNotEmpty();
    assertThat(body.getJsonObject("run").getLong("cap_per_output")).isEqualTo(20L);
    assertThat(body.getJsonObject("phases").getJsonObject("P8").getString("state")).isEqualTo("PASSED");
    // P8 held AW to the streamed topics' ends; the decision lane's rtdl and audit records come after P8, and AW
    // archives them until the run stops (P9 holds DF, AL and DLA, not AW). The lag is what AW last wrote (every
    // artifact interval), so it reaches zero on the streamed partitions shortly after the run.
    Await.until(Duration.ofSeconds(30), "AW's lag on the streamed topics at zero", () -> {
      JsonObject aw = new JsonObject(get("/v1/ops/runs/" + runId).body()).getJsonObject("consumers")
          .getJsonObject("archive_writer");
      assertThat(aw.getString("group_id")).isEqualTo("aw.v0::" + runId);
      assertThat(aw.getJsonArray("partitions")).hasSize(9);
      return aw.getJsonArray("partitions").stream().map(JsonObject.class::cast)
          .filter(p -> !List.of("fp.bus.rtdl.v1", "fp.bus.audit.v1").contains(p.getString("topic")))
          .allMatch(p -> p.getLong("records_behind") == 0);
    });
  }

  /**
   * Gate-20 over HTTP only, as a load test or a dashboard drives it: start, poll until the run stops, read its phases
   * and counters; the OpenAPI document lists exactly the mounted /v1/ops routes (IG's included, its pack is up); then
   * tear it down and prove nothing writes to the run folder or its object-store prefix afterwards.
   */
  @Test
  void shouldDriveGate20OverHttpOnlyThenTearItDownAndWriteNothingAfter() throws Exception {
    HttpResponse<String> started = post(OPERATOR, "{\"max_events_per_output\":20}");
    assertThat(started.statusCode()).isEqualTo(202);
    String runId = new JsonObject(started.body()).getString("platform_run_id");
    // the 202 comes once the run's row is stored: reading it at once never answers 404 (it did under load)
    assertThat(get("/v1/ops/runs/" + runId).statusCode()).isEqualTo(200);
    Await.until(Duration.ofSeconds(180), "run " + runId + " stopped", () -> !"RUNNING".equals(
        new JsonObject(get("/v1/ops/runs/" + runId).body()).getJsonObject("run").getString("status")));
    JsonObject run = new JsonObject(get("/v1/ops/runs/" + runId).body());
    for (String p : List.of("P0", "P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9", "P10",
        "P11")) {
      assertThat(run.getJsonObject("phases").getJsonObject(p).getString("state")).as(p).isEqualTo("PASSED");
      assertThat(run.getJsonObject("phases").getJsonObject(p).getString("commit_evidence_ref")).as(p).isNotBlank();
    }
    assertThat(run.getJsonObject("run").getString("status")).isEqualTo("PASSED");
    assertThat(run.getJsonObject("phases").getJsonObject("P7").getJsonArray("gate_checks")).allSatisfy(c ->
        assertThat(((JsonObject) c).getString("evidence")).isNotBlank());
    assertThat(run.getJsonObject("counters").getJsonObject("decision_fabric").getString("health_state"))
        .isNotBlank();
    JsonObject evidence = run.getJsonObject("evidence");
    assertThat(evidence.getJsonObject("phases").getString("P11 OBS_GOV_CLOSED")).endsWith("obs/platform_run_report.json");
    for (String piece : List.of("run_completed", "run_report", "reconciliation", "replay_anchors",
        "environment_conformance", "anomaly_summary", "governance_events")) {
      assertThat(evidence.getJsonObject("closure").getJsonObject(piece).getString("stored")).as(piece).isNotBlank();
    }
    assertThat(evidence.getJsonObject("closure").getJsonObject("run_report").getString("local"))
        .endsWith(runId + "/obs/platform_run_report.json");
    assertThat(evidence.getJsonArray("reconciliations")).isNotEmpty();
    assertThat(new JsonObject(get("/v1/ops/runs").body()).getJsonArray("runs")).hasSize(1);

    assertThat(OpenApiRoutes.documented(http.send(HttpRequest.newBuilder(URI.create(base + "/v1/openapi.yaml"))
        .build(), HttpResponse.BodyHandlers.ofString()).body()))
        .isEqualTo(OpenApiRoutes.mounted(rt.http().router()));

    HttpResponse<String> teardown = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/ops/runs/" + runId
        + "/teardown")).header("X-IG-Api-Key", OPERATOR).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(teardown.statusCode()).as(teardown.body()).isEqualTo(202);
    Await.until(Duration.ofSeconds(120), "P12 of " + runId, () -> !List.of("PENDING", "RUNNING").contains(
        new JsonObject(get("/v1/ops/runs/" + runId).body()).getJsonObject("phases").getJsonObject("P12")
            .getString("state")));
    JsonObject p12 = new JsonObject(get("/v1/ops/runs/" + runId).body()).getJsonObject("phases").getJsonObject("P12");
    assertThat(p12.getString("state")).as(p12.encodePrettily()).isEqualTo("PASSED");
    assertThat(new JsonObject(get("/v1/ops/packs").body()).getJsonArray("packs"))
        .extracting(p -> ((JsonObject) p).getString("state")).containsOnly("STOPPED");
    Path runFolder = dir.resolve("fraud-platform").resolve(runId);
    Path objects = dir.resolve("objects/fraud-platform").resolve(runId);
    assertThat(dev.fp.platform.JsonFiles.read(dir.resolve("fraud-platform/operate/embedded_control_ingress_v0/status/"
        + "last_status.json"))).containsEntry("state", "STOPPED");
    Map<String, String> before = listing(runFolder, objects);
    await(rt.shutdown());
    assertThat(listing(runFolder, objects)).isEqualTo(before);
  }

  /** Every file under the roots: path → size, modification time and content hash. */
  private static Map<String, String> listing(Path... roots) throws Exception {
    Map<String, String> out = new java.util.TreeMap<>();
    for (Path root : roots) {
      try (java.util.stream.Stream<Path> all = java.nio.file.Files.walk(root)) {
        for (Path p : all.filter(java.nio.file.Files::isRegularFile).toList()) {
          out.put(p.toString(), java.nio.file.Files.size(p) + " " + java.nio.file.Files.getLastModifiedTime(p)
              .toMillis() + " " + dev.fp.contract.Hashing.sha256Hex(java.nio.file.Files.readAllBytes(p)));
        }
      }
    }
    return out;
  }

  @Test
  void shouldAnswer404ForUnknownRunAnd400ForBadId() throws Exception {
    assertThat(get("/v1/ops/runs/platform_20200101T000000Z").statusCode()).isEqualTo(404);
    assertThat(get("/v1/ops/runs/../etc").statusCode()).isIn(400, 404);
    assertThat(get("/v1/ops/runs/bogus").statusCode()).isEqualTo(400);
  }

  @Test
  void shouldParseOptionalFields() {
    assertThat(RunsApi.parse(new JsonObject("{\"max_events_per_output\":200,\"mode\":\"baseline\",\"speedup\":600,"
        + "\"equivalence_key\":\"k1\"}"))).satisfies(o -> {
          assertThat(o.capPerOutput()).isEqualTo(200);
          assertThat(o.mode()).isEqualTo("baseline");
          assertThat(o.speedup()).isEqualTo(600.0);
          assertThat(o.equivalenceKey()).isEqualTo("k1");
        });
    assertThatThrownBy(() -> RunsApi.parse(new JsonObject("{\"max_events_per_output\":\"20\"}")))
        .hasMessageContaining("required integer");
  }
}
