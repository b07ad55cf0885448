package dev.fp.rtdl.dla;

import dev.fp.contract.Topics;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.pack.ProcessSpec;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.evidence.EvidenceWriter;
import dev.fp.platform.evidence.EvidenceWriters;
import dev.fp.platform.stream.CountersTable;
import dev.fp.platform.stream.Projector;
import dev.fp.platform.stream.StreamComponent;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.substrate.eventlog.Position;
import io.vertx.core.Future;
import dev.fp.rtdl.dla.core.AuditWrite;
import dev.fp.rtdl.dla.core.DlaCounters;
import dev.fp.rtdl.dla.core.LineageCore;
import dev.fp.rtdl.dla.store.DlaTables;

import java.util.ArrayList;
import java.util.List;

/**
 * The Decision Log &amp; Audit (DLA, reference rtdl §8): reads the rtdl topic, builds each decision's lineage chain
 * and writes the audit record of every resolved chain (evidence + {@code fp.bus.audit.v1}). This class says what DLA is
 * to the shell and to its pack.
 */
public final class DecisionLogAudit {
  public static final String PROCESS_ID = "dla_worker";
  public static final String NAME = "dla";
  public static final String DIRECTORY = "decision_log_audit";
  public static final List<String> TOPICS = List.of(Topics.RTDL);

  private DecisionLogAudit() {
  }

  static StreamComponent<AuditWrite> component(EffectRunner<AuditWrite> effects) {
    return new StreamComponent<>(NAME, PROCESS_ID, DIRECTORY, TOPICS, DlaTables.ALL, DlaCounters.ALL,
        new LineageCore(), effects, DlaCounters.APPEND_FAILURE, new DlaArtifacts());
  }

  public static ProcessSpec process(PlatformServices services) {
    return ProcessSpec.forRun(PROCESS_ID, run -> new DecisionLogAuditVerticle(services, run));
  }

  /** DLA in the {@code rtdl_decision_lane} pack, with P9's DLA checks. */
  public static Projector projector(PlatformServices services) {
    return new Projector(process(services), NAME, DIRECTORY, TOPICS, DecisionLogAudit::closeout);
  }

  /**
   * P9's DLA checks (reference §8, §9 and the seed's P9 row): audit records written and no unresolved lineage (durable
   * counters), the last audit event found on {@code fp.bus.audit.v1} with this run's id, and its audit record found
   * in the evidence store.
   */
  static Future<List<GateCheck>> closeout(RunContext run) {
    List<GateCheck> checks = new ArrayList<>();
    return run.substrate().stateStore().compose(store -> {
      String where = store.description() + " " + CountersTable.TABLE.name();
      Future<Void> counted = CountersTable.read(store, run.runId(), NAME, DlaCounters.ALL).map(c -> {
        checks.add(GateCheck.of(c.get(DlaCounters.AUDIT_RECORDS) > 0, "dla_audit_records", where, "> 0",
            String.valueOf(c.get(DlaCounters.AUDIT_RECORDS)), "no decision chain resolved: check DF and AL, then "
                + PROCESS_ID));
        checks.add(GateCheck.of(c.get(DlaCounters.UNRESOLVED) == 0, "dla_lineage_unresolved_total", where, "0",
            String.valueOf(c.get(DlaCounters.UNRESOLVED)), "chains miss a decision, intent or outcome: read "
                + "dla_chains (fp state scan dla_chains) and the DF/AL logs"));
        return null;
      });
      Future<Void> published = store.get(DlaTables.AUDIT_REFS, run.runId()).compose(ref -> {
        if (ref == null) {
          checks.add(GateCheck.fail("dla_audit_topic", Topics.AUDIT, "this run's audit events", "none recorded",
              "DLA published no audit event: check " + PROCESS_ID));
          checks.add(GateCheck.fail("dla_audit_evidence", run.runId() + "/" + DIRECTORY + "/records",
              "the last audit record", "none recorded", "DLA wrote no audit record: check " + PROCESS_ID));
          return Future.succeededFuture();
        }
        Future<Void> onTopic = run.substrate().eventLog().read(ref.topic(), ref.partition(), Position.at(ref.offset()), 1)
            .map(batch -> {
              boolean found = !batch.records().isEmpty() && batch.records().get(0).data().contains(run.runId())
                  && batch.records().get(0).data().contains(ref.auditId());
              checks.add(GateCheck.of(found, "dla_audit_topic", ref.topic() + "/" + ref.partition() + "@"
                  + ref.offset(), "audit event " + ref.auditId() + " of this run", found ? "present" : "missing",
                  "the audit topic lost DLA's record: check the event log"));
              return null;
            });
        DlaConfig cfg = DlaConfig.from(run.config().components().section("dla"));
        EvidenceWriter evidence = EvidenceWriters.create(run.vertx(), run.substrate().objectStore(),
            run.substrate().stateStore(), cfg.evidence());
        Future<Void> stored = evidence.locate(run.runId() + "/" + DIRECTORY + "/records", ref.auditId())
            .eventually(evidence::close)
            .map(found -> {
              checks.add(GateCheck.of(found.isPresent(), "dla_audit_evidence", run.runId() + "/" + DIRECTORY
                  + "/records", "audit record " + ref.auditId(), found.orElse("missing"),
                  "DLA's evidence and its audit topic disagree: check " + PROCESS_ID));
              return null;
            });
        return Future.all(onTopic, stored).mapEmpty();
      });
      return Future.all(counted, published).map(v -> checks);
    });
  }
}
