package dev.fp.obsgov.report;

import dev.fp.contract.Json;
import dev.fp.contract.Timestamps;
import dev.fp.obsgov.ObsKeys;
import dev.fp.obsgov.ObsGovConfig;
import dev.fp.obsgov.conformance.EnvironmentConformance;
import dev.fp.obsgov.evidence.EvidenceRefResolver;
import dev.fp.obsgov.evidence.core.EvidenceRefCorridor;
import dev.fp.obsgov.report.core.ClosureBundle;
import dev.fp.obsgov.report.core.ReportInputs;
import dev.fp.obsgov.report.core.RunReport;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.Substrate;
import dev.fp.platform.VertxJson;
import dev.fp.platform.governance.GovernanceClient;
import dev.fp.platform.governance.GovernanceEmit;
import dev.fp.platform.governance.GovernanceFamily;
import dev.fp.platform.query.IgCountersClient;
import dev.fp.platform.supervisor.LogEndOffsets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform run reporter ({@code SYSTEM::platform_run_reporter}, reference §5.1). An <em>interim</em> report
 * rewrites {@code obs/platform_run_report.json}; a <em>closeout</em> also writes the closure bundle
 * ({@code run_completed.json}, {@code obs/run_report.json}, {@code obs/reconciliation.json},
 * {@code obs/replay_anchors.json}, {@code obs/environment_conformance.json}, {@code obs/anomaly_summary.json}),
 * resolves the report's evidence refs ({@link EvidenceRefResolver}) and emits {@code RUN_REPORT_GENERATED} once per
 * run. IG's counters come from IG's durable table through {@link IgCountersClient}: a closeout fails when IG does not
 * answer, an interim report notes it. Every file goes under the local run root and to the object store
 * at {@code fraud-platform/<run>/…}. Callers hold the run's {@link ReporterLock}.
 */
public final class RunReporter {
  public static final String COMPONENT = "platform_run_reporter";
  /** Evidence refs a closeout resolves at most (reference §5.1 export step 1). */
  static final int RESOLVED_REFS = 50;
  private static final long IG_COUNTERS_TIMEOUT_MS = 30_000;
  private final Vertx vertx;
  private final Substrate substrate;
  private final Clock clock;
  private final ReportSources sources;

  public RunReporter(Vertx vertx, Substrate substrate, Clock clock) {
    this.vertx = vertx;
    this.substrate = substrate;
    this.clock = clock;
    this.sources = new ReportSources(vertx, substrate.objectStore(), substrate.config().platformRoot());
  }

  /** What a report wrote: the report and, for a closeout, each closure file's ref (name → object URI). */
  public record Written(Map<String, Object> report, Map<String, Object> conformance, Map<String, String> refs) {
  }

  public Future<Written> interim(String runId) {
    return inputs(runId, false).compose(in -> {
      Map<String, Object> report = RunReport.build(in);
      return write(runId, ObsKeys.REPORT, report).map(ref -> new Written(report, in.conformance(),
          Map.of(ObsKeys.REPORT, ref)));
    });
  }

  public Future<Written> closeout(String runId) {
    return inputs(runId, true).compose(in -> in.igCounters() == null
            ? Future.failedFuture(new IllegalStateException("IG's durable counters of " + runId + " are unreadable: "
                + in.igCountersBasis()))
            : resolveEvidenceRefs(runId, in).map(in::withEvidenceRefResolution))
        .compose(in -> {
      Map<String, Object> report = RunReport.build(in);
      String now = in.generatedAtUtc();
      Map<String, String> refs = new LinkedHashMap<>();
      List<Object[]> files = new ArrayList<>();
      files.add(new Object[] {ObsKeys.REPORT, report});
      files.add(new Object[] {ObsKeys.REPORT_COPY, report});
      files.add(new Object[] {ObsKeys.RECONCILIATION, ClosureBundle.reconciliation(report)});
      files.add(new Object[] {ObsKeys.REPLAY_ANCHORS, ClosureBundle.replayAnchors(runId, now, in.logEndOffsets(),
          LogEndOffsets.FILE)});
      files.add(new Object[] {ObsKeys.CONFORMANCE, in.conformance()});
      files.add(new Object[] {ObsKeys.ANOMALY_SUMMARY, ClosureBundle.anomalySummary(report)});
      Future<Void> chain = Future.succeededFuture();
      for (Object[] f : files) {
        chain = chain.compose(v -> write(runId, (String) f[0], f[1]).map(ref -> {
          refs.put((String) f[0], ref);
          return null;
        }));
      }
      return chain.compose(v -> emitGenerated(runId, report))
          .compose(v -> write(runId, ObsKeys.RUN_COMPLETED, ClosureBundle.runCompleted(runId, now, closureRefs(runId,
              refs))).map(ref -> {
                refs.put(ObsKeys.RUN_COMPLETED, ref);
                return new Written(report, in.conformance(), refs);
              }));
    });
  }

  private Map<String, String> closureRefs(String runId, Map<String, String> refs) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("run_report_ref", refs.get(ObsKeys.REPORT));
    c.put("reconciliation_ref", refs.get(ObsKeys.RECONCILIATION));
    c.put("replay_anchors_ref", refs.get(ObsKeys.REPLAY_ANCHORS));
    c.put("environment_conformance_ref", refs.get(ObsKeys.CONFORMANCE));
    c.put("anomaly_summary_ref", refs.get(ObsKeys.ANOMALY_SUMMARY));
    c.put("governance_events_ref", substrate.objectStore().uri(ObsKeys.BUCKET, ObsKeys.key(runId,
        ObsKeys.EVENTS_JSONL)));
    return c;
  }

  /** RUN_REPORT_GENERATED, dedupe key {@code run_report_generated:<run>}: once per run whatever the retries. */
  @SuppressWarnings("unchecked")
  private Future<Void> emitGenerated(String runId, Map<String, Object> report) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("ingress", report.get("ingress"));
    details.put("rtdl", report.get("rtdl"));
    details.put("report_ref", substrate.objectStore().uri(ObsKeys.BUCKET, ObsKeys.key(runId, ObsKeys.REPORT)));
    return new GovernanceClient(vertx).emit(GovernanceEmit.system(GovernanceFamily.RUN_REPORT_GENERATED, runId,
        COMPONENT, "run_report_generated:" + runId, details)).mapEmpty();
  }

  /** The report's inputs; conformance (substrate probes, receipt reads) only for a closeout, which writes it. */
  private Future<ReportInputs> inputs(String runId, boolean withConformance) {
    Future<Map<String, Map<String, Object>>> health = sources.componentFiles(runId, true);
    Future<Map<String, Map<String, Object>>> metrics = sources.componentFiles(runId, false);
    Future<List<Map<String, Object>>> wsp = sources.wspReadyLines(runId);
    Future<List<String>> receipts = sources.refs(runId, "ig/receipts/");
    Future<List<String>> quarantine = sources.refs(runId, "ig/quarantine/");
    Future<List<String>> recon = sources.reconciliationRefs(runId);
    Future<Map<String, Object>> ends = sources.logEndOffsets(runId);
    Future<Map<String, Object>> quality = sources.decisionQuality(runId);
    Future<Map<String, Object>> conformance = withConformance
        ? new EnvironmentConformance(vertx, substrate, clock).evaluate(runId)
        : Future.succeededFuture(Map.of("status", "NOT_EVALUATED"));
    Future<JsonObject> ig = new IgCountersClient(vertx, IG_COUNTERS_TIMEOUT_MS).counters(runId)
        .otherwise(err -> new JsonObject().put("status", "ERROR").put("detail", "no IG answers "
            + IgCountersClient.ADDRESS + " in this process (is the control_ingress pack's ig_service running?): "
            + err.getMessage()));
    return Future.all(List.of(health, metrics, wsp, receipts, quarantine, recon, ends, conformance, ig, quality))
        .map(all ->
        new ReportInputs(runId, Timestamps.now(clock), substrate.config().profile(),
            substrate.objectStore().uri(ObsKeys.BUCKET, runId + "/"), wsp.result(), health.result(), metrics.result(),
            receipts.result(), quarantine.result(), recon.result(), ends.result(), conformance.result(),
            igCounters(ig.result()), igBasis(ig.result()), null, quality.result()));
  }

  /** IG's counters with the unresolved-ambiguity count beside them, or null when IG did not answer OK. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> igCounters(JsonObject answer) {
    if (!"OK".equals(answer.getString("status"))) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) VertxJson.plain(
        answer.getJsonObject("counters", new JsonObject())));
    out.put("publish_ambiguous_unresolved", answer.getLong("publish_ambiguous_unresolved", 0L));
    return out;
  }

  private static String igBasis(JsonObject answer) {
    return "OK".equals(answer.getString("status")) ? answer.getString("source")
        : answer.getString("code", "UNAVAILABLE") + ": " + answer.getString("detail");
  }

  /**
   * Up to {@value #RESOLVED_REFS} of the report's evidence refs (reconciliation files first, then quarantine records,
   * then receipts) through the evidence-ref corridor as {@code SYSTEM::platform_run_reporter}; each resolution is
   * recorded in the governance log (once per ref, purpose and outcome).
   */
  private Future<Map<String, Object>> resolveEvidenceRefs(String runId, ReportInputs in) {
    List<String[]> refs = new ArrayList<>();
    in.reconciliationRefs().forEach(r -> refs.add(new String[] {"reconciliation_ref",
        sources.runFile(runId, r).toString()}));
    in.quarantineRefs().forEach(r -> refs.add(new String[] {"quarantine_ref", r}));
    in.receiptRefs().forEach(r -> refs.add(new String[] {"receipt_ref", r}));
    EvidenceRefResolver resolver = new EvidenceRefResolver(vertx, substrate.objectStore(), new EvidenceRefCorridor(
        java.util.Set.copyOf(ObsGovConfig.from(substrate.config()).evidenceRefAllowlist()), ObsKeys.BUCKET,
        substrate.objectStore().uri(ObsKeys.BUCKET, ""), substrate.config().platformRoot()), clock, COMPONENT);
    List<EvidenceRefResolver.Resolution> done = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (String[] ref : refs.subList(0, Math.min(RESOLVED_REFS, refs.size()))) {
      chain = chain.compose(v -> resolver.resolve(new EvidenceRefCorridor.Request("SYSTEM::" + COMPONENT,
          COMPONENT, ref[0], ref[1], runId)).map(r -> {
            done.add(r);
            return null;
          }));
    }
    return chain.map(v -> ClosureBundle.evidenceRefResolution(done.stream().map(r -> r.resolved() ? null
        : Map.<String, Object>of("ref_type", r.refType(), "ref_id", r.refId(), "reason_code", r.reasonCode()))
        .toList(), resolver.allowlistSize()));
  }

  /** Writes the document locally (atomically) and to the object store; returns the object's URI. */
  private Future<String> write(String runId, String relative, Object doc) {
    String text = Json.writePretty(doc) + "\n";
    return vertx.executeBlocking(() -> {
      JsonFiles.write(sources.runFile(runId, relative), doc);
      return null;
    }).compose(v -> substrate.objectStore().put(ObsKeys.BUCKET, ObsKeys.key(runId, relative),
        Buffer.buffer(text.getBytes(StandardCharsets.US_ASCII))))
        .map(meta -> substrate.objectStore().uri(ObsKeys.BUCKET, meta.key()));
  }
}
