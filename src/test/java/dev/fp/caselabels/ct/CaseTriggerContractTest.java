package dev.fp.caselabels.ct;

import dev.fp.caselabels.ct.core.CtCounters;
import dev.fp.caselabels.ct.core.TriggerPolicy;
import dev.fp.caselabels.ct.core.TriggerPublish;
import dev.fp.caselabels.ct.core.TriggerSources;
import dev.fp.caselabels.ct.store.CtTables;
import dev.fp.contract.CanonicalJson;
import dev.fp.contract.CaseTriggers;
import dev.fp.contract.Ids;
import dev.fp.contract.Json;
import dev.fp.contract.PlatformRunIds;
import dev.fp.ingress.ig.IgVerticle;
import dev.fp.platform.Catalog;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.SubstrateBootstrap;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.ingest.IgAdmissionClient;
import dev.fp.platform.pack.PackSpec;
import dev.fp.platform.stream.CaseLabelsPhase;
import dev.fp.platform.stream.CatchUpBounds;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.platform.supervisor.RunOptions;
import dev.fp.platform.stream.core.Counters;
import dev.fp.substrate.eventlog.LogRecord;
import dev.fp.substrate.eventlog.OutRecord;
import dev.fp.substrate.eventlog.Position;
import dev.fp.substrate.eventlog.ReadBatch;
import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.StateStores;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
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
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static dev.fp.platform.stream.StreamPlatform.eventually;
import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Case Trigger between the real log and a real IG: decisions and outcomes on {@code fp.bus.rtdl.v1} become
 * exactly one case trigger each on {@code fp.bus.case.v1} when the policy selects them — whatever the order of an
 * outcome and its decision, across a restart, a replay of every source record, a crash between IG's answer and the
 * commit, and IG being away. IG's refusals and quarantines are recorded and turn health RED. Each profile's test says
 * which substrate.
 */
abstract class CaseTriggerContractTest {
  static final String RUN = CtSamples.RUN;
  static final String RTDL = "fp.bus.rtdl.v1";
  static final String CASE = "fp.bus.case.v1";
  static final Duration WITHIN = Duration.ofSeconds(60);
  static final String[] KINDS = {"ALLOW", "STEP_UP", "QUEUE_REVIEW"};
  static final String CT_KEY = "k-ct principal=SYSTEM::case_trigger classes=case_trigger";

  @TempDir
  Path dir;
  PlatformRuntime runtime;
  TriggerPolicy policy;
  final List<String> deployments = new ArrayList<>();
  String igDeployment;
  CaseTriggerVerticle ct;
  String ctDeployment;

  /** The {@code substrate:} section (YAML) of the profile under test, "" for embedded. */
  abstract String substrate();

  @AfterEach
  void stop() throws Exception {
    if (ctDeployment != null) {
      await(runtime.vertx().undeploy(ctDeployment));
    }
    for (String d : deployments) {
      await(runtime.vertx().undeploy(d));
    }
    await(runtime.shutdown());
  }

  void start(String ctKeyLine, boolean withIg) throws Exception {
    Files.createDirectories(dir.resolve("policies"));
    for (String p : List.of("class_map_v0.yaml", "partitioning_profiles_v0.yaml", "schema_policy_v0.yaml")) {
      Files.copy(Path.of("conf/policies").resolve(p), dir.resolve("policies").resolve(p));
    }
    Files.createDirectories(dir.resolve("ct"));
    Files.copy(Path.of("conf/ct/trigger_policy_v0.yaml"), dir.resolve("ct/trigger_policy_v0.yaml"));
    policy = TriggerPolicy.parse(Json.readYamlObject(Files.readAllBytes(dir.resolve("ct/trigger_policy_v0.yaml"))));
    Files.writeString(dir.resolve("keys.txt"), ctKeyLine + "\n");
    Files.writeString(dir.resolve("t.yaml"), "profile: t\nruns_root: " + dir.resolve("runs") + "\n" + substrate()
        + "http:\n  port: 0\nsecurity:\n  api_keys_file: keys.txt\n"
        + "components:\n  ct:\n    poll_interval_ms: 50\n    artifact_interval_ms: 100\n");
    PlatformConfig cfg = ConfigLoader.load("t", dir, Map.of());
    PlatformRunIds.pin(cfg.runsRoot(), RUN);
    runtime = await(PlatformRuntime.start(cfg, Clock.systemUTC(), Catalog.NONE));
    await(new SubstrateBootstrap(runtime.substrate()).bootstrap());
    if (withIg) {
      deployIg();
    }
  }

  void deployIg() throws Exception {
    igDeployment = await(runtime.vertx().deployVerticle(new IgVerticle(runtime.services())));
    deployments.add(igDeployment);
  }

  void deployCt(UnaryOperator<EffectRunner<TriggerPublish>> decorate) throws Exception {
    ct = new CaseTriggerVerticle(runtime.services(), RUN,
        CtConfig.from(runtime.services().config().components().section("ct")), decorate);
    ctDeployment = await(runtime.vertx().deployVerticle(ct));
  }

  void undeployCt() throws Exception {
    await(runtime.vertx().undeploy(ctDeployment));
    ctDeployment = null;
  }

  Counters counters() {
    return ct.shell().counters();
  }

  void publish(List<Map<String, Object>> envelopes) throws Exception {
    List<OutRecord> records = new ArrayList<>();
    for (Map<String, Object> e : envelopes) {
      records.add(new OutRecord(String.valueOf(e.get("event_id")), CanonicalJson.write(e)));
    }
    await(runtime.substrate().eventLog().publish(RTDL, records));
  }

  static List<Map<String, Object>> decisions(int n) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(CtSamples.decision(RUN, i, KINDS[i % 3], CtSamples.DECIDED_AT));
    }
    return out;
  }

  static String status(int i) {
    return switch (i % 4) {
      case 1 -> "FAILED";
      case 2 -> "DENIED";
      default -> "EXECUTED";
    };
  }

  static List<Map<String, Object>> outcomes(int n) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(CtSamples.outcome(RUN, i, KINDS[i % 3], status(i)));
    }
    return out;
  }

  /** The trigger ids the policy must raise for {@code n} decisions and their outcomes. */
  Set<String> expectedTriggers(int n) {
    return expectedTriggers(policy, n);
  }

  /** The trigger ids {@code policy} raises for {@link #decisions}({@code n}) and {@link #outcomes}({@code n}). */
  static Set<String> expectedTriggers(TriggerPolicy policy, int n) {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < n; i++) {
      String caseId = Ids.caseId(RUN, "traffic_fraud", CtSamples.sourceEventId(i));
      if (policy.escalation(KINDS[i % 3], CtSamples.sourceEventId(i)) != null) {
        ids.add(Ids.caseTriggerId(caseId, "DECISION_ESCALATION", "decision:" + CtSamples.decisionId(i)));
      }
      if (!status(i).equals("EXECUTED")) {
        ids.add(Ids.caseTriggerId(caseId, "ACTION_FAILURE", "action_outcome:" + CtSamples.outcomeId(i)));
      }
    }
    return ids;
  }

  /** How many of the first {@code n} decisions the policy escalates. */
  long escalated(int n) {
    return java.util.stream.IntStream.range(0, n)
        .filter(i -> policy.escalation(KINDS[i % 3], CtSamples.sourceEventId(i)) != null).count();
  }

  /** Every record on the case topic, in partition order. */
  List<Map<String, Object>> caseTopic() throws Exception {
    List<Map<String, Object>> out = new ArrayList<>();
    int partitions = await(runtime.substrate().eventLog().partitions(CASE));
    for (int p = 0; p < partitions; p++) {
      Position from = Position.trimHorizon();
      while (true) {
        ReadBatch b = await(runtime.substrate().eventLog().read(CASE, p, from, 1000));
        for (LogRecord r : b.records()) {
          out.add(Json.readObject(r.data()));
        }
        if (b.records().isEmpty()) {
          break;
        }
        from = b.next();
      }
    }
    return out;
  }

  Map<String, Object> health() {
    Path file = runtime.services().config().platformRoot().resolve(RUN).resolve("case_trigger/health/last_health.json");
    return file.toFile().isFile() ? JsonFiles.read(file) : Map.of();
  }

  List<CtTables.PublishRow> publishRows() throws Exception {
    var rows = await(await(runtime.substrate().stateStore()).scan(CtTables.PUBLISH,
        KeyRange.prefix(CtTables.runPrefix(RUN)), StateStores.MAX_SCAN_LIMIT));
    return rows.stream().map(r -> r.value()).toList();
  }

  List<dev.fp.platform.governance.GovernanceEmit> publishOutcomeEvents() throws Exception {
    var rows = await(await(runtime.substrate().stateStore()).scan(CtTables.PUBLISH_ANOMALIES,
        KeyRange.prefix(CtTables.runPrefix(RUN)), StateStores.MAX_SCAN_LIMIT));
    return rows.stream().map(r -> PublishOutcomes.event(r.key(), r.value(), policy.contentDigest())).toList();
  }

  long settled() {
    Counters c = counters();
    return c.get(CtCounters.PUBLISHED) + c.get(CtCounters.DUPLICATES) + c.get(CtCounters.QUARANTINE)
        + c.get(CtCounters.PUBLISH_REJECTED);
  }

  @Test
  void shouldRaiseOneTriggerPerEscalatedDecisionAndFailedOutcomeWhateverTheOrder() throws Exception {
    start(CT_KEY, true);
    deployCt(UnaryOperator.identity());
    int n = 24;
    Set<String> expected = expectedTriggers(n);
    // the outcomes first: their decisions are not read yet, so the failed ones wait in ct_waiting_outcomes
    publish(outcomes(n));
    eventually(WITHIN, "failed outcomes parked", () -> counters().get(CtCounters.OUTCOMES_PARKED) == n / 2);
    assertThat(counters().get(CtCounters.TRIGGERS_SEEN)).isZero();
    // a restart: the parked outcomes are durable, not an in-memory cache
    undeployCt();
    publish(decisions(n));
    deployCt(UnaryOperator.identity());
    eventually(WITHIN, expected.size() + " triggers settled", () -> settled() == expected.size());
    Counters c = counters();
    assertThat(c.get(CtCounters.TRIGGERS_SEEN)).isEqualTo(expected.size());
    assertThat(c.get(CtCounters.PUBLISHED)).isEqualTo(expected.size());
    assertThat(c.get(CtCounters.OUTCOMES_RELEASED)).isEqualTo(n / 2);
    assertThat(c.get(CtCounters.ACTION_FAILURES)).isEqualTo(n / 2);
    assertThat(c.get(CtCounters.ESCALATED_ACTION_KIND)).isEqualTo(2 * n / 3);
    assertThat(c.get(CtCounters.INVALID)).isZero();

    List<Map<String, Object>> topic = caseTopic();
    assertThat(topic).hasSize(expected.size());
    Set<Object> onTopic = new HashSet<>();
    for (Map<String, Object> e : topic) {
      onTopic.add(e.get("event_id"));
      assertThat(e).containsEntry("event_type", "case_trigger").containsEntry("producer", "case_trigger");
      @SuppressWarnings("unchecked")
      Map<String, Object> trigger = (Map<String, Object>) e.get("payload");
      CaseTriggers.validate(trigger);
      assertThat(trigger.get("case_trigger_id")).isEqualTo(e.get("event_id"));
    }
    assertThat(onTopic).isEqualTo(expected);
    assertThat(publishRows()).hasSize(expected.size()).allMatch(r -> "ADMIT".equals(r.decision()));
    eventually(WITHIN, "health GREEN with every trigger counted", () -> "GREEN".equals(health().get("health_state"))
        && Long.valueOf(expected.size()).equals(metric("triggers_seen")) && Long.valueOf(0).equals(metric(
            "outcomes_waiting")));

    // every source record again (a replay from the producers' side): the ledger matches each, nothing is published
    publish(outcomes(n));
    publish(decisions(n));
    eventually(WITHIN, "replays matched", () -> counters().get(CtCounters.REPLAYS) == expected.size());
    assertThat(counters().get(CtCounters.TRIGGERS_SEEN)).isEqualTo(expected.size());
    assertThat(counters().get(CtCounters.PAYLOAD_MISMATCH)).isZero();
    assertThat(settled()).isEqualTo(expected.size());
    assertThat(caseTopic()).hasSize(expected.size());
  }

  private Long metric(String name) {
    Object metrics = health().get("metrics");
    return metrics instanceof Map<?, ?> m && m.get(name) instanceof Number v ? v.longValue() : null;
  }

  @Test
  void shouldPassP10sCtChecksAndFailOnlyOnTheCmAndLsCounters() throws Exception {
    // this branch has CT only: the phase runs the case_labels pack (CT), holds it to the rtdl end, reads the case
    // topic, CT's health and closeout; CM's and LS's gate counters are missing until those components join the pack
    start(CT_KEY, true);
    int n = 12;
    publish(decisions(n));
    publish(outcomes(n));
    PackSpec pack = new PackSpec("case_labels", List.of(CaseTrigger.process(runtime.services())));
    CaseLabelsPhase p10 = new CaseLabelsPhase(runtime.packs(), pack, List.of(CaseTrigger.projector(
        runtime.services())), List.of(), List.of(), CatchUpBounds.within("p10", Duration.ofSeconds(60)));
    RunContext run = new RunContext(runtime.vertx(), runtime.substrate(), new RunOptions(20, "fraud", null, 0),
        Clock.systemUTC(), RUN);
    try {
      String evidence = await(p10.enter(run));
      List<GateCheck> checks = await(p10.gate(run));

      assertThat(checks).filteredOn(c -> !c.pass()).extracting(GateCheck::name)
          .containsExactly("gate_counter:case_mgmt.cases_created", "gate_counter:label_store.accepted");
      assertThat(checks).extracting(GateCheck::name).contains("checkpoint_reached:case_trigger_worker",
          "case_topic_triggers", "health_green:case_trigger_worker", "gate_counter:case_trigger.triggers_seen",
          "ct_triggers_admitted", "ct_outcomes_waiting");
      int expected = expectedTriggers(n).size();
      assertThat(checks.stream().filter(c -> c.name().equals("case_topic_triggers")).findFirst().orElseThrow()
          .actual()).isEqualTo(expected + " record(s), " + expected + " distinct");
      assertThat(JsonFiles.read(Path.of(evidence))).containsEntry("case_topic_triggers", expected);
    } finally {
      await(runtime.packs().down(pack, RUN));
    }
  }

  @Test
  void shouldNotDoubleATriggerWhenTheCommitIsLostAfterIgAnswered() throws Exception {
    start(CT_KEY, true);
    AtomicInteger rounds = new AtomicInteger();
    // the first publish round reaches IG, then "dies" before the commit; the batch is delivered again
    deployCt(real -> (effects, batch) -> real.run(effects, batch).compose(v -> !effects.isEmpty()
        && rounds.getAndIncrement() == 0 ? Future.failedFuture(new IllegalStateException("crash after IG answered"))
        : Future.succeededFuture()));
    int n = 12;
    Set<String> expected = expectedTriggers(n);
    publish(decisions(n));
    publish(outcomes(n));
    eventually(WITHIN, expected.size() + " triggers settled", () -> settled() == expected.size());
    assertThat(counters().get(CtCounters.PUBLISH_AMBIGUOUS)).isEqualTo(1);
    assertThat(counters().get(CtCounters.DUPLICATES)).isGreaterThan(0);
    assertThat(counters().get(CtCounters.TRIGGERS_SEEN)).isEqualTo(expected.size());
    List<Map<String, Object>> topic = caseTopic();
    assertThat(topic).hasSize(expected.size());
    assertThat(topic.stream().map(e -> e.get("event_id")).toList()).doesNotHaveDuplicates();
  }

  @Test
  void shouldHoldTheCheckpointWhileIgDoesNotAnswerThenSettle() throws Exception {
    start(CT_KEY, false);
    deployCt(UnaryOperator.identity());
    int n = 6;
    publish(decisions(n));
    eventually(WITHIN, "two rounds failed for want of IG", () -> counters().get(CtCounters.PUBLISH_AMBIGUOUS) >= 2);
    assertThat(ct.shell().checkpoints().values()).allMatch(cp -> cp == null);
    assertThat(counters().get(CtCounters.TRIGGERS_SEEN)).isZero();
    eventually(WITHIN, "health AMBER while unsettled", () -> "AMBER".equals(health().get("health_state")));
    assertThat(health().get("health_reasons")).isEqualTo(List.of("PUBLISH_UNSETTLED"));
    deployIg();
    long escalated = escalated(n);
    eventually(WITHIN, "settled once IG is up", () -> counters().get(CtCounters.PUBLISHED) == escalated);
    assertThat(caseTopic()).hasSize((int) escalated);
    eventually(WITHIN, "health GREEN", () -> "GREEN".equals(health().get("health_state")));
  }

  @Test
  void shouldRecordARefusedPublishTurnRedAndMoveOn() throws Exception {
    // CT's key may not produce case_trigger: IG refuses each trigger (403), a non-retryable answer
    start("k-ct principal=SYSTEM::case_trigger classes=rtdl_decision", true);
    deployCt(UnaryOperator.identity());
    int n = 6;
    publish(decisions(n));
    long escalated = escalated(n);
    eventually(WITHIN, "refusals recorded", () -> counters().get(CtCounters.PUBLISH_REJECTED) == escalated);
    assertThat(publishRows()).hasSize((int) escalated)
        .allMatch(r -> "REJECTED".equals(r.decision()) && r.reasonCode().startsWith("IG_PUSH_REJECTED:403:"));
    assertThat(caseTopic()).isEmpty();
    assertThat(publishOutcomeEvents()).hasSize((int) escalated).allSatisfy(e -> {
      assertThat(e.dedupeKey()).matches("[0-9a-f]+:publish:REJECTED:IG_PUSH_REJECTED:403:.*");
      assertThat(e.details()).containsEntry("anomaly_kind", "PUBLISH_OUTCOME").containsEntry("corridor",
          "case_trigger");
    });
    eventually(WITHIN, "every record checkpointed", () -> counters().get(
        dev.fp.platform.stream.core.ShellCounters.RECORDS) == n);
    eventually(WITHIN, "health RED", () -> "RED".equals(health().get("health_state")));
    assertThat(health().get("health_reasons")).isEqualTo(List.of("PUBLISH_REJECTED_NONZERO"));
  }

  @Test
  void shouldRecordAQuarantinedTriggerAndTurnRed() throws Exception {
    start(CT_KEY, true);
    // another producer got the trigger id of decision 1 (STEP_UP, escalated) admitted first, with another payload
    Map<String, Object> d1 = CtSamples.decision(RUN, 1, "STEP_UP", "2026-01-01T00:00:09.000000Z");
    TriggerSources.Decision other = TriggerSources.decision(new dev.fp.platform.stream.core.StreamRecord(RTDL, 0, "0",
        "file_line", "", d1)).value();
    Map<String, Object> squatter = CaseTriggers.envelope(TriggerSources.escalation(other, "ACTION_KIND",
        "traffic_fraud"));
    JsonObject first = await(new IgAdmissionClient(runtime.vertx(), "SYSTEM::case_trigger").admit(squatter));
    assertThat(first.getString("decision")).isEqualTo("ADMIT");
    deployCt(UnaryOperator.identity());
    publish(decisions(3));
    eventually(WITHIN, "quarantine recorded", () -> counters().get(CtCounters.QUARANTINE) == 1);
    eventually(WITHIN, "the others settled", () -> settled() == escalated(3));
    assertThat(publishRows()).filteredOn(r -> "QUARANTINE".equals(r.decision())).hasSize(1)
        .allMatch(r -> r.eventId().equals(squatter.get("event_id")) && r.reasonCode().startsWith("QUARANTINE"));
    // only the quarantined trigger is a PUBLISH_OUTCOME anomaly (the admitted ones are not)
    assertThat(publishOutcomeEvents()).singleElement().satisfies(e -> {
      assertThat(e.family()).isEqualTo(dev.fp.platform.governance.GovernanceFamily.CORRIDOR_ANOMALY);
      assertThat(e.dedupeKey()).contains(":publish:QUARANTINE:QUARANTINE");
      assertThat(e.details()).containsEntry("anomaly_kind", "PUBLISH_OUTCOME")
          .containsEntry("publish_decision", "QUARANTINE");
    });
    eventually(WITHIN, "health RED", () -> "RED".equals(health().get("health_state")));
    assertThat(health().get("health_reasons")).isEqualTo(List.of("QUARANTINE_NONZERO"));
  }
}
