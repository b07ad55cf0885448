package dev.fp.cli;

import dev.fp.contract.Json;
import dev.fp.ingress.ig.IgCountersEndpoint;
import dev.fp.obsgov.governance.GovernanceWriterVerticle;
import dev.fp.obsgov.report.ReporterLock;
import dev.fp.obsgov.report.ReporterLockHeldException;
import dev.fp.obsgov.report.ReporterWorkerVerticle;
import dev.fp.obsgov.report.RunReporter;
import dev.fp.platform.config.PlatformConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code fp report}: writes the closeout run report and closure bundle of a run (default: the active run) under the
 * run's reporter lock. While another reporter holds it (the obs_gov pack's worker of a running platform, a P11
 * closeout) it refuses, names the holder and exits 3. Governance events are recorded by a writer in this process, and
 * IG's durable counters are read from IG's tables by this process.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write the run report, closure bundle and environment conformance of a run (one reporter per run).")
public final class ReportCommand implements Callable<Integer> {
  @Mixin
  ProfileOptions profile;

  @Mixin
  RunOption run;

  @Override
  public Integer call() throws Exception {
    PlatformConfig cfg = profile.load();
    String runId = run.resolve(cfg);
    return LocalSubstrate.open(cfg, (vertx, substrate) -> {
      Await.result(vertx.deployVerticle(new GovernanceWriterVerticle(substrate, Clock.systemUTC())), 30);
      ReporterLock.Lease lease;
      try {
        lease = Await.result(ReporterLock.of(vertx, substrate).acquire(runId,
            ReporterWorkerVerticle.holderName("report")), 60);
      } catch (ReporterLockHeldException held) {
        System.err.println("fp report: refusing to run: " + held.getMessage());
        return 3;
      }
      RunReporter.Written w;
      try {
        // the report reads IG's durable counters as IG serves them; no IG runs here, so this process serves its
        // tables (opened once the lock says no platform process reports this run)
        Await.result(IgCountersEndpoint.serveIfAbsent(vertx, Await.result(substrate.stateStore(), 60)), 30);
        w = Await.result(new RunReporter(vertx, substrate, Clock.systemUTC()).closeout(runId), 600);
      } finally {
        Await.result(lease.release(), 30);
      }
      print(runId, w);
      return 0;
    });
  }

  private void print(String runId, RunReporter.Written w) {
    if (profile.jsonOutput()) {
      System.out.println(Json.writePretty(Map.of("platform_run_id", runId, "artifact_refs", w.refs(),
          "environment_conformance", w.conformance().get("status"), "ingress", w.report().get("ingress"))));
      return;
    }
    System.out.println("platform_run_id: " + runId);
    System.out.println("environment conformance: " + w.conformance().get("status"));
    System.out.println("ingress: " + Json.write(w.report().get("ingress")));
    w.refs().forEach((name, ref) -> System.out.println("  " + name + ": " + ref));
  }
}
