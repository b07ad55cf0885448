package dev.fp.caselabels.cm;

import dev.fp.caselabels.cm.core.CaseIntakeCore;
import dev.fp.caselabels.cm.core.CmCounters;
import dev.fp.caselabels.cm.core.LabelEmissionPolicy;
import dev.fp.caselabels.cm.core.IntakeCommit;
import dev.fp.caselabels.cm.store.CmTables;
import dev.fp.caselabels.cm.store.CmTables.EmissionRow;
import dev.fp.contract.Json;
import dev.fp.contract.Timestamps;
import dev.fp.contract.Topics;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.pack.ProcessSpec;
import dev.fp.platform.stream.CountersTable;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.Projector;
import dev.fp.platform.stream.StreamComponent;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.substrate.state.StateStore;
import dev.fp.platform.Polling;
import io.vertx.core.Future;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;

/**
 * Case Management (CM, reference case_ops_obs §2): consumes {@code case_trigger}s from {@code fp.bus.case.v1}, keeps
 * one case per subject with an append-only timeline (its state a fold over it), and writes each case's automatic
 * label through the Label Store's writer boundary, retrying labels LS could not take. This class says what CM is to
 * the shell, its pack and P10.
 */
public final class CaseManagement {
  public static final String PROCESS_ID = "case_mgmt_worker";
  public static final String NAME = "cm";
  public static final String DIRECTORY = "case_mgmt";
  public static final List<String> TOPICS = List.of(Topics.CASE);
  private static final long CLOSEOUT_POLL_MS = 250;

  private CaseManagement() {
  }

  static StreamComponent<IntakeCommit> component(LabelEmissionPolicy policy, EffectRunner<IntakeCommit> writer,
                                                CmArtifacts artifacts) {
    // the intake (case, timeline, PENDING label) commits before LS is called: a crash in between loses no label
    return new StreamComponent<>(NAME, PROCESS_ID, DIRECTORY, TOPICS, CmTables.ALL, CmCounters.INTAKE_ALL,
        new CaseIntakeCore(policy), writer, CmCounters.LABEL_ROUND_FAILURES, artifacts).withStoreBeforeEffects();
  }

  public static ProcessSpec process(PlatformServices services) {
    return ProcessSpec.forRun(PROCESS_ID, run -> new CaseManagementVerticle(services, run));
  }

  /** CM in the {@code case_labels} pack, with P10's CM checks. */
  public static Projector projector(PlatformServices services) {
    return new Projector(process(services), NAME, DIRECTORY, TOPICS, CaseManagement::closeout);
  }

  /** The policy file named by {@code components.cm.label_emission_file}, parsed; blocking. */
  static LabelEmissionPolicy loadPolicy(PlatformConfig config, String file) throws Exception {
    String text = String.join("\n", config.readConfLines(file));
    Map<String, Object> doc = Json.readYamlObject(text.getBytes(StandardCharsets.UTF_8));
    try {
      return LabelEmissionPolicy.parse(doc);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("case management label emission policy " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * P10's CM checks (durable evidence only): cases were created; every trigger CM took in has its case and every case
   * comes from a trigger taken in; every trigger with an automatic label has its label; no label is PENDING longer
   * than the policy's {@code pending_max_age_seconds} (or was stored and never submitted). While labels are PENDING
   * and none is stale yet (LS came up after CM, say), it looks again every {@value #CLOSEOUT_POLL_MS} ms: the retrier
   * decides them within the policy's bounds.
   */
  static Future<List<GateCheck>> closeout(RunContext run) {
    CmConfig cfg = CmConfig.from(run.config().components().section(NAME));
    return run.vertx().executeBlocking(() -> loadPolicy(run.config(), cfg.labelEmissionFile()))
        .compose(policy -> run.substrate().stateStore().compose(store -> store.ensureTables(CmTables.ALL)
            .compose(v -> settled(run, store, policy))));
  }

  private static Future<List<GateCheck>> settled(RunContext run, StateStore store, LabelEmissionPolicy policy) {
    return Polling.until(run.vertx(), CLOSEOUT_POLL_MS, () -> CountersTable.read(store, run.runId(), NAME,
            CmCounters.INTAKE_ALL)
        .compose(c -> facts(store, run.runId()).map(f -> !f.pending().isEmpty() && stale(run, policy, f) == 0
            ? Optional.<List<GateCheck>>empty()
            : Optional.of(checks(run, store, policy, c.get(CmCounters.CASES_CREATED), f)))));
  }

  /** PENDING labels older than the policy allows, or stored and never submitted. */
  private static long stale(RunContext run, LabelEmissionPolicy policy, Facts f) {
    Instant now = run.clock().instant();
    Duration maxAge = Duration.ofSeconds(policy.pendingMaxAgeSeconds());
    return f.pending().stream().filter(e -> e.firstRequestedAtUtc() == null
        || Duration.between(Timestamps.parse(e.firstRequestedAtUtc()), now).compareTo(maxAge) > 0).count();
  }

  /** What the closeout counts over the run's tables. */
  private record Facts(Set<String> triggerCases, long triggers, Set<String> cases,
                       long labels, long decided, List<EmissionRow> pending, Map<String, Long> autoTypeCounts) {
  }

  private static Future<Facts> facts(StateStore store, String run) {
    Set<String> triggerCases = new HashSet<>();
    Set<String> cases = new HashSet<>();
    Map<String, Long> byType = new java.util.TreeMap<>();
    long[] n = new long[3];
    List<EmissionRow> pending = new ArrayList<>();
    byte[] prefix = CmTables.runPrefix(run);
    return CmReads.scanAll(store, CmTables.INTAKE, prefix, kv -> {
          triggerCases.add(kv.value().caseId());
          byType.merge(kv.value().triggerType(), 1L, Long::sum);
          n[0]++;
        })
        .compose(v -> CmReads.scanAll(store, CmTables.CASES, prefix, kv -> cases.add(kv.key().caseId())))
        .compose(v -> CmReads.scanAll(store, CmTables.EMISSIONS, prefix, kv -> {
          n[1]++;
          if (kv.value().pending()) {
            pending.add(kv.value());
          } else {
            n[2]++;
          }
        }))
        .map(v -> new Facts(triggerCases, n[0], cases, n[1], n[2], pending, byType));
  }

  private static List<GateCheck> checks(RunContext run, StateStore store, LabelEmissionPolicy policy,
                                        long casesCreated, Facts f) {
    String where = store.description() + " cm_trigger_intake, cm_cases, cm_label_emissions";
    long expectedLabels = f.autoTypeCounts().entrySet().stream()
        .filter(e -> policy.autoLabel(e.getKey()) != null).mapToLong(Map.Entry::getValue).sum();
    long stale = stale(run, policy, f);
    Set<String> orphans = new HashSet<>(f.cases());
    orphans.removeAll(f.triggerCases());
    Set<String> missing = new HashSet<>(f.triggerCases());
    missing.removeAll(f.cases());
    return List.of(
        GateCheck.of(casesCreated > 0, "cm_cases_created", store.description() + " " + CountersTable.TABLE.name(),
            "> 0", String.valueOf(casesCreated), "CM created no case: check case_trigger_worker and "
                + PROCESS_ID + ".log"),
        GateCheck.of(missing.isEmpty() && orphans.isEmpty(), "cm_one_case_per_trigger_subject", where,
            "every trigger taken in has its case, every case a trigger",
            f.triggers() + " trigger(s), " + f.cases().size() + " case(s), " + missing.size() + " without case, "
                + orphans.size() + " without trigger", "read " + PROCESS_ID + ".log; cases are never merged"),
        GateCheck.of(f.labels() == expectedLabels && f.decided() == f.labels(), "cm_every_case_labelled", where,
            expectedLabels + " automatic label(s) (one per trigger of a type with an auto label), each decided by LS",
            f.labels() + " label(s): " + f.decided() + " decided, " + f.pending().size() + " pending",
            "read " + PROCESS_ID + ".log and case_mgmt/reconciliation"),
        GateCheck.of(stale == 0, "cm_no_stale_pending_label", where,
            "no label PENDING for more than " + policy.pendingMaxAgeSeconds() + " s",
            stale + " stale PENDING label(s) of " + f.pending().size() + " pending",
            "check that label_store_worker runs (LS answers on the event bus), then fp run --resume"));
  }
}
