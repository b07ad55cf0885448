package dev.fp.ops;

import dev.fp.platform.JsonFiles;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.RunService;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.supervisor.Phase;
import dev.fp.testing.Await;
import dev.fp.testing.ScriptedCatalog;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's actions over HTTP on a real embedded platform whose P3..P11 are scripted ({@link ScriptedCatalog}):
 * each of the seed's retry loops, the refusals with their reasons, pack control, and the P12 teardown after which
 * nothing writes to the run scope.
 */
class OperatorActionsTest {
  static final String OPERATOR = "local-parity-operator";
  static final String PRODUCER = "local-parity-wsp";
  @TempDir
  Path dir;
  PlatformRuntime rt;
  String base;
  final HttpClient http = HttpClient.newHttpClient();

  private void start(ScriptedCatalog catalog) throws Exception {
    rt = await(PlatformRuntime.start(ConfigLoader.load("embedded", null,
        Map.of("FP_RUNS_ROOT", dir.toString(), "FP_HTTP_PORT", "0")), Clock.systemUTC(), catalog));
    await(RunsApi.mount(rt, new RunService(rt)));
    rt.markStarted();
    base = "http://127.0.0.1:" + rt.http().actualPort();
  }

  @AfterEach
  void stop() throws Exception {
    if (rt != null) {
      await(rt.shutdown());
    }
  }

  private HttpResponse<String> post(String key, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-IG-Api-Key", key)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonObject get(String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-IG-Api-Key", OPERATOR)
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  private String startRun(String body) throws Exception {
    HttpResponse<String> r = post(OPERATOR, "/v1/ops/runs", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return new JsonObject(r.body()).getString("platform_run_id");
  }

  /** Waits until the run is no longer RUNNING in the store and returns the run document. */
  private JsonObject settled(String runId) throws Exception {
    Await.until(Duration.ofSeconds(60), runId + " settled", () -> !"RUNNING".equals(
        get("/v1/ops/runs/" + runId).getJsonObject("run").getString("status")));
    return get("/v1/ops/runs/" + runId);
  }

  private static String state(JsonObject run, Phase p) {
    return run.getJsonObject("phases").getJsonObject(p.name()).getString("state");
  }

  private JsonObject refused(HttpResponse<String> r, int status, String code) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonObject body = new JsonObject(r.body());
    assertThat(body.getString("error")).isEqualTo(code);
    return body;
  }

  /** Retries the stopped run, then waits until its new attempt has stopped too. */
  private JsonObject retried(String runId, String body) throws Exception {
    HttpResponse<String> r = post(OPERATOR, "/v1/ops/runs/" + runId + "/retries", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(r.headers().firstValue("Location")).hasValue("/v1/ops/runs/" + runId);
    return settled(runId);
  }

  @Test
  void shouldRetryEachOfTheSeedsLoopsAtTheStopAndRefuseEveryOtherRetryWithItsReason() throws Exception {
    ScriptedCatalog script = new ScriptedCatalog().failing(Phase.P3, 1).failing(Phase.P5, 1).failing(Phase.P6, 1)
        .failing(Phase.P11, 1);
    start(script);
    String runId = startRun("{\"max_events_per_output\":20}");
    JsonObject run = settled(runId);
    assertThat(state(run, Phase.P3)).isEqualTo("FAILED");
    assertThat(run.getJsonObject("run").getString("status")).isEqualTo("GATE_FAILED");

    assertThat(refused(post(PRODUCER, "/v1/ops/runs/" + runId + "/retries", "{\"phase\":\"P3\"}"), 403, "FORBIDDEN"))
        .isNotNull();
    assertThat(refused(post(OPERATOR, "/v1/ops/runs/" + runId + "/retries", "{\"phase\":\"P7\"}"), 409,
        "RETRY_NOT_ALLOWED").getString("detail")).startsWith("P7 INGEST_COMMITTED is not a retry loop of the seed")
        .contains("receipts are evidence and are never deleted");
    assertThat(refused(post(OPERATOR, "/v1/ops/runs/" + runId + "/retries", "{\"phase\":\"P2\"}"), 409,
        "RETRY_NOT_ALLOWED").getString("detail")).contains("restart the packs");
    assertThat(refused(post(OPERATOR, "/v1/ops/runs/" + runId + "/retries", "{\"phase\":\"P5\"}"), 409,
        "RETRY_NOT_AT_STOP").getString("detail")).contains("stopped at P3 ORACLE_READY (FAILED), not at P5");
    refused(post(OPERATOR, "/v1/ops/runs/" + runId + "/retries", "{\"phase\":\"P3\",\"new_key\":true}"), 400,
        "RETRY_PARAMETER");
    refused(post(OPERATOR, "/v1/ops/runs/" + runId + "/retries", "{\"phase\":\"P9X\"}"), 400, "BAD_REQUEST");
    refused(post(OPERATOR, "/v1/ops/runs/platform_20200101T000000Z/retries", "{\"phase\":\"P3\"}"), 409,
        "RUN_NOT_ACTIVE");

    // P3 per output_id
    run = retried(runId, "{\"phase\":\"P3\",\"reset_outputs\":[\"s3_event_stream_with_fraud_6B\"]}");
    assertThat(script.of(Phase.P3)).extracting(ScriptedCatalog.Attempt::previousState,
        ScriptedCatalog.Attempt::resetOutputs).containsExactly(
        org.assertj.core.groups.Tuple.tuple("PENDING", List.of()),
        org.assertj.core.groups.Tuple.tuple("FAILED", List.of("s3_event_stream_with_fraud_6B")));
    assertThat(state(run, Phase.P3)).isEqualTo("PASSED");
    assertThat(state(run, Phase.P5)).isEqualTo("FAILED");

    // P5 with a new equivalence key
    run = retried(runId, "{\"phase\":\"P5\",\"new_key\":true}");
    assertThat(script.of(Phase.P5).get(1).newKey()).isTrue();
    assertThat(state(run, Phase.P6)).isEqualTo("FAILED");

    // P6 with the run's caps
    refused(post(OPERATOR, "/v1/ops/runs/" + runId + "/retries", "{\"phase\":\"P6\",\"max_events_per_output\":50}"),
        400, "BAD_REQUEST");
    run = retried(runId, "{\"phase\":\"P6\",\"max_events_per_output\":20}");
    assertThat(script.of(Phase.P6)).extracting(ScriptedCatalog.Attempt::cap).containsExactly(20L, 20L);
    assertThat(state(run, Phase.P11)).isEqualTo("FAILED");

    // P11 only while the reporter is not running
    HttpResponse<String> busy = post(OPERATOR, "/v1/ops/runs/" + runId + "/retries", "{\"phase\":\"P11\"}");
    assertThat(refused(busy, 409, "REPORTER_RUNNING").getString("detail")).contains("[reporter]");
    assertThat(busy.headers().firstValue("Retry-After")).hasValue("30");
    HttpResponse<String> down = post(OPERATOR, "/v1/ops/packs/obs_gov/down", "");
    assertThat(down.statusCode()).isEqualTo(202);
    assertThat(down.headers().firstValue("Location")).hasValue("/v1/ops/packs/obs_gov");
    Await.until(Duration.ofSeconds(30), "obs_gov down", () -> "DONE".equals(
        get("/v1/ops/packs/obs_gov").getJsonObject("last_action").getString("status")));
    assertThat(get("/v1/ops/packs/obs_gov").getString("state")).isEqualTo("STOPPED");
    run = retried(runId, "{\"phase\":\"P11\"}");
    assertThat(state(run, Phase.P11)).isEqualTo("PASSED");
    assertThat(run.getJsonObject("run").getString("status")).isEqualTo("PASSED");
    assertThat(run.getJsonObject("phases").getJsonObject("P11").getInteger("attempts")).isEqualTo(2);
    assertThat(state(run, Phase.P12)).isEqualTo("PENDING");
  }

  @Test
  void shouldListPacksAndRunsAndRefusePackActionsOutsideTheCatalog() throws Exception {
    start(new ScriptedCatalog());
    refused(post(OPERATOR, "/v1/ops/packs/rtdl_core/up", ""), 409, "NO_ACTIVE_RUN");
    String runId = startRun("{\"max_events_per_output\":20}");
    settled(runId);
    assertThat(get("/v1/ops/packs").getJsonArray("packs")).extracting(p -> ((JsonObject) p).getString("pack") + "="
        + ((JsonObject) p).getString("state")).containsExactly("rtdl_core=RUNNING", "obs_gov=RUNNING");
    refused(post(OPERATOR, "/v1/ops/packs/nope/up", ""), 404, "PACK_NOT_FOUND");
    refused(post(PRODUCER, "/v1/ops/packs/rtdl_core/restart", ""), 403, "FORBIDDEN");
    assertThat(post(OPERATOR, "/v1/ops/packs/rtdl_core/restart", "").statusCode()).isEqualTo(202);
    Await.until(Duration.ofSeconds(30), "rtdl_core restarted", () -> "DONE".equals(
        get("/v1/ops/packs/rtdl_core").getJsonObject("last_action").getString("status")));
    assertThat(get("/v1/ops/packs/rtdl_core").getString("state")).isEqualTo("RUNNING");
    JsonObject list = get("/v1/ops/runs?limit=5");
    assertThat(list.getString("active_platform_run_id")).isEqualTo(runId);
    assertThat(list.getJsonArray("runs")).extracting(r -> ((JsonObject) r).getString("platform_run_id"))
        .containsExactly(runId);
    assertThat(get("/v1/ops/runs/" + runId).getJsonObject("counters")).isNotNull();
  }

  @Test
  void shouldTearDownAfterP11PassesAndWriteNothingToTheRunScopeAfterwards() throws Exception {
    start(new ScriptedCatalog());
    String runId = startRun("{\"max_events_per_output\":20,\"teardown\":true}");
    Await.until(Duration.ofSeconds(60), "P12 recorded", () -> !List.of("PENDING", "RUNNING")
        .contains(state(get("/v1/ops/runs/" + runId), Phase.P12)));
    JsonObject run = get("/v1/ops/runs/" + runId);
    for (Phase p : Phase.values()) {
      assertThat(state(run, p)).as(p.label()).isEqualTo("PASSED");
    }
    JsonObject p12 = run.getJsonObject("phases").getJsonObject("P12");
    assertThat(p12.getString("commit_evidence_ref")).endsWith(runId + "/supervisor/p12_teardown.json");
    assertThat(p12.getJsonArray("gate_checks")).extracting(c -> ((JsonObject) c).getString("name")).containsExactly(
        "pack_stopped:rtdl_core", "status_captured:rtdl_core", "no_process_deployed:rtdl_core",
        "pack_stopped:obs_gov", "status_captured:obs_gov", "no_process_deployed:obs_gov", "run_scope_unchanged");
    Path platform = dir.resolve("fraud-platform");
    Map<String, Object> evidence = JsonFiles.read(platform.resolve(runId).resolve("supervisor/p12_teardown.json"));
    assertThat(evidence.get("stop_order")).isEqualTo(List.of("obs_gov", "rtdl_core"));
    assertThat(JsonFiles.read(platform.resolve("operate/embedded_rtdl_core_v0/status/last_status.json")))
        .containsEntry("state", "STOPPED").containsEntry("active_platform_run_id", runId);
    // the heartbeat wrote to the run scope while its pack ran
    Path objects = dir.resolve("objects/fraud-platform").resolve(runId);
    assertThat(platform.resolve(runId).resolve("heartbeat/beat.txt")).exists();
    assertThat(objects.resolve("heartbeat/beat")).exists();

    refused(post(OPERATOR, "/v1/ops/packs/rtdl_core/up", ""), 409, "RUN_DONE");
    refused(post(OPERATOR, "/v1/ops/runs/" + runId + "/teardown", ""), 409, "RUN_DONE");
    refused(post(OPERATOR, "/v1/ops/runs/" + runId + "/retries", "{\"phase\":\"P11\"}"), 409, "RUN_DONE");
    Map<String, String> before = listing(platform.resolve(runId), objects);
    await(rt.shutdown()); // everything this process could still write is flushed and closed
    rt = null;
    assertThat(listing(platform.resolve(runId), objects)).isEqualTo(before);
  }

  @Test
  void shouldTearDownOnRequestARunStoppedBeforeP11() throws Exception {
    start(new ScriptedCatalog().failing(Phase.P8, 1));
    String runId = startRun("{\"max_events_per_output\":20,\"teardown\":true}");
    assertThat(state(settled(runId), Phase.P8)).isEqualTo("FAILED");
    assertThat(state(get("/v1/ops/runs/" + runId), Phase.P12)).isEqualTo("PENDING"); // teardown only after P11 PASS
    assertThat(get("/v1/ops/packs/rtdl_core").getString("state")).isEqualTo("RUNNING");
    refused(post(OPERATOR, "/v1/ops/runs/platform_20200101T000000Z/teardown", ""), 409, "RUN_NOT_ACTIVE");

    HttpResponse<String> r = post(OPERATOR, "/v1/ops/runs/" + runId + "/teardown", "");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    Await.until(Duration.ofSeconds(30), "P12 passed", () -> "PASSED".equals(state(get("/v1/ops/runs/" + runId),
        Phase.P12)));
    assertThat(get("/v1/ops/packs").getJsonArray("packs")).extracting(p -> ((JsonObject) p).getString("state"))
        .containsOnly("STOPPED");
    JsonObject run = get("/v1/ops/runs/" + runId);
    assertThat(state(run, Phase.P8)).isEqualTo("FAILED");
    assertThat(run.getJsonObject("run").getString("status")).isEqualTo("GATE_FAILED");
  }

  /** Every file under the roots: relative path → size, modification time and content hash. */
  private static Map<String, String> listing(Path... roots) throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (Path root : roots) {
      try (Stream<Path> all = Files.walk(root)) {
        for (Path p : all.filter(Files::isRegularFile).toList()) {
          out.put(p.toString(), Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis() + " "
              + dev.fp.contract.Hashing.sha256Hex(Files.readAllBytes(p)));
        }
      }
    }
    return out;
  }
}
