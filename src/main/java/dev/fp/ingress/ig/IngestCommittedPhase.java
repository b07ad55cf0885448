package dev.fp.ingress.ig;

import dev.fp.contract.EventRouting;
import dev.fp.contract.OutputMode;
import dev.fp.ingress.ig.core.AdmissionState;
import dev.fp.ingress.ig.store.AdmissionStore;
import dev.fp.ingress.ig.store.RunCountersStore;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.Phase;
import dev.fp.platform.supervisor.PhaseHandler;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.substrate.eventlog.Position;
import dev.fp.substrate.objectstore.ObjectMeta;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * P7 INGEST_COMMITTED: IG's receipts are the admission commit evidence. Gate: receipts exist under
 * {@code fraud-platform/<run>/ig/receipts/} (object or segment layout) and carry an {@code eb_ref} with an offset of
 * the event log's kind; this run admitted events; no admission is left PUBLISH_IN_FLIGHT or PUBLISH_AMBIGUOUS
 * (fail closed); and every in-scope traffic and context topic holds records. Commit evidence: the receipts prefix.
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
    Future<Void> receipts = run.substrate().objectStore().list(BUCKET, prefix(run)).compose(objects -> {
      checks.add(GateCheck.of(!objects.isEmpty(), "ig_receipts_exist", where, "at least one receipt object",
          objects.size() + " object(s)", "IG wrote no receipt: check P6 and ig_service.log"));
      return objects.isEmpty() ? Future.succeededFuture() : sampleReceipt(run, objects.get(0)).map(c -> {
        checks.add(c);
        return null;
      });
    });
    AdmissionStore admissions = new AdmissionStore(run.substrate().db());
    var db = run.substrate().db().pool();
    Future<Void> counters = new RunCountersStore(run.substrate().db()).read(db, run.runId())
        .compose(c -> admissions.countUnsettled(db, run.runId(), AdmissionState.PUBLISH_AMBIGUOUS)
            .compose(ambiguous -> admissions.countUnsettled(db, run.runId(), AdmissionState.PUBLISH_IN_FLIGHT)
                .map(inFlight -> {
                  long admit = c.getOrDefault("decision.ADMIT", 0L);
                  String sql = run.substrate().db().description() + " ig_run_counters/ig_admissions";
                  checks.add(GateCheck.of(admit > 0, "ig_admit_count", sql, "> 0", String.valueOf(admit),
                      "nothing was admitted: check quarantine receipts and WSP's log"));
                  checks.add(GateCheck.of(ambiguous == 0, "no_publish_ambiguous", sql, "0", String.valueOf(ambiguous),
                      "reconcile with POST /v1/ops/reconcile before closing the run (never blindly republish)"));
                  checks.add(GateCheck.of(inFlight == 0, "no_publish_in_flight", sql, "0", String.valueOf(inFlight),
                      "wait for IG to settle, or restart IG so stale in-flight rows are swept to ambiguous"));
                  return null;
                })));
    Future<Void> topics = topicChecks(run, checks);
    return Future.all(receipts, counters, topics).map(v -> checks);
  }

  private static Future<GateCheck> sampleReceipt(RunContext run, ObjectMeta first) {
    String uri = run.substrate().objectStore().uri(BUCKET, first.key());
    return run.substrate().objectStore().get(BUCKET, first.key()).map(buf -> {
      String text = buf.toString();
      String line = first.key().endsWith(".jsonl") ? text.substring(0, Math.max(0, text.indexOf('\n'))) : text;
      JsonObject eb;
      try {
        eb = new JsonObject(line).getJsonObject("eb_ref");
      } catch (RuntimeException e) {
        eb = null;
      }
      String kind = run.substrate().eventLog().offsetKind();
      boolean ok = eb != null && eb.getString("offset") != null && kind.equals(eb.getString("offset_kind"));
      return GateCheck.of(ok, "ig_receipt_eb_ref", uri, "eb_ref with offset, offset_kind=" + kind,
          eb == null ? "no eb_ref" : eb.encode(), "receipts must carry the replay pointer; check IG");
    });
  }

  private static Future<Void> topicChecks(RunContext run, List<GateCheck> checks) {
    List<Future<Void>> all = new ArrayList<>();
    for (String output : OutputMode.valueOf(run.options().mode().toUpperCase(Locale.ROOT)).requiredOutputs()) {
      String topic = EventRouting.routeFor(output).orElseThrow().topic();
      all.add(run.substrate().eventLog().read(topic, 0, Position.trimHorizon(), 1).map(batch -> {
        boolean ok = !batch.records().isEmpty();
        checks.add(GateCheck.of(ok, "eb_has_records:" + topic, "event log " + topic + " partition 0",
            "at least one record", ok ? "records present" : "empty", "IG published nothing to " + topic));
        return null;
      }));
    }
    return Future.all(all).mapEmpty();
  }
}
