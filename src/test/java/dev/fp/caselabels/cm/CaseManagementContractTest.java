package dev.fp.caselabels.cm;

import dev.fp.caselabels.cm.core.CmCounters;
import dev.fp.caselabels.cm.core.IntakeCommit;
import dev.fp.caselabels.cm.store.CmTables;
import dev.fp.contract.CanonicalJson;
import dev.fp.ops.CasesApi;
import dev.fp.platform.auth.ApiKeys;
import dev.fp.platform.query.CaseQueryClient;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import dev.fp.contract.PlatformRunIds;
import dev.fp.platform.Catalog;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.SubstrateBootstrap;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.core.Counters;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.platform.supervisor.RunOptions;
import dev.fp.substrate.eventlog.OutRecord;
import dev.fp.substrate.eventlog.TopicPartition;
import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.KeyValue;
import dev.fp.substrate.state.StateStore;
import dev.fp.substrate.state.StateStores;
import dev.fp.substrate.state.Table;
import dev.fp.substrate.state.WriteBatch;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static dev.fp.caselabels.cm.CmSamples.CASE_TOPIC;
import static dev.fp.caselabels.cm.CmSamples.RUN;
import static dev.fp.platform.stream.StreamPlatform.eventually;
import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Case Management on the real log and StateStore, with the LS writer boundary answering on the event bus: one case per
 * subject, one label per case decided by LS — also when LS is away (PENDING, retried, then ACCEPTED or REJECTED at the
 * retry limit), when the process dies between the intake and the LS call or between LS's answer and the commit, and
 * when the case topic is read again from trim_horizon. Each profile's test says which substrate.
 */
abstract class CaseManagementContractTest {
  static final Duration WITHIN = Duration.ofSeconds(60);

  @TempDir
  Path dir;
  PlatformRuntime runtime;
  TestLabelStore ls;
  CaseManagementVerticle cm;
  String cmDeployment;

  /** The {@code substrate:} section (YAML) of the profile under test, "" for embedded. */
  abstract String substrate();

  @AfterEach
  void stop() throws Exception {
    if (cmDeployment != null) {
      await(runtime.vertx().undeploy(cmDeployment));
    }
    await(ls.down());
    await(runtime.shutdown());
  }

  void start(int maxRetryAttempts) throws Exception {
    Files.createDirectories(dir.resolve("policies"));
    for (String p : List.of("class_map_v0.yaml", "partitioning_profiles_v0.yaml", "schema_policy_v0.yaml")) {
      Files.copy(Path.of("conf/policies").resolve(p), dir.resolve("policies").resolve(p));
    }
    Files.createDirectories(dir.resolve("cm"));
    String policy = Files.readString(Path.of("conf/cm/label_emission_v0.yaml"))
        .replace("max_retry_attempts: 3", "max_retry_attempts: " + maxRetryAttempts)
        .replace("retry_backoff_seconds: 5", "retry_backoff_seconds: 1");
    Files.writeString(dir.resolve("cm/label_emission_v0.yaml"), policy);
    Files.createDirectories(dir.resolve("ls"));
    Files.copy(Path.of("conf/ls/taxonomy_v0.yaml"), dir.resolve("ls/taxonomy_v0.yaml"));
    Files.writeString(dir.resolve("keys.txt"), "k-op principal=HUMAN::operator classes=* roles=operator\n"
        + "k-al principal=SYSTEM::action_layer classes=rtdl_action_outcome\n");
    Files.writeString(dir.resolve("t.yaml"), "profile: t\nruns_root: " + dir.resolve("runs") + "\n" + substrate()
        + "http:\n  port: 0\nsecurity:\n  api_keys_file: keys.txt\n"
        + "components:\n  cm:\n    poll_interval_ms: 50\n    artifact_interval_ms: 100\n    label_retry_tick_ms: 50\n"
        + "    ls_timeout_ms: 2000\n");
    PlatformConfig cfg = ConfigLoader.load("t", dir, Map.of());
    PlatformRunIds.pin(cfg.runsRoot(), RUN);
    runtime = await(PlatformRuntime.start(cfg, Clock.systemUTC(), Catalog.NONE));
    await(new SubstrateBootstrap(runtime.substrate()).bootstrap());
    ls = new TestLabelStore(runtime.vertx());
  }

  void deployCm(UnaryOperator<EffectRunner<IntakeCommit>> decorate) throws Exception {
    cm = new CaseManagementVerticle(runtime.services(), RUN,
        CmConfig.from(runtime.services().config().components().section("cm")), null, decorate);
    cmDeployment = await(runtime.vertx().deployVerticle(cm));
  }

  void undeployCm() throws Exception {
    await(runtime.vertx().undeploy(cmDeployment));
    cmDeployment = null;
  }

  /** Triggers 0..n-1 of the run on the case topic (each its own subject). */
  List<Map<String, Object>> publish(int n) throws Exception {
    List<Map<String, Object>> triggers = new ArrayList<>();
    List<OutRecord> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> t = CmSamples.trigger(RUN, i);
      triggers.add(t);
      records.add(new OutRecord((String) t.get("case_id"), CanonicalJson.write(CmSamples.envelope(t))));
    }
    await(runtime.substrate().eventLog().publish(CASE_TOPIC, records));
    return triggers;
  }

  Counters counters() {
    return cm.shell().counters();
  }

  Map<String, Object> metrics() {
    Path file = runtime.services().config().platformRoot().resolve(RUN).resolve("case_mgmt/metrics/last_metrics.json");
    return file.toFile().isFile() ? JsonFiles.read(file) : Map.of();
  }

  long metric(String name) {
    return metrics().get("metrics") instanceof Map<?, ?> m && m.get(name) instanceof Number v ? v.longValue() : -1;
  }

  StateStore store() {
    return unchecked(runtime.substrate().stateStore());
  }

  <K, V> List<KeyValue<K, V>> rows(Table<K, V> table) {
    return unchecked(store().scan(table, KeyRange.prefix(CmTables.runPrefix(RUN)), StateStores.MAX_SCAN_LIMIT));
  }

  /** {@code await} for conditions polled by {@code eventually}. */
  static <T> T unchecked(Future<T> f) {
    try {
      return await(f);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  long emissions(String status) {
    return rows(CmTables.EMISSIONS).stream().filter(kv -> kv.value().status().equals(status)).count();
  }

  long timelineOf(String type) {
    return rows(CmTables.TIMELINE).stream().filter(kv -> type.equals(kv.value().event().get("timeline_event_type")))
        .count();
  }

  List<GateCheck> closeout() throws Exception {
    RunContext run = new RunContext(runtime.vertx(), runtime.substrate(), new RunOptions(20, "fraud", null, 0),
        Clock.systemUTC(), RUN);
    return await(CaseManagement.closeout(run));
  }

  @Test
  void shouldOpenOneCasePerSubjectAndHaveEachLabelAcceptedByLs() throws Exception {
    start(3);
    await(ls.up());
    deployCm(UnaryOperator.identity());
    List<Map<String, Object>> triggers = publish(10);
    // a second trigger on the subject of trigger 0 (another decision): same case, its own label
    Map<String, Object> again = CmSamples.trigger(RUN, "f".repeat(32), "evt_0", "2026-01-01T00:00:07.000000Z");
    await(runtime.substrate().eventLog().publish(CASE_TOPIC, List.of(new OutRecord("k",
        CanonicalJson.write(CmSamples.envelope(again))))));

    eventually(WITHIN, "11 labels accepted", () -> counters().get(CmCounters.LABELS_ACCEPTED) == 11);
    assertThat(counters().get(CmCounters.CASES_CREATED)).isEqualTo(10);
    assertThat(counters().get(CmCounters.TRIGGERS_NEW)).isEqualTo(11);
    assertThat(rows(CmTables.CASES)).hasSize(10);
    assertThat(emissions("ACCEPTED")).isEqualTo(11);
    assertThat(rows(CmTables.PENDING)).isEmpty();
    assertThat(ls.writes()).hasSize(11).doesNotHaveDuplicates();
    assertThat(timelineOf("LABEL_ACCEPTED")).isEqualTo(11);
    eventually(WITHIN, "metrics with 10 cases", () -> metric(CmCounters.CASES_CREATED) == 10
        && metric("labels_pending") == 0 && metric(CmCounters.LABELS_ACCEPTED) == 11);
    assertThat(JsonFiles.read(runtime.services().config().platformRoot().resolve(RUN)
        .resolve("case_mgmt/health/last_health.json"))).containsEntry("health_state", "GREEN");
    assertThat(closeout()).allMatch(GateCheck::pass);

    Map<String, Object> detail = await(CmReads.caseDetail(store(), RUN, (String) triggers.get(0).get("case_id")));
    assertThat(((Map<?, ?>) detail.get("projection")).get("status")).isEqualTo("RESOLVED");
    assertThat((List<?>) detail.get("timeline")).hasSize(6);
    assertThat((List<?>) detail.get("labels")).hasSize(2);
    assertThat(await(CmReads.cases(store(), RUN, "RESOLVED", 100))).hasSize(10);
    assertThat(await(CmReads.cases(store(), RUN, "LABEL_PENDING", 100))).isEmpty();
    assertThat(await(CmReads.cases(store(), RUN, null, 3))).hasSize(3);
  }

  @Test
  void shouldChangeNothingWhenTheCaseTopicIsReadAgainFromTrimHorizon() throws Exception {
    start(3);
    await(ls.up());
    deployCm(UnaryOperator.identity());
    publish(8);
    eventually(WITHIN, "8 labels accepted", () -> counters().get(CmCounters.LABELS_ACCEPTED) == 8);
    var cases = rows(CmTables.CASES);
    var timeline = rows(CmTables.TIMELINE);
    var emissions = rows(CmTables.EMISSIONS);
    var links = rows(CmTables.LINKS);
    undeployCm();
    // A checkpoint of another offset kind makes the shell start the partition over from trim_horizon.
    WriteBatch reset = new WriteBatch();
    int partitions = await(runtime.substrate().eventLog().partitions(CASE_TOPIC));
    for (int p = 0; p < partitions; p++) {
      reset.checkpoint("cm.v0::" + RUN, new TopicPartition(CASE_TOPIC, p), "0", "replayed_kind");
    }
    await(store().commit(reset));

    deployCm(UnaryOperator.identity());
    eventually(WITHIN, "8 duplicates", () -> counters().get(CmCounters.TRIGGERS_DUPLICATE) == 8);
    assertThat(rows(CmTables.CASES)).isEqualTo(cases);
    assertThat(rows(CmTables.EMISSIONS)).isEqualTo(emissions);
    assertThat(rows(CmTables.LINKS)).isEqualTo(links);
    assertThat(rows(CmTables.TIMELINE)).extracting(kv -> kv.value().event())
        .isEqualTo(timeline.stream().map(kv -> kv.value().event()).toList());
    assertThat(counters().get(CmCounters.CASES_CREATED)).isEqualTo(8);
    assertThat(counters().get(CmCounters.LABEL_ASSERTIONS)).isEqualTo(8);
    assertThat(ls.writes()).hasSize(8);
  }

  @Test
  void shouldKeepLabelsPendingWhileLsIsAwayAndRetryThemToAcceptance() throws Exception {
    start(10);
    deployCm(UnaryOperator.identity());     // no LS on the bus
    publish(3);
    eventually(WITHIN, "3 labels pending", () -> rows(CmTables.PENDING).size() == 3);
    assertThat(emissions("PENDING")).isEqualTo(3);
    assertThat(rows(CmTables.EMISSIONS)).allMatch(kv -> "LS_UNAVAILABLE".equals(kv.value().lastReasonCode()));
    assertThat(counters().get(CmCounters.CASES_CREATED)).isEqualTo(3);
    assertThat(await(CmReads.cases(store(), RUN, "LABEL_PENDING", 100))).hasSize(3);
    eventually(WITHIN, "a retry made", () -> cm.retrier().status().counters().get(CmCounters.LABEL_ATTEMPTS) >= 3);
    eventually(WITHIN, "pending labels in metrics", () -> metric("labels_pending") == 3);

    // P10's CM closeout, asked now, waits for the pending labels (none stale yet) instead of failing on them
    Future<List<GateCheck>> closing = CaseManagement.closeout(new RunContext(runtime.vertx(), runtime.substrate(),
        new RunOptions(20, "fraud", null, 0), Clock.systemUTC(), RUN));
    assertThat(closing.isComplete()).isFalse();
    await(ls.up());
    assertThat(await(closing)).allMatch(GateCheck::pass);
    eventually(WITHIN, "3 labels accepted by a retry",
        () -> cm.retrier().status().counters().get(CmCounters.LABELS_ACCEPTED) == 3);
    assertThat(emissions("ACCEPTED")).isEqualTo(3);
    assertThat(rows(CmTables.PENDING)).isEmpty();
    assertThat(ls.writes()).hasSize(3);
    // one LABEL_PENDING per label however many attempts (the reference re-appended one per retry, §8.6)
    assertThat(timelineOf("LABEL_PENDING")).isEqualTo(3);
    assertThat(timelineOf("LABEL_ACCEPTED")).isEqualTo(3);
    eventually(WITHIN, "metrics: nothing pending", () -> metric("labels_pending") == 0
        && metric(CmCounters.LABELS_ACCEPTED) == 3);
    assertThat(closeout()).allMatch(GateCheck::pass);
  }

  @Test
  void shouldRejectALabelWithRetryLimitExceededOnceItsAttemptsAreUsedUp() throws Exception {
    start(2);
    deployCm(UnaryOperator.identity());     // LS never comes
    publish(2);
    eventually(WITHIN, "2 labels rejected", () -> emissions("REJECTED") == 2);
    assertThat(rows(CmTables.EMISSIONS)).allMatch(kv -> kv.value().attemptCount() == 2
        && "RETRY_LIMIT_EXCEEDED".equals(kv.value().lastReasonCode()));
    assertThat(rows(CmTables.PENDING)).isEmpty();
    assertThat(timelineOf("LABEL_PENDING")).isEqualTo(2);
    assertThat(timelineOf("LABEL_REJECTED")).isEqualTo(2);
    assertThat(await(CmReads.cases(store(), RUN, "LABEL_REJECTED", 100))).hasSize(2);
    eventually(WITHIN, "metrics: rejected", () -> metric(CmCounters.LABELS_REJECTED) == 2
        && metric("labels_pending") == 0);
  }

  @Test
  void shouldSubmitALabelExactlyOnceWhenTheProcessDiesAfterTheIntakeBeforeLsIsCalled() throws Exception {
    start(3);
    await(ls.up());
    // every label round "dies" before LS is called: the intake and the PENDING labels are committed, the checkpoint
    // and the counters are not; then the process goes away and a new one starts on the same state
    deployCm(real -> (effects, batch) -> effects.isEmpty() ? real.run(effects, batch)
        : Future.failedFuture(new IllegalStateException("crash before the LS call")));
    publish(5);
    eventually(WITHIN, "5 labels stored, none sent", () -> rows(CmTables.EMISSIONS).size() == 5
        && counters().get(CmCounters.LABEL_ROUND_FAILURES) > 0);
    undeployCm();
    assertThat(ls.writes()).isEmpty();
    assertThat(rows(CmTables.EMISSIONS)).allMatch(kv -> kv.value().pending() && kv.value().attemptCount() == 0);

    deployCm(UnaryOperator.identity());
    eventually(WITHIN, "5 labels accepted", () -> counters().get(CmCounters.LABELS_ACCEPTED) == 5);
    assertThat(counters().get(CmCounters.LABELS_RESUBMITTED)).isEqualTo(5);
    assertThat(counters().get(CmCounters.CASES_CREATED)).isEqualTo(5);
    assertThat(counters().get(CmCounters.TRIGGERS_NEW)).isEqualTo(5);
    assertThat(counters().get(CmCounters.TRIGGERS_DUPLICATE)).isZero();
    assertThat(ls.writes()).hasSize(5).doesNotHaveDuplicates();
    assertThat(rows(CmTables.CASES)).hasSize(5);
    assertThat(timelineOf("LABEL_PENDING")).isEqualTo(5);
    assertThat(timelineOf("LABEL_ACCEPTED")).isEqualTo(5);
    assertThat(rows(CmTables.EMISSIONS)).allMatch(kv -> "ASSERTION_COMMITTED_NEW".equals(kv.value().lastReasonCode()));
    assertThat(closeout()).allMatch(GateCheck::pass);
  }

  @Test
  void shouldNotDoubleALabelWhenTheProcessDiesAfterLsAcceptedBeforeTheCommit() throws Exception {
    start(3);
    await(ls.up());
    // every label round reaches LS, which commits; then CM "dies" before its own commit, and is restarted
    deployCm(real -> (effects, batch) -> real.run(effects, batch).compose(v -> effects.isEmpty()
        ? Future.succeededFuture() : Future.failedFuture(new IllegalStateException("crash after LS answered"))));
    publish(5);
    eventually(WITHIN, "LS took the 5 labels", () -> new HashSet<>(ls.writes()).size() == 5);
    undeployCm();
    assertThat(await(dev.fp.platform.stream.CountersTable.read(store(), RUN, CaseManagement.NAME,
        CmCounters.INTAKE_ALL)).get(CmCounters.LABELS_ACCEPTED)).isZero();

    deployCm(UnaryOperator.identity());
    eventually(WITHIN, "5 labels accepted", () -> counters().get(CmCounters.LABELS_ACCEPTED) == 5);
    assertThat(new HashSet<>(ls.writes())).hasSize(5);
    assertThat(rows(CmTables.EMISSIONS)).allMatch(kv -> "ACCEPTED".equals(kv.value().status())
        && "ASSERTION_REPLAY_MATCH".equals(kv.value().lastReasonCode()) && kv.value().attemptCount() == 1);
    assertThat(timelineOf("LABEL_ACCEPTED")).isEqualTo(5);
    assertThat(rows(CmTables.CASES)).hasSize(5);
    assertThat(counters().get(CmCounters.CASES_CREATED)).isEqualTo(5);
    assertThat(counters().get(CmCounters.LABEL_ASSERTIONS)).isEqualTo(5);
  }

  @Test
  void shouldServeACaseAndTheCasesOfARunToOperatorsOverHttp() throws Exception {
    start(3);
    await(ls.up());
    deployCm(UnaryOperator.identity());
    List<Map<String, Object>> triggers = publish(4);
    eventually(WITHIN, "4 labels accepted", () -> counters().get(CmCounters.LABELS_ACCEPTED) == 4);
    ApiKeys keys = ApiKeys.parse("keys.txt", Files.readAllLines(dir.resolve("keys.txt")));
    new CasesApi(keys, new CaseQueryClient(runtime.vertx(), 10_000), runtime.services().config().runsRoot())
        .mount(runtime.http().router());
    await(CaseQueries.register(runtime.vertx(), () -> runtime.substrate().stateStore()).completion());
    String caseId = (String) triggers.get(2).get("case_id");

    HttpResponse<String> one = get("k-op", "/v1/ops/cases/" + caseId);     // the active run (pinned at start)
    assertThat(one.statusCode()).isEqualTo(200);
    JsonObject body = new JsonObject(one.body());
    assertThat(body.getJsonObject("projection").getString("status")).isEqualTo("RESOLVED");
    // the three events share the trigger's observed time: the lifecycle step orders them, not their ids
    assertThat(body.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("timeline_event_type")))
        .containsExactly("CASE_TRIGGERED", "LABEL_PENDING", "LABEL_ACCEPTED");
    List<String> times = body.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("observed_time"))
        .toList();
    assertThat(times).isSorted();
    assertThat(body.getJsonArray("labels").getJsonObject(0).getString("status")).isEqualTo("ACCEPTED");

    HttpResponse<String> list = get("k-op", "/v1/ops/runs/" + RUN + "/cases?state=RESOLVED&limit=3");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(list.body()).getJsonArray("cases")).hasSize(3);
    assertThat(new JsonObject(get("k-op", "/v1/ops/runs/" + RUN + "/cases?state=NEW").body())
        .getJsonArray("cases")).isEmpty();

    assertThat(error(get("k-op", "/v1/ops/cases/" + "0".repeat(32)), 404)).isEqualTo("CASE_NOT_FOUND");
    assertThat(error(get("k-op", "/v1/ops/cases/xyz"), 400)).isEqualTo("INVALID_CASE_ID");
    assertThat(error(get("k-op", "/v1/ops/cases/" + caseId + "?run=nope"), 400)).isEqualTo("INVALID_RUN_ID");
    assertThat(error(get("k-op", "/v1/ops/runs/" + RUN + "/cases?state=OPEN"), 400)).isEqualTo("INVALID_STATE");
    assertThat(error(get("k-op", "/v1/ops/runs/" + RUN + "/cases?limit=0"), 400)).isEqualTo("INVALID_LIMIT");
    assertThat(error(get("k-op", "/v1/ops/runs/" + RUN + "/cases?limit=x"), 400)).isEqualTo("INVALID_LIMIT");
    assertThat(error(get(null, "/v1/ops/cases/" + caseId), 401)).isEqualTo("UNAUTHORIZED");
    assertThat(error(get("k-al", "/v1/ops/cases/" + caseId), 403)).isEqualTo("FORBIDDEN");
  }

  @Test
  void shouldHaveEveryLabelCommittedOnceByTheRealLabelStoreAcrossACrashAfterItsAnswer() throws Exception {
    start(3);
    String lsDeployment = await(runtime.vertx().deployVerticle(
        new dev.fp.caselabels.ls.LabelStoreVerticle(runtime.services(), RUN)));
    try {
      AtomicInteger rounds = new AtomicInteger();
      deployCm(real -> (effects, batch) -> real.run(effects, batch).compose(v -> !effects.isEmpty()
          && rounds.getAndIncrement() == 0 ? Future.failedFuture(new IllegalStateException("crash after LS answered"))
          : Future.succeededFuture()));
      List<Map<String, Object>> triggers = publish(6);
      eventually(WITHIN, "6 labels accepted", () -> counters().get(CmCounters.LABELS_ACCEPTED) == 6);
      assertThat(rows(CmTables.EMISSIONS)).allMatch(kv -> "ASSERTION_REPLAY_MATCH".equals(kv.value().lastReasonCode())
          && kv.value().assertionRef() != null);
      assertThat(timelineOf("LABEL_ACCEPTED")).isEqualTo(6);
      assertThat(counters().get(CmCounters.CASES_CREATED)).isEqualTo(6);
      dev.fp.platform.query.LabelStoreClient lsClient = new dev.fp.platform.query.LabelStoreClient(runtime.vertx());
      for (Map<String, Object> t : triggers) {
        String eventId = (String) ((Map<?, ?>) t.get("case_subject_key")).get("event_id");
        JsonObject timeline = await(lsClient.timeline(RUN, eventId, "fraud_disposition"));
        assertThat(timeline.getJsonArray("assertions")).as(timeline.encode()).hasSize(1);
        JsonObject asOf = await(lsClient.asOf(RUN, eventId, "fraud_disposition", "2026-01-02T00:00:00.000000Z"));
        assertThat(asOf.getString("status")).isEqualTo("RESOLVED");
        assertThat(asOf.getString("selected_label_value")).isEqualTo("FRAUD_SUSPECTED");
      }
      assertThat(closeout()).allMatch(GateCheck::pass);
    } finally {
      await(runtime.vertx().undeploy(lsDeployment));
    }
  }

  HttpResponse<String> get(String key, String path) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.http().actualPort()
        + path));
    if (key != null) {
      b.header("X-IG-Api-Key", key);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String error(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return new JsonObject(r.body()).getString("error");
  }
}
