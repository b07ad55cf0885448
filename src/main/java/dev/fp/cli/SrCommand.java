package dev.fp.cli;

import dev.fp.Main;
import dev.fp.contract.Ids;
import dev.fp.contract.Json;
import dev.fp.contract.PlatformRunIds;
import dev.fp.control.sr.SrRequest;
import dev.fp.control.sr.SrResult;
import dev.fp.control.sr.SrService;
import dev.fp.control.sr.core.SrException;
import dev.fp.contract.OutputMode;
import dev.fp.platform.Substrate;
import dev.fp.platform.config.PlatformConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code fp sr}: the Scenario Runner, one-shot. {@code fp sr run --equivalence-key K --engine-run-root R …} makes a
 * sealed world READY for the active (or given) platform run and publishes READY on {@code sr-control-bus};
 * {@code fp sr reemit} re-publishes a committed READY. Exit 0 when READY is committed and on the bus; 3 when SR
 * stopped on a check (LEASE_BUSY, PLAN_DRIFT, WAITING_EVIDENCE, QUARANTINED, a failed publish …); 2 for bad input.
 */
@Command(name = "sr", mixinStandardHelpOptions = true, subcommands = {SrCommand.Run.class, SrCommand.Reemit.class},
    description = "Scenario Runner (READY authority): run | reemit.")
public final class SrCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(System.err);
    return Main.EXIT_USAGE;
  }

  /** {@code fp sr run}. */
  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Verify the sealed world, commit the READY artifacts and publish READY (the reference's run-reuse).")
  static final class Run implements Callable<Integer> {
    @Mixin
    ProfileOptions profile;

    @Option(names = "--equivalence-key", required = true, paramLabel = "KEY",
        description = "SR_RUN_EQUIVALENCE_KEY (convention parity_<UTC stamp>); same key = same SR run")
    String equivalenceKey;

    @Option(names = "--engine-run-root", required = true, paramLabel = "ROOT",
        description = "engine run root: a folder or s3://oracle-store/…")
    String engineRunRoot;

    @Option(names = "--pack-root", paramLabel = "ROOT", description = "oracle pack root (default: the engine run root)")
    String packRoot;

    @Option(names = "--stream-view-root", paramLabel = "ROOT",
        description = "stream view root (default: <engine run root>/stream_view/ts_utc)")
    String streamViewRoot;

    @Option(names = "--scenario-id", defaultValue = SrRequest.DEFAULT_SCENARIO, paramLabel = "ID")
    String scenarioId;

    @Option(names = "--mode", defaultValue = "fraud", paramLabel = "MODE",
        description = "fraud (default) or baseline: which outputs are in scope")
    String mode;

    @Option(names = "--output-id", paramLabel = "ID", description = "output in scope (repeatable; default: the mode's)")
    List<String> outputIds;

    @Option(names = "--platform-run-id", paramLabel = "ID",
        description = "default: PLATFORM_RUN_ID, else runs/fraud-platform/ACTIVE_RUN_ID")
    String platformRunId;

    @Option(names = "--window-start", defaultValue = "2026-01-01T00:00:00Z", paramLabel = "UTC")
    Instant windowStart;

    @Option(names = "--window-end", defaultValue = "2026-01-02T00:00:00Z", paramLabel = "UTC")
    Instant windowEnd;

    @Override
    public Integer call() throws Exception {
      PlatformConfig cfg = profile.load();
      SrRequest req;
      try {
        req = new SrRequest(resolveRun(cfg, platformRunId), equivalenceKey, engineRunRoot, packRoot, streamViewRoot,
            scenarioId, outputMode(mode), outputIds, windowStart, windowEnd);
      } catch (SrException e) {
        return stopped(e);
      }
      return execute(cfg, profile, sr -> sr.run(req));
    }
  }

  /** {@code fp sr reemit}. */
  @Command(name = "reemit", mixinStandardHelpOptions = true,
      description = "Re-publish the committed READY of an SR run (same message_id; consumers drop duplicates).")
  static final class Reemit implements Callable<Integer> {
    @Mixin
    ProfileOptions profile;

    @ArgGroup(multiplicity = "1")
    Target target;

    @Option(names = "--platform-run-id", paramLabel = "ID",
        description = "default: PLATFORM_RUN_ID, else runs/fraud-platform/ACTIVE_RUN_ID")
    String platformRunId;

    /** Which SR run: by id or by the key it was submitted with. */
    static final class Target {
      @Option(names = "--run-id", required = true, paramLabel = "HEX32")
      String runId;

      @Option(names = "--equivalence-key", required = true, paramLabel = "KEY")
      String equivalenceKey;
    }

    @Override
    public Integer call() throws Exception {
      PlatformConfig cfg = profile.load();
      String run = resolveRun(cfg, platformRunId);
      String runId = target.runId != null ? target.runId : Ids.srRunId(target.equivalenceKey);
      return execute(cfg, profile, sr -> sr.reemit(run, runId));
    }
  }

  static OutputMode outputMode(String mode) {
    return switch (mode) {
      case "fraud" -> OutputMode.FRAUD;
      case "baseline" -> OutputMode.BASELINE;
      default -> throw new IllegalArgumentException("--mode must be fraud or baseline, got " + mode);
    };
  }

  static String resolveRun(PlatformConfig cfg, String given) {
    if (given != null && !given.isBlank()) {
      return given;
    }
    return new PlatformRunIds(Clock.systemUTC()).resolve(cfg.runsRoot(), System.getenv())
        .orElseThrow(() -> new IllegalArgumentException("no platform run: pass --platform-run-id, set "
            + PlatformRunIds.ENV_VAR + " or pin a run (fp run)"));
  }

  private static int execute(PlatformConfig cfg, ProfileOptions profile, Function<SrService, Future<SrResult>> action)
      throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Substrate substrate = Await.result(Substrate.open(vertx, cfg), 60);
      try {
        SrResult result = Await.result(action.apply(SrService.create(vertx, substrate, Clock.systemUTC())), 3600);
        print(result, profile);
        return result.readyPublished() ? Main.EXIT_OK : Main.EXIT_GATE_FAILED;
      } catch (SrException e) {
        return stopped(e);
      } finally {
        Await.result(substrate.close(), 30);
      }
    } finally {
      Await.result(vertx.close(), 30);
    }
  }

  /** Prints why SR stopped and its remedy; exit 2 for bad input, 3 for a failed check. */
  private static int stopped(SrException e) {
    System.err.println("fp sr: " + e.getMessage() + "\n  remedy: " + e.remedy());
    return e.isInputError() ? Main.EXIT_USAGE : Main.EXIT_GATE_FAILED;
  }

  private static void print(SrResult r, ProfileOptions profile) throws Exception {
    if (profile.jsonOutput()) {
      System.out.println(Json.writePretty(r.toMap()));
      return;
    }
    System.out.println("SR run " + r.runId() + " (platform run " + r.platformRunId() + "): " + r.state()
        + (r.reasonCode() == null ? "" : " " + r.reasonCode()));
    r.problems().forEach(p -> System.out.println("  " + p));
    if (r.messageId() != null) {
      System.out.println("  READY message_id " + r.messageId() + (r.published() ? " on sr-control-bus"
          + (r.busRef() == null ? "" : " partition " + r.busRef().partition() + " offset " + r.busRef().offset())
          : " NOT published (fix the bus, then `fp sr reemit --run-id " + r.runId() + "`)"));
      System.out.println("  facts view " + r.factsViewRef());
    }
  }
}
