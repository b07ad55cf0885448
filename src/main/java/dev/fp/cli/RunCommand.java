package dev.fp.cli;

import dev.fp.app.SpineGreen;
import dev.fp.control.wsp.WspEvidence;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.RunService;
import dev.fp.platform.config.KeyFiles;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.supervisor.EvidenceMap;
import dev.fp.platform.supervisor.Phase;
import dev.fp.platform.supervisor.RunOptions;
import dev.fp.platform.supervisor.RunOutcome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code fp run}: drive a platform run through P0..P11 and exit 0 only on a strict-closeout PASS. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the platform lifecycle P0..P11 for one run (new, or --resume the active one).")
public final class RunCommand implements Callable<Integer> {
  @Mixin
  ProfileOptions profile;

  @Option(names = "--cap", paramLabel = "N",
      description = "events per output to stream (WSP_MAX_EVENTS_PER_OUTPUT): 20, 200, 500000 …; default 20 "
          + "(a resume keeps the run's cap)")
  Long cap;

  @Option(names = "--mode", paramLabel = "MODE", defaultValue = "fraud", description = "fraud (default) or baseline")
  Mode mode;

  @Option(names = "--equivalence-key", paramLabel = "KEY", description = "SR equivalence key (default: fresh per run)")
  String equivalenceKey;

  @Option(names = "--speedup", paramLabel = "X", defaultValue = "0",
      description = "replay speed-up for WSP pacing; 0 streams as fast as possible (default)")
  double speedup;

  @Option(names = "--resume", description = "continue the active run (ACTIVE_RUN_ID) at its first phase not passed: "
      + "a phase the process died in is re-entered, a failed one only where the seed allows a retry (P3, P5, P6, P11)")
  boolean resume;

  @Option(names = "--reset-output", paramLabel = "OUTPUT_ID", split = ",",
      description = "with --resume at a failed P3: delete only this output's stream view and sort it again (the "
          + "seed's per-output P3 retry); repeatable")
  java.util.List<String> resetOutputs;

  @Option(names = "--retry", paramLabel = "PHASE",
      description = "with --resume: retry this phase, which must be where the run stopped and one of the seed's retry "
          + "loops (P3 per output, P5 with a new key or lease, P6 with caps, P11 with the reporter stopped); any other "
          + "is refused with the seed's reason (exit 3)")
  Phase retry;

  @Option(names = "--new-key", description = "with --retry P5: take a new SR equivalence key (_r<attempt>)")
  boolean newKey;

  @Option(names = "--teardown", description = "after the run passes P11, tear it down (P12: packs stopped in reverse "
      + "start order, final status captured, run scope closed)")
  boolean teardown;

  /** The P6 stream window (first WSP push → last admission), as the reference measured it. */
  private static void printStreamWindow(PlatformRuntime rt, String runId) throws Exception {
    var cfg = rt.substrate().config();
    Await.result(new WspEvidence(rt.vertx(), rt.substrate().db(), cfg.platformRoot(), cfg.profile(), rt.clock())
        .streamWindow(runId), 30).ifPresent(w -> System.out.printf(
            "P6 stream window: %s -> %s, %d events in %.3f s (%.0f events/s)%n", w.firstPushUtc(), w.lastAckUtc(),
            w.events(), w.duration().toMillis() / 1000.0, w.eventsPerSecond()));
  }

  /** Allowed values of --mode. */
  public enum Mode { fraud, baseline }

  @Override
  public Integer call() throws Exception {
    if (cap != null && cap < 1) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--cap must be >= 1, got " + cap);
    }
    if (resetOutputs != null && !resume) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--reset-output applies to --resume only");
    }
    if (retry != null && !resume) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--retry applies to --resume only");
    }
    if (newKey && retry != Phase.P5) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--new-key applies to --retry P5 only");
    }
    if (speedup < 0) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--speedup must be >= 0, got " + speedup);
    }
    PlatformConfig cfg = KeyFiles.prepare(profile.load(), System.err);
    PlatformRuntime rt = Await.result(SpineGreen.start(cfg, Clock.systemUTC()), 120);
    Thread hook = Shutdown.install(rt, cfg.drainSeconds());
    try {
      RunService runs = new RunService(rt);
      Await.result(SpineGreen.mountOperatorApi(rt, runs), 30);
      rt.markStarted();
      System.err.print(Banner.text(rt, null));
      RunService.Started started = Await.result(resume
          ? runs.resume(new RunService.ResumeRequest(cap, resetOutputs, equivalenceKey, speedup, newKey, retry,
              teardown))
          : runs.start(new RunOptions(cap == null ? RunOptions.DEFAULT_CAP : cap, mode.name(), equivalenceKey,
              speedup), teardown), Long.MAX_VALUE / 4);
      RunOutcome outcome = Await.result(started.outcome(), Long.MAX_VALUE / 4);
      PhaseTable.print(outcome, profile.jsonOutput(), outcome.platformRunId() == null ? null
          : EvidenceMap.read(cfg.platformRoot().resolve(outcome.platformRunId()), outcome.phases()));
      if (outcome.platformRunId() != null && !profile.jsonOutput()) {
        printStreamWindow(rt, outcome.platformRunId());
      }
      return outcome.exitCode();
    } finally {
      Shutdown.runNow(hook, rt, cfg.drainSeconds());
    }
  }
}
