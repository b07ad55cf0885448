package dev.fp.obsgov.report;

import dev.fp.contract.Json;
import dev.fp.contract.Timestamps;
import dev.fp.obsgov.ObsKeys;
import dev.fp.obsgov.conformance.EnvironmentConformance;
import dev.fp.obsgov.report.core.ClosureBundle;
import dev.fp.obsgov.report.core.ReportInputs;
import dev.fp.obsgov.report.core.RunReport;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.Substrate;
import dev.fp.platform.governance.GovernanceClient;
import dev.fp.platform.governance.GovernanceEmit;
import dev.fp.platform.governance.GovernanceFamily;
import dev.fp.platform.supervisor.LogEndOffsets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

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
 * {@code obs/replay_anchors.json}, {@code obs/environment_conformance.json}, {@code obs/anomaly_summary.json}) and
 * emits {@code RUN_REPORT_GENERATED} once per run. Every file goes under the local run root and to the object store
 * at {@code fraud-platform/<run>/…}. Callers hold the run's {@link ReporterLock}.
 */
public final class RunReporter {
  public static final String COMPONENT = "platform_run_reporter";
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
    return inputs(runId, true).compose(in -> {
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
    return Future.all(List.of(health, metrics, wsp, receipts, quarantine, recon, ends, conformance, quality))
        .map(all -> new ReportInputs(runId, Timestamps.now(clock), substrate.config().profile(),
            substrate.objectStore().uri(ObsKeys.BUCKET, runId + "/"), wsp.result(), health.result(), metrics.result(),
            receipts.result(), quarantine.result(), recon.result(), ends.result(), conformance.result(),
            quality.result()));
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
