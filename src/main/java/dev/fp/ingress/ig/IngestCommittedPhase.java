package dev.fp.ingress.ig;

import dev.fp.contract.EventRouting;
import dev.fp.contract.OutputMode;
import dev.fp.contract.Topics;
import dev.fp.ingress.ig.core.AdmissionState;
import dev.fp.ingress.ig.store.AdmissionStore;
import dev.fp.ingress.ig.store.RunCountersStore;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.LogEndOffsets;
import dev.fp.platform.supervisor.Phase;
import dev.fp.platform.supervisor.PhaseHandler;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.substrate.eventlog.LogRecord;
import dev.fp.substrate.eventlog.Position;
import dev.fp.substrate.state.StateStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * P7 INGEST_COMMITTED: IG's receipts are the admission commit evidence. Gate, all from durable evidence:
 * <ul>
 *   <li>receipts exist under {@code fraud-platform/<run>/ig/receipts/} (object or segment layout);</li>
 *   <li>every ADMITTED admission of the run carries an {@code eb_ref} of the log's offset kind and a receipt (IG's
 *       admission rows in the StateStore, which the receipts are written from — all of them, not a sample; an event's
 *       earlier QUARANTINE receipt, e.g. PUBLISH_AMBIGUOUS before a reconciliation admitted it, does not count
 *       against it);</li>
 *   <li>this run admitted events, and none is left PUBLISH_IN_FLIGHT or PUBLISH_AMBIGUOUS (fail closed);</li>
 *   <li>every in-scope traffic and context topic holds this run's records: in every partition IG admitted to, the
 *       record at the run's last {@code eb_ref} is in the log and is the admitted event of this run;</li>
 *   <li>the end of every event-bus partition is measured and recorded in {@value LogEndOffsets#FILE} (what P8's
 *       projectors must reach).</li>
 * </ul>
 * Commit evidence: the receipts prefix.
 */
public final class IngestCommittedPhase implements PhaseHandler {
  static final String BUCKET = "fraud-platform";

  @Override
  public Phase phase() { return Phase.P7; }

  @Override
  public Future<String> enter(RunContext run) {
    return Future.succeededFuture(run.substrate().objectStore().uri(BUCKET, prefix(run)));
  }

  private static String prefix(RunContext run) {
    return run.runId() + "/ig/receipts/";
  }

  @Override
  public Future<List<GateCheck>> gate(RunContext run) {
    List<GateCheck> checks = new ArrayList<>();
    String where = run.substrate().objectStore().uri(BUCKET, prefix(run));
    Future<Void> receipts = run.substrate().objectStore().list(BUCKET, prefix(run)).map(objects -> {
      checks.add(GateCheck.of(!objects.isEmpty(), "ig_receipts_exist", where, "at least one receipt object",
          objects.size() + " object(s)", "IG wrote no receipt: check P6 and ig_service.log"));
      return null;
    });
    Future<Void> state = run.substrate().stateStore().compose(store -> stateChecks(run, store, checks));
    Future<Void> ends = LogEndOffsets.measure(run.substrate().eventLog(), Topics.EVENT_BUS, run.runId(), run.clock())
        .compose(measured -> run.vertx().executeBlocking(() -> {
          measured.write(run.config().platformRoot());
          checks.add(GateCheck.pass("log_end_offsets_recorded",
              LogEndOffsets.path(run.config().platformRoot(), run.runId()).toString(), measured.summary()));
          return null;
        }));
    return Future.all(List.of(receipts, state, ends)).map(v -> checks);
  }

  /**
   * From IG's StateStore tables: every ADMITTED row of the run (one scan: eb_ref and receipt of each, and the last
   * record per partition), the durable counters and the unsettled rows.
   */
  private static Future<Void> stateChecks(RunContext run, StateStore store, List<GateCheck> checks) {
    AdmissionStore admissions = new AdmissionStore(store);
    String where = store.description() + " ig_admissions/ig_run_counters/ig_unsettled";
    String kind = run.substrate().eventLog().offsetKind();
    Future<Void> refs = admissions.admitted(run.runId(), kind).compose(r -> {
      checks.add(GateCheck.of(r.admitted() > 0 && r.unreferenced() == 0, "ig_receipt_eb_ref", where,
          "every ADMITTED admission has an eb_ref (offset_kind=" + kind + ") and a receipt",
          r.unreferenced() + " of " + r.admitted() + " lack one", "receipts must carry the replay pointer: check IG "
              + "(a receipt write that failed is back-filled when IG restarts)"));
      return topicChecks(run, r.last(), checks);
    });
    Future<Void> counters = new RunCountersStore(store).read(run.runId())
        .compose(c -> admissions.countUnsettled(run.runId(), AdmissionState.PUBLISH_AMBIGUOUS, streamed(run))
            .compose(ambiguous -> admissions.countUnsettled(run.runId(), AdmissionState.PUBLISH_IN_FLIGHT,
                    streamed(run))
                .map(inFlight -> {
                  long admit = c.getOrDefault("decision.ADMIT", 0L);
                  checks.add(GateCheck.of(admit > 0, "ig_admit_count", where, "> 0", String.valueOf(admit),
                      "nothing was admitted: check quarantine receipts and WSP's log"));
                  checks.add(GateCheck.of(ambiguous == 0, "no_publish_ambiguous", where, "0", String.valueOf(ambiguous),
                      "reconcile with POST /v1/ops/reconcile before closing the run (never blindly republish)"));
                  checks.add(GateCheck.of(inFlight == 0, "no_publish_in_flight", where, "0", String.valueOf(inFlight),
                      "wait for IG to settle, or restart IG: rows left in flight are reconciled against the log "
                          + "at start"));
                  return null;
                })));
    return Future.all(refs, counters).mapEmpty();
  }

  /** The event types WSP streams for the run's mode: the admissions P7 closes (rtdl and case events are later phases'). */
  private static Set<String> streamed(RunContext run) {
    return Set.copyOf(OutputMode.valueOf(run.options().mode().toUpperCase(Locale.ROOT)).requiredOutputs());
  }

  /** One check per in-scope topic: each partition's last admitted record of this run is where its eb_ref says. */
  private static Future<Void> topicChecks(RunContext run, List<AdmissionStore.LastAdmitted> last,
                                          List<GateCheck> checks) {
    List<Future<Void>> all = new ArrayList<>();
    for (String output : OutputMode.valueOf(run.options().mode().toUpperCase(Locale.ROOT)).requiredOutputs()) {
      String topic = EventRouting.routeFor(output).orElseThrow().topic();
      List<AdmissionStore.LastAdmitted> ofTopic = last.stream().filter(l -> l.topic().equals(topic)).toList();
      List<Future<String>> found = ofTopic.stream().map(l -> inLog(run, l)).toList();
      all.add(Future.all(found).map(v -> {
        List<String> problems = found.stream().map(Future::result).filter(p -> !p.isEmpty()).toList();
        long admitted = ofTopic.stream().mapToLong(AdmissionStore.LastAdmitted::admitted).sum();
        boolean ok = !ofTopic.isEmpty() && problems.isEmpty();
        checks.add(GateCheck.of(ok, "eb_has_run_records:" + topic, "event log " + topic + " at the run's last eb_ref "
                + "of each partition", "this run's admitted records in the log",
            ofTopic.isEmpty() ? "no admission of this run to " + topic
                : admitted + " admitted in " + ofTopic.size() + " partition(s)" + (problems.isEmpty() ? ", last ones "
                    + "present" : ": " + String.join("; ", problems)),
            "IG's admissions and the log disagree (a reset bus?): start a fresh run"));
        return null;
      }));
    }
    return Future.all(all).mapEmpty();
  }

  /** Empty when the log holds the admitted event at its eb_ref, else what is wrong. */
  private static Future<String> inLog(RunContext run, AdmissionStore.LastAdmitted l) {
    String at = l.topic() + "/" + l.partition() + "@" + l.offset();
    return run.substrate().eventLog().read(l.topic(), l.partition(), Position.at(l.offset()), 1)
        .map(batch -> {
          if (batch.records().isEmpty()) {
            return at + " missing";
          }
          LogRecord r = batch.records().get(0);
          JsonObject env = new JsonObject(r.data());
          boolean same = r.offset().equals(l.offset()) && l.eventId().equals(env.getString("event_id"))
              && run.runId().equals(env.getString("platform_run_id"));
          return same ? "" : at + " holds " + env.getString("event_id") + " of " + env.getString("platform_run_id");
        })
        .otherwise(err -> at + " unreadable: " + err.getMessage());
  }
}
