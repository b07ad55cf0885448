package dev.fp;

import dev.fp.testing.FpCli;
import dev.fp.platform.JsonFiles;
import dev.fp.testing.TestPostgres;
import dev.fp.testing.ConfDirs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.fp.testing.FpCli.fp;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounded acceptance gates through `fp run` as an operator runs them: Gate-20 and Gate-200 on the embedded
 * profile and Gate-20 on the parity substrate (S3Mock, kinesalite, PostgreSQL). Every phase this build has (P0..P8)
 * must pass with emitted = cap for all four outputs, and AW must have archived exactly the run's records; the run then
 * stops at the first phase not in this build.
 */
class GateRunTest {
  @TempDir
  Path dir;

  private void assertPassedP0ToP11WithCapPerOutput(FpCli.Result r, int cap) throws Exception {
    assertThat(r.out()).as(r.err()).contains(String.format("%-28s %-13s", "P8 RTDL_CAUGHT_UP", "PASSED"))
        .contains(String.format("%-28s %-13s", "P9 DECISION_CHAIN_COMMITTED", "PASSED"))
        .contains(String.format("%-28s %-13s", "P10 CASE_LABELS_COMMITTED", "PASSED"))
        .contains(String.format("%-28s %-13s", "P11 OBS_GOV_CLOSED", "PASSED"))
        .contains("result: PASSED at P11 OBS_GOV_CLOSED")
        .contains(", " + (4 * cap) + " events in ");
    for (String phase : new String[] {"P0 SUBSTRATE_READY", "P1 RUN_PINNED", "P2 DAEMONS_READY", "P3 ORACLE_READY",
        "P4 INGEST_READY", "P5 READY_PUBLISHED", "P6 STREAMING_ACTIVE", "P7 INGEST_COMMITTED"}) {
      assertThat(r.out()).contains(String.format("%-28s %-13s", phase, "PASSED"));
    }
    assertThat(r.code()).isEqualTo(0);
    assertArchivedExactlyTheRunsRecords(cap);
    assertJoinedExactlyTheFlowsWithBothArrivalAndAnchor(cap);
    assertOneDecisionChainPerTrafficEvent(cap);
    assertEachTriggerOnceOnTheCaseTopic(cap);
    assertOneCaseAndOneDecidedLabelPerTrigger();
  }

  /**
   * The run's governance log through {@code fp governance query}: each emitter's fact once — WSP's READY seen, IG's
   * policy activation, the supervisor's start and end, the reporter's report — the closeout's evidence refs resolved,
   * and no anomaly or cancellation in a clean run. Then the evidence map {@code fp run} printed.
   */
  private void assertGovernanceRecordedOnceAndEvidenceMapped(FpCli.Result run, String... profileArgs) {
    List<String> args = new java.util.ArrayList<>(List.of("governance", "query", "--limit", "0"));
    args.addAll(List.of(profileArgs));
    FpCli.Result q = fp(args.toArray(String[]::new));
    assertThat(q.code()).as(q.err()).isEqualTo(0);
    Map<String, Integer> families = new java.util.TreeMap<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"event_family\" : \"([A-Z_]+)\"").matcher(q.out());
    while (m.find()) {
      families.merge(m.group(1), 1, Integer::sum);
    }
    assertThat(families).containsEntry("RUN_READY_SEEN", 1).containsEntry("POLICY_REV_CHANGED", 1)
        .containsEntry("RUN_STARTED", 1).containsEntry("RUN_REPORT_GENERATED", 1).containsEntry("RUN_ENDED", 1)
        .containsKey("EVIDENCE_REF_RESOLVED").doesNotContainKeys("CORRIDOR_ANOMALY", "RUN_CANCELLED");
    assertThat(run.out()).contains("evidence:").contains("run_report").contains("governance_events")
        .contains("run_completed").contains("ingestion_gate/reconciliation/reconciliation.json");
  }

  /**
   * CM's durable counters as its health reports them: every trigger CT published was taken in once, its case exists
   * (cases_created > 0, no trigger refused) and its automatic label was accepted by LS; none is pending.
   */
  @SuppressWarnings("unchecked")
  private void assertOneCaseAndOneDecidedLabelPerTrigger() throws Exception {
    Path platform = dir.resolve("runs/fraud-platform");
    Path runRoot = platform.resolve(Files.readString(platform.resolve("ACTIVE_RUN_ID")).strip());
    Map<String, Object> ct = (Map<String, Object>) JsonFiles.read(runRoot.resolve(
        "case_trigger/health/last_health.json")).get("metrics");
    Map<String, Object> cm = (Map<String, Object>) JsonFiles.read(runRoot.resolve(
        "case_mgmt/health/last_health.json")).get("metrics");
    long triggers = ((Number) ct.get("triggers_seen")).longValue();
    assertThat(((Number) cm.get("case_triggers")).longValue()).isEqualTo(triggers);
    assertThat(((Number) cm.get("triggers_new")).longValue()).isEqualTo(triggers);
    assertThat(((Number) cm.get("cases_created")).longValue()).isPositive().isLessThanOrEqualTo(triggers);
    assertThat(cm).containsEntry("triggers_invalid", 0).containsEntry("labels_pending", 0)
        .containsEntry("labels_rejected", 0);
    assertThat(((Number) cm.get("labels_accepted")).longValue()).isEqualTo(triggers);
  }

  /**
   * CT's durable counters and P10's evidence: one trigger per decision CT took in (cap of them) that its policy
   * escalated or whose outcome failed, each settled at IG and on the case topic exactly once.
   */
  @SuppressWarnings("unchecked")
  private void assertEachTriggerOnceOnTheCaseTopic(int cap) throws Exception {
    Path platform = dir.resolve("runs/fraud-platform");
    Path runRoot = platform.resolve(Files.readString(platform.resolve("ACTIVE_RUN_ID")).strip());
    Map<String, Object> ct = (Map<String, Object>) JsonFiles.read(runRoot.resolve(
        "case_trigger/health/last_health.json")).get("metrics");
    assertThat(ct).containsEntry("decisions_seen", cap).containsEntry("outcomes_waiting", 0)
        .containsEntry("quarantine", 0).containsEntry("publish_rejected", 0).containsEntry("payload_mismatch", 0);
    long triggers = ((Number) ct.get("triggers_seen")).longValue();
    assertThat(triggers).isPositive().isEqualTo(((Number) ct.get("published")).longValue()
        + ((Number) ct.get("duplicates")).longValue());
    Map<String, Object> p10 = JsonFiles.read(runRoot.resolve("supervisor/p10_case_labels_committed.json"));
    assertThat(((Number) p10.get("case_topic_triggers")).longValue()).isEqualTo(triggers);
    assertThat(((Number) p10.get("case_topic_distinct_triggers")).longValue()).isEqualTo(triggers);
  }

  /**
   * The decision lane's durable counters as its artifacts report them: one decision and one intent per traffic event
   * (cap of them), all admitted by IG; one outcome per intent; every chain resolved with an audit record.
   */
  @SuppressWarnings("unchecked")
  private void assertOneDecisionChainPerTrafficEvent(int cap) throws Exception {
    Path platform = dir.resolve("runs/fraud-platform");
    Path runRoot = platform.resolve(Files.readString(platform.resolve("ACTIVE_RUN_ID")).strip());
    Map<String, Object> df = JsonFiles.read(runRoot.resolve("decision_fabric/reconciliation/reconciliation.json"));
    assertThat((Map<String, Object>) df.get("totals")).containsEntry("decisions_total", cap)
        .containsEntry("quarantined_total", 0);
    assertThat(df).containsEntry("decisions_published_total", cap).containsEntry("intents_published_total", cap)
        .containsEntry("parity", true);
    Map<String, Object> al = JsonFiles.read(runRoot.resolve("action_layer/reconciliation/action_layer_reconciliation.json"));
    assertThat(al).containsEntry("intake_total", cap).containsEntry("outcomes_total", cap).containsEntry("parity", true);
    Map<String, Object> dla = (Map<String, Object>) JsonFiles.read(runRoot.resolve(
        "decision_log_audit/health/last_health.json")).get("metrics");
    assertThat(dla).containsEntry("lineage_resolved_total", cap).containsEntry("lineage_unresolved_total", 0)
        .containsEntry("audit_records_total", cap).containsEntry("quarantine_total", 0);
    // every decision joined with the world's truth for its flow (a flow has two traffic events, unless the cap cut it)
    Map<String, Object> quality = JsonFiles.read(runRoot.resolve(
        "decision_fabric/reconciliation/decision_quality.json"));
    Map<String, Object> decisions = (Map<String, Object>) quality.get("decisions");
    assertThat(decisions).containsEntry("total", cap);
    assertThat(((Map<String, Map<String, Object>>) decisions.get("action_by_truth")).values())
        .allSatisfy(byTruth -> assertThat(byTruth).doesNotContainKey("NO_TRUTH"));
    assertThat(((Number) ((Map<String, Object>) quality.get("flows")).get("total")).intValue())
        .isBetween(cap / 2, cap);
  }

  /**
   * CSFB's durable counters as its reconciliation reports them: join hits == the flows whose arrival event and flow
   * anchor were both streamed for the run, join misses == anchors whose arrival was not (counted from the event log
   * when it is the file log; on Kinesis the synthetic world pairs every capped anchor with its arrival).
   */
  @SuppressWarnings("unchecked")
  private void assertJoinedExactlyTheFlowsWithBothArrivalAndAnchor(int cap) throws Exception {
    Path platform = dir.resolve("runs/fraud-platform");
    String run = Files.readString(platform.resolve("ACTIVE_RUN_ID")).strip();
    Map<String, Object> reconciliation = JsonFiles.read(platform.resolve(run)
        .resolve("context_store_flow_binding/reconciliation/last_reconciliation.json"));
    Map<String, Object> metrics = (Map<String, Object>) reconciliation.get("metrics");
    long hits = cap;
    long misses = 0;
    Path bus = dir.resolve("runs/bus");
    if (Files.isDirectory(bus)) {
      java.util.Set<String> arrivals = joinKeys(bus.resolve("fp.bus.context.arrival_events.v1"), run);
      java.util.Set<String> anchors = joinKeys(bus.resolve("fp.bus.context.flow_anchor.fraud.v1"), run);
      hits = anchors.stream().filter(arrivals::contains).count();
      misses = anchors.size() - hits;
      assertThat(hits).as("flows with both arrival and anchor in the streamed data").isEqualTo(cap);
    }
    assertThat(reconciliation.get("health_state")).isEqualTo("GREEN");
    assertThat(metrics).containsEntry("join_hits", (int) hits).containsEntry("join_misses", (int) misses)
        .containsEntry("flow_bindings_total", cap).containsEntry("context_applied_total", 3 * cap)
        .containsEntry("apply_failures_hard", 0).containsEntry("binding_conflicts", 0);
  }

  /** {@code merchant_id/arrival_seq} of the run's records in a file-log topic. */
  @SuppressWarnings("unchecked")
  private static java.util.Set<String> joinKeys(Path topic, String run) throws Exception {
    java.util.Set<String> keys = new java.util.HashSet<>();
    try (var files = Files.list(topic)) {
      for (Path part : files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).toList()) {
        for (String line : Files.readAllLines(part)) {
          Map<String, Object> envelope = (Map<String, Object>) dev.fp.contract.Json.readObject(line).get("payload");
          Map<String, Object> payload = (Map<String, Object>) envelope.get("payload");
          if (run.equals(envelope.get("platform_run_id"))) {
            keys.add(payload.get("merchant_id") + "/" + payload.get("arrival_seq"));
          }
        }
      }
    }
    return keys;
  }

  /** AW's durable counters, as its health file reports them: every admitted record of the run archived once. */
  @SuppressWarnings("unchecked")
  private void assertArchivedExactlyTheRunsRecords(int cap) throws Exception {
    Path platform = dir.resolve("runs/fraud-platform");
    String run = Files.readString(platform.resolve("ACTIVE_RUN_ID")).strip();
    Map<String, Object> health = JsonFiles.read(platform.resolve(run).resolve("archive_writer/health/last_health.json"));
    Map<String, Object> metrics = (Map<String, Object>) health.get("metrics");
    assertThat(health.get("health_state")).isEqualTo("GREEN");
    // P8 held AW to the P7 ends (the 4 × cap streamed records); it goes on archiving the decision lane's rtdl records
    // (decision, intent, outcome per traffic event), audit events (one per chain) and the case triggers until the run
    // stops
    assertThat(metrics).containsEntry("duplicate_total", 0).containsEntry("payload_mismatch_total", 0)
        .containsEntry("write_error_total", 0);
    int triggers = ((Number) ((Map<String, Object>) JsonFiles.read(platform.resolve(run)
        .resolve("case_trigger/health/last_health.json")).get("metrics")).get("triggers_seen")).intValue();
    assertThat(((Number) metrics.get("archived_total")).intValue()).isEqualTo(((Number) metrics.get("seen_total"))
        .intValue()).isBetween(4 * cap, 8 * cap + triggers);
    Map<String, Object> ends = JsonFiles.read(platform.resolve(run).resolve("supervisor/p7_log_end_offsets.json"));
    assertThat((List<Object>) ends.get("partitions")).hasSize(9);
  }

  private Path embedded() throws Exception {
    return ConfDirs.withProfile(dir, "t", "profile: t\nruns_root: " + dir.resolve("runs") + "\nhttp:\n  port: 0\n"
        + "components:\n  supervisor:\n    api_key: local-parity-operator\n");
  }

  /**
   * IEG's reconciliation: its entities by type are exactly the distinct ids of the streamed context and traffic events
   * of the run, read back from the file event log (flows of traffic and anchors; merchants of all context; parties,
   * accounts, instruments, devices, IPs of arrival entities and anchors; sessions of arrival entities).
   */
  @SuppressWarnings("unchecked")
  private void assertGraphEntitiesAreTheDistinctIdsOfTheStreamedEvents() throws Exception {
    Path platform = dir.resolve("runs/fraud-platform");
    String run = Files.readString(platform.resolve("ACTIVE_RUN_ID")).strip();
    Map<String, java.util.Set<String>> distinct = new java.util.TreeMap<>();
    for (String topic : dev.fp.rtdl.ieg.IdentityEntityGraph.TOPICS) {
      Path log = dir.resolve("runs/bus").resolve(topic).resolve("partition=0.jsonl");
      for (String line : Files.exists(log) ? Files.readAllLines(log) : List.<String>of()) {
        Map<String, Object> envelope = (Map<String, Object>) dev.fp.contract.Json.readObject(
            line.getBytes(StandardCharsets.UTF_8)).get("payload");
        if (!run.equals(envelope.get("platform_run_id"))) {
          continue;
        }
        Map<String, Object> payload = (Map<String, Object>) envelope.get("payload");
        for (String field : List.of("flow_id", "merchant_id", "party_id", "account_id", "instrument_id", "device_id",
            "ip_id", "session_id")) {
          if (payload.get(field) != null) {
            distinct.computeIfAbsent(field.substring(0, field.length() - 3), t -> new java.util.TreeSet<>())
                .add(String.valueOf(payload.get(field)));
          }
        }
      }
    }
    Map<String, Object> reconciliation = JsonFiles.read(platform.resolve(run)
        .resolve("identity_entity_graph/reconciliation/reconciliation.json"));
    Map<String, Object> expected = new java.util.TreeMap<>();
    distinct.forEach((type, ids) -> expected.put(type, ids.size()));
    assertThat(expected).hasSize(8);
    assertThat(new java.util.TreeMap<>((Map<String, Object>) reconciliation.get("entities_by_type")))
        .isEqualTo(expected);
    Map<String, Object> health = JsonFiles.read(platform.resolve(run)
        .resolve("identity_entity_graph/health/last_health.json"));
    assertThat(health.get("health_state")).isEqualTo("GREEN");
    assertThat((Map<String, Object>) health.get("metrics")).containsEntry("events_seen", 80)
        .containsEntry("mutating_applied", 80).containsEntry("apply_failures", 0);
  }

  @Test
  void gate20OnEmbeddedShouldPassP0ToP11With20EventsPerOutput() throws Exception {
    Path conf = embedded();
    FpCli.Result run = fp("run", "--cap", "20", "--profile", "t", "--config-dir", conf.toString());
    assertPassedP0ToP11WithCapPerOutput(run, 20);
    assertGovernanceRecordedOnceAndEvidenceMapped(run, "--profile", "t", "--config-dir", conf.toString());
    assertGraphEntitiesAreTheDistinctIdsOfTheStreamedEvents();
  }

  @Test
  void gate200OnEmbeddedShouldPassP0ToP11With200EventsPerOutput() throws Exception {
    assertPassedP0ToP11WithCapPerOutput(fp("run", "--cap", "200", "--profile", "t", "--config-dir", embedded().toString()), 200);
  }

  /** A local_parity profile on the test services (S3Mock, kinesalite, PostgreSQL in {@code schema}). */
  private Path parityConf(String schema) throws Exception {
    return ConfDirs.withProfile(dir, "local_parity", "profile: local_parity\nruns_root: " + dir.resolve("runs")
        + "\nsubstrate:\n"
        + "  objectstore:\n    kind: s3\n    s3:\n      endpoint: " + System.getenv("FP_TEST_S3_ENDPOINT") + "\n"
        + "  eventlog:\n    kind: kinesis\n    kinesis:\n      endpoint: " + System.getenv("FP_TEST_KINESALITE_ENDPOINT")
        + "\n  sql:\n    kind: postgres\n    postgres:\n      host: "
        + TestPostgres.host() + "\n      port: "
        + TestPostgres.port() + "\n      database: postgres\n      user: postgres\n"
        + "      schema: " + schema + "\nhttp:\n  port: 0\nsecurity:\n  auth_mode: api_key\n"
        + "components:\n  supervisor:\n    api_key: local-parity-operator\n"
        // what environment conformance (P11) requires this profile to declare, as conf/local_parity.yaml does
        + "  ig:\n    class_map_file: policies/class_map_v0.yaml\n"
        + "    partitioning_file: policies/partitioning_profiles_v0.yaml\n"
        + "    schema_policy_file: policies/schema_policy_v0.yaml\n    policy_id: ig_policy\n    policy_revision: v0\n"
        + "  obs_gov:\n    governance_families: [RUN_READY_SEEN, RUN_STARTED, RUN_ENDED, RUN_CANCELLED, "
        + "POLICY_REV_CHANGED, CORRIDOR_ANOMALY, EVIDENCE_REF_RESOLVED, RUN_REPORT_GENERATED]\n");
  }

  @Test
  @Tag("parity")
  void gate20OnParityShouldPassP0ToP11With20EventsPerOutputThenTearDown() throws Exception {
    String schema = TestPostgres.freshSchema("t_gate_");
    Path conf = parityConf(schema);
    try {
      FpCli.Result run = fp("run", "--cap", "20", "--profile", "local_parity", "--config-dir", conf.toString());
      assertPassedP0ToP11WithCapPerOutput(run, 20);
      assertGovernanceRecordedOnceAndEvidenceMapped(run, "--profile", "local_parity", "--config-dir", conf.toString());
      // P12 on the parity substrate: the run scope's listing covers S3 objects and Kinesis log ends
      FpCli.Result down = fp("down", "--profile", "local_parity", "--config-dir", conf.toString());
      assertThat(down.out()).as(down.err()).contains(String.format("%-28s %-13s", "P12 DONE", "PASSED"));
      assertThat(down.code()).isEqualTo(0);
    } finally {
      TestPostgres.dropSchema(schema);
    }
  }

  @Test
  @Tag("parity")
  void gate200OnParityShouldPassP0ToP11With200EventsPerOutput() throws Exception {
    String schema = TestPostgres.freshSchema("t_gate_");
    try {
      assertPassedP0ToP11WithCapPerOutput(fp("run", "--cap", "200", "--profile", "local_parity", "--config-dir",
          parityConf(schema).toString()), 200);
    } finally {
      TestPostgres.dropSchema(schema);
    }
  }
}
