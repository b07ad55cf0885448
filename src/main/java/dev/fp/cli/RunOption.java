package dev.fp.cli;

import dev.fp.contract.PlatformRunIds;
import dev.fp.platform.config.PlatformConfig;
import picocli.CommandLine.Option;

import java.time.Clock;

/** {@code --run} of a command about one run: the given platform run id, else the active run. */
final class RunOption {
  @Option(names = "--run", paramLabel = "PLATFORM_RUN_ID", description = "the run (default: the active run)")
  String run;

  /** The run; a bad id, or no id and no active run, is a usage error. */
  String resolve(PlatformConfig cfg) {
    if (run != null) {
      if (!PlatformRunIds.isValid(run)) {
        throw new IllegalArgumentException("--run: not a platform run id: " + run);
      }
      return run;
    }
    return new PlatformRunIds(Clock.systemUTC()).resolve(cfg.runsRoot(), System.getenv()).orElseThrow(() ->
        new IllegalArgumentException("no active run (runs/fraud-platform/ACTIVE_RUN_ID): pass --run"));
  }
}
