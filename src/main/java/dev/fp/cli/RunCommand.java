package dev.fp.cli;

import dev.fp.contract.PlatformRunIds;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.config.ConfigDigest;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.supervisor.Phase;
import dev.fp.platform.supervisor.PhaseStore;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.platform.supervisor.RunOptions;
import dev.fp.platform.supervisor.RunOutcome;
import dev.fp.platform.supervisor.Supervisor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code fp run}: drive a platform run through P0..P11 and exit 0 only on a strict-closeout PASS. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the platform lifecycle P0..P11 for one run (new, or --resume the active one).")
public final class RunCommand implements Callable<Integer> {
  @Mixin
  ProfileOptions profile;

  @Option(names = "--cap", paramLabel = "N", defaultValue = "20",
      description = "events per output to stream (WSP_MAX_EVENTS_PER_OUTPUT): 20, 200, 500000 …; default ${DEFAULT-VALUE}")
  long cap;

  @Option(names = "--mode", paramLabel = "MODE", defaultValue = "fraud", description = "fraud (default) or baseline")
  Mode mode;

  @Option(names = "--equivalence-key", paramLabel = "KEY", description = "SR equivalence key (default: fresh per run)")
  String equivalenceKey;

  @Option(names = "--speedup", paramLabel = "X", defaultValue = "0",
      description = "replay speed-up for WSP pacing; 0 streams as fast as possible (default)")
  double speedup;

  @Option(names = "--resume", description = "continue the active run (ACTIVE_RUN_ID) at its first phase not passed")
  boolean resume;

  /** Allowed values of --mode. */
  public enum Mode { fraud, baseline }

  @Override
  public Integer call() throws Exception {
    if (cap < 1) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--cap must be >= 1, got " + cap);
    }
    PlatformConfig cfg = profile.load();
    Clock clock = Clock.systemUTC();
    PlatformRuntime rt = Await.result(PlatformRuntime.start(cfg, clock), 120);
    Thread hook = Shutdown.install(rt, cfg.drainSeconds());
    try {
      RunOutcome outcome = Await.result(supervise(rt, cfg, clock), Long.MAX_VALUE / 4);
      PhaseTable.print(outcome, profile.jsonOutput());
      return outcome.exitCode();
    } finally {
      Shutdown.runNow(hook, rt, cfg.drainSeconds());
    }
  }

  private io.vertx.core.Future<RunOutcome> supervise(PlatformRuntime rt, PlatformConfig cfg, Clock clock)
      throws Exception {
    RunOptions options = new RunOptions(cap, mode.name(), equivalenceKey, speedup);
    PhaseStore store = new PhaseStore(rt.vertx(), rt.substrate().db(), cfg.platformRoot(), clock);
    if (!resume) {
      System.err.print(Banner.text(rt, null));
      RunContext ctx = new RunContext(rt.vertx(), rt.substrate(), options, clock, null);
      return new Supervisor(ctx, PhaseCatalog.handlers(store, rt), store, Phase.P11).run()
          .onSuccess(o -> rt.activeRun(o.platformRunId()));
    }
    String runId = new PlatformRunIds(clock).resolve(cfg.runsRoot(), System.getenv())
        .orElseThrow(() -> new IllegalArgumentException("--resume: no active run (runs/fraud-platform/ACTIVE_RUN_ID)"));
    Map<String, Object> row = Await.result(store.run(runId), 60);
    if (row == null) {
      throw new IllegalArgumentException("--resume: run " + runId + " is not in the supervisor store");
    }
    String digest = ConfigDigest.of(cfg);
    if (!digest.equals(row.get("config_digest"))) {
      throw new dev.fp.platform.config.ConfigException("profile",
          "refusing to resume " + runId + ": configuration changed since the run started (digest "
              + row.get("config_digest") + " -> " + digest + "); start a fresh run instead");
    }
    RunOptions stored = new RunOptions(((Number) row.get("cap_per_output")).longValue(), (String) row.get("mode"),
        equivalenceKey, speedup);
    rt.activeRun(runId);
    System.err.print(Banner.text(rt, runId));
    System.err.println("resuming " + runId + " (started " + row.get("created_at_utc") + ", last update "
        + row.get("updated_at_utc") + ", cap " + stored.capPerOutput() + ", mode " + stored.mode() + ")");
    RunContext ctx = new RunContext(rt.vertx(), rt.substrate(), stored, clock, runId);
    return store.load(runId).compose(records ->
        new Supervisor(ctx, PhaseCatalog.handlers(store, rt), store, Phase.P11).resume(records));
  }
}
