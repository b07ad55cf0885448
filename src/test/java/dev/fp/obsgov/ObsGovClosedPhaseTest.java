package dev.fp.obsgov;


import dev.fp.testing.FpCli;
import dev.fp.contract.PlatformRunIds;
import dev.fp.ingress.ig.IgCountersEndpoint;
import dev.fp.obsgov.governance.GovernanceReader;
import dev.fp.obsgov.governance.GovernanceWriterVerticle;
import dev.fp.obsgov.governance.core.GovernanceQuery;
import dev.fp.obsgov.report.ReporterLock;
import dev.fp.obsgov.report.core.Components;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.Substrate;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.platform.supervisor.RunOptions;
import dev.fp.testing.ConfDirs;
import dev.fp.testing.TestClock;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.fp.testing.Await.await;
import static dev.fp.testing.FpCli.fp;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * P11 end to end on the embedded profile: a real Gate-20 run (`fp run --cap 20`) passes P0..P11. The test then drives
 * the P11 handler again on that run, with the governance writer deployed as the obs_gov pack deploys it: with the
 * label store's files turned RED and without accepted labels (a fixture over the real files) the closeout fails on
 * exactly those checks; with the real files back the retry passes every strict-closeout check, and every governance
 * event stays recorded once. A manual {@code fp report} is refused while another reporter holds the run's lock.
 */
class ObsGovClosedPhaseTest {
  @TempDir
  Path dir;

  /** The profile the run uses, named {@code t}: embedded here; parity in {@code ParityObsGovClosedPhaseTest}. */
  protected String substrateYaml() {
    return "";
  }

  /** Called once the test is done with the run (parity drops its schema). */
  protected void cleanUp() throws Exception {
  }
  private Vertx vertx;
  private Substrate substrate;

  @AfterEach
  void close() throws Exception {
    if (substrate != null) {
      await(substrate.close());
    }
    if (vertx != null) {
      await(vertx.close());
    }
    cleanUp();
  }

  private Path conf() throws Exception {
    Path conf = ConfDirs.withProfile(dir.resolve("conf"), "t", "profile: t\nruns_root: " + dir.resolve("runs")
        + "\n" + substrateYaml() + "http:\n  port: 0\nsecurity:\n  auth_mode: api_key\n"
        + "components:\n  supervisor:\n    api_key: local-parity-operator\n"
        + "  ig:\n    policy_id: ig_policy\n    policy_revision: v0\n");
    // conformance compares the two real profiles, read from the configuration folder
    for (String profile : List.of("embedded.yaml", "local_parity.yaml")) {
      Files.copy(Path.of("conf", profile), conf.resolve(profile), StandardCopyOption.REPLACE_EXISTING);
    }
    return conf;
  }

  /** Turns the label store's real health and metrics files into a RED one without accepted labels. */
  private static void breakLabelStoreFiles(Path runRoot) {
    // exported "now": P11 waits for files written after it began (on the test clock, the run's start)
    String at = dev.fp.contract.Timestamps.now(java.time.Clock.systemUTC());
    Map<String, Object> m = Map.of("accepted", 0, "pending", 0, "rejected", 0);
    JsonFiles.write(runRoot.resolve(Components.metricsFile(Components.LS)), ObsSamples.metricsDoc(at, m));
    JsonFiles.write(runRoot.resolve(Components.healthFile(Components.LS)), ObsSamples.healthDoc(at, "RED", m));
  }

  /** The operator routes: 401 without a key, 403 for a producer's key, the run's events and conformance with one. */
  private void assertOperatorRoutes(PlatformConfig cfg, String runId) throws Exception {
    var keyLines = cfg.readConfLines(cfg.apiKeysFile());
    var keys = dev.fp.platform.auth.ApiKeys.parse("keys", keyLines);
    var byPrincipal = dev.fp.platform.auth.ApiKeys.keysByPrincipal("keys", keyLines);
    io.vertx.ext.web.Router router = io.vertx.ext.web.Router.router(vertx);
    new ObsGovApi(vertx, substrate, java.time.Clock.systemUTC(), keys).mount(router);
    var server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    try {
      var http = java.net.http.HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.actualPort() + "/v1/ops/runs/" + runId;
      java.util.function.BiFunction<String, String, java.net.http.HttpResponse<String>> get = (path, key) -> {
        var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path));
        if (key != null) {
          b.header(dev.fp.platform.http.OperatorKey.HEADER, key);
        }
        try {
          return http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      };
      assertThat(get.apply("/governance", null).statusCode()).isEqualTo(401);
      assertThat(get.apply("/governance", byPrincipal.get("SYSTEM::world_stream_producer")).statusCode())
          .isEqualTo(403);
      var events = get.apply("/governance?family=RUN_STARTED&limit=5", byPrincipal.get("HUMAN::operator"));
      assertThat(events.statusCode()).isEqualTo(200);
      assertThat(events.body()).contains("RUN_STARTED").doesNotContain("RUN_ENDED");
      var conformance = get.apply("/conformance", byPrincipal.get("HUMAN::operator"));
      assertThat(conformance.statusCode()).isEqualTo(200);
      assertThat(conformance.body()).contains("\"status\":\"PASS\"");
    } finally {
      await(server.close());
    }
  }

  @Test
  void shouldCloseAGate20RunFailOnARedLabelStorePassTheRetryAndRefuseASecondReporter() throws Exception {
    Path conf = conf();
    FpCli.Result run = fp("run", "--cap", "20", "--profile", "t", "--config-dir", conf.toString());
    assertThat(run.out()).as(run.err()).contains("result: PASSED at P11 OBS_GOV_CLOSED");
    assertThat(run.code()).isEqualTo(0);
    Path platform = dir.resolve("runs/fraud-platform");
    String runId = Files.readString(platform.resolve("ACTIVE_RUN_ID")).strip();
    Path runRoot = platform.resolve(runId);

    vertx = Vertx.vertx();
    PlatformConfig cfg = ConfigLoader.load("t", conf, Map.of());
    substrate = await(Substrate.open(vertx, cfg));
    TestClock clock = new TestClock(PlatformRunIds.parse(runId));
    await(vertx.deployVerticle(new GovernanceWriterVerticle(substrate, clock)));
    RunContext ctx = new RunContext(vertx, substrate, new RunOptions(20, "fraud", null, 0), clock, runId);
    // no IG runs in this process: the closeout serves IG's counters from the stopped run's durable tables, as the
    // composition root wires P11
    AtomicBoolean served = new AtomicBoolean();
    ObsGovClosedPhase p11 = new ObsGovClosedPhase(Duration.ofSeconds(60), r -> r.substrate().stateStore()
        .compose(state -> IgCountersEndpoint.serveIfAbsent(r.vertx(), state)).onSuccess(s -> served.compareAndSet(
            false, s)));

    Path lsHealth = runRoot.resolve(Components.healthFile(Components.LS));
    Path lsMetrics = runRoot.resolve(Components.metricsFile(Components.LS));
    byte[] realHealth = Files.readAllBytes(lsHealth);
    byte[] realMetrics = Files.readAllBytes(lsMetrics);
    breakLabelStoreFiles(runRoot);
    await(p11.enter(ctx));
    List<GateCheck> first = await(p11.gate(ctx));
    assertThat(served).as("IG's counters served here, once").isTrue();
    assertThat(first.stream().filter(c -> !c.pass()).map(GateCheck::name).toList())
        .containsExactlyInAnyOrder("health_green:label_store", "label_store:accepted_positive");

    Files.write(lsHealth, realHealth);
    Files.write(lsMetrics, realMetrics);
    String evidence = await(p11.enter(ctx));
    List<GateCheck> retry = await(p11.gate(ctx));

    assertThat(retry.stream().filter(c -> !c.pass()).map(GateCheck::explain).toList()).isEmpty();
    assertThat(retry).extracting(GateCheck::name).contains("environment_conformance_pass", "governance_run_ended",
        "wsp_emitted_cap:s3_event_stream_with_fraud_6B");
    assertThat(evidence).isEqualTo(runRoot.resolve("obs/platform_run_report.json").toString());
    for (String f : List.of("run_completed.json", "obs/reconciliation.json", "obs/replay_anchors.json",
        "obs/environment_conformance.json", "obs/anomaly_summary.json", "obs/run_report.json")) {
      assertThat(runRoot.resolve(f)).as(f).isRegularFile();
      assertThat(await(substrate.objectStore().head(ObsKeys.BUCKET, ObsKeys.key(runId, f)))).as(f).isPresent();
    }
    Map<String, Object> report = JsonFiles.read(runRoot.resolve("obs/platform_run_report.json"));
    assertThat((Map<String, Object>) report.get("ingress")).containsEntry("sent", 80)
        .containsEntry("received_from_wsp", 80);
    // 4 × 20 streamed + decision, intent and outcome per traffic event + CT's case triggers
    assertThat(((Number) ((Map<String, Object>) report.get("ingress")).get("admit")).intValue()).isGreaterThan(140);
    assertThat(JsonFiles.read(runRoot.resolve("obs/reconciliation.json")).get("status")).isEqualTo("PASS");
    Map<Object, Long> families = await(GovernanceReader.query(substrate.objectStore(), runId,
        new GovernanceQuery(null, null, 0))).stream().collect(java.util.stream.Collectors.groupingBy(
            e -> e.get("event_family"), java.util.stream.Collectors.counting()));
    Map<String, Object> resolution = (Map<String, Object>) ((Map<String, Object>) report.get("basis"))
        .get("evidence_ref_resolution");
    assertThat(resolution).containsEntry("denied", 0);
    assertThat(((Number) resolution.get("attempted")).longValue()).isPositive();
    assertThat(families).as("once each (per ref for the resolutions), whatever the retries").isEqualTo(Map.of(
        "RUN_READY_SEEN", 1L, "POLICY_REV_CHANGED", 1L, "RUN_STARTED", 1L, "RUN_REPORT_GENERATED", 1L,
        "RUN_ENDED", 1L, "EVIDENCE_REF_RESOLVED", ((Number) resolution.get("attempted")).longValue()));

    FpCli.Result query = fp("governance", "query", "--run", runId, "--family", "run_ended", "--profile", "t",
        "--config-dir", conf.toString());
    assertThat(query.code()).as(query.err()).isEqualTo(0);
    assertThat(query.out()).contains("\"event_family\" : \"RUN_ENDED\"").doesNotContain("RUN_STARTED");
    FpCli.Result conformance = fp("conformance", "--run", runId, "--profile", "t", "--config-dir", conf.toString());
    assertThat(conformance.code()).as(conformance.out() + conformance.err()).isEqualTo(0);
    assertThat(conformance.out()).contains("environment conformance of " + runId + ": PASS");
    assertOperatorRoutes(cfg, runId);

    ReporterLock.Lease held = await(ReporterLock.of(vertx, substrate).acquire(runId, "fp platform_run_reporter test"));
    try {
      FpCli.Result manual = fp("report", "--run", runId, "--profile", "t", "--config-dir", conf.toString());
      assertThat(manual.code()).isEqualTo(3);
      assertThat(manual.err()).contains("REPORTER_LOCK_NOT_ACQUIRED:reporter:" + runId)
          .contains("fp platform_run_reporter test");
    } finally {
      await(held.release());
    }
    await(substrate.close()); // the embedded state store has one owner: the manual report's process
    substrate = null;
    FpCli.Result manual = fp("report", "--run", runId, "--profile", "t", "--config-dir", conf.toString());
    assertThat(manual.code()).as(manual.err()).isEqualTo(0);
    assertThat(manual.out()).contains("environment conformance: PASS").containsPattern("\"admit\":[1-9][0-9]+");
  }
}
