package dev.fp.cli;

import dev.fp.app.SpineGreen;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.OperatorRefusal;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.RunService;
import dev.fp.platform.supervisor.RunOutcome;
import dev.fp.platform.config.PlatformConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code fp down}: stop the platform process(es) that run packs, found through the packs' {@code state.json}
 * (jvm_pid): SIGTERM, wait for the drain, then SIGKILL after the timeout; then tear the active run down (P12: every
 * pack stopped, its final status captured, the run scope closed, recorded by the supervisor).
 */
@Command(name = "down", mixinStandardHelpOptions = true,
    description = "Stop running platform processes (SIGTERM, drain, then SIGKILL after --timeout-seconds), then tear "
        + "the active run down (P12 DONE).")
public final class DownCommand implements Callable<Integer> {
  @Mixin
  ProfileOptions profile;

  @Option(names = "--timeout-seconds", defaultValue = "30", paramLabel = "S", description = "drain budget (default ${DEFAULT-VALUE})")
  int timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    PlatformConfig cfg = profile.load();
    Path operate = cfg.platformRoot().resolve("operate");
    TreeSet<Long> pids = new TreeSet<>();
    if (Files.isDirectory(operate)) {
      try (Stream<Path> dirs = Files.list(operate)) {
        dirs.map(d -> d.resolve("state.json")).filter(Files::isRegularFile).forEach(f -> {
          Object pid = JsonFiles.read(f).get("jvm_pid");
          if (pid instanceof Number n && n.longValue() != ProcessHandle.current().pid()) {
            pids.add(n.longValue());
          }
        });
      }
    }
    int stopped = 0;
    for (long pid : pids) {
      Optional<ProcessHandle> ph = ProcessHandle.of(pid);
      if (ph.isEmpty() || !ph.get().isAlive()) {
        continue;
      }
      ph.get().destroy();
      try {
        ph.get().onExit().get(timeoutSeconds, TimeUnit.SECONDS);
        System.out.println("stopped platform process " + pid);
      } catch (java.util.concurrent.TimeoutException e) {
        ph.get().destroyForcibly();
        System.out.println("killed platform process " + pid + " (did not drain within " + timeoutSeconds + " s)");
      }
      stopped++;
    }
    if (stopped == 0) {
      System.out.println("no running platform process found under " + operate);
    }
    return teardown(cfg);
  }

  /** Records P12 for the active run in this process (its packs are stopped by now); 0 when there is nothing to do. */
  private int teardown(PlatformConfig cfg) throws Exception {
    PlatformRuntime rt = Await.result(SpineGreen.start(cfg.withHttpPort(0), Clock.systemUTC()), 120);
    try {
      RunService runs = new RunService(rt);
      RunService.Started started;
      try {
        started = Await.result(runs.teardown(Await.result(runs.activeRunId(), 30)), 30);
      } catch (OperatorRefusal r) {
        System.out.println("no teardown recorded (" + r.code() + "): " + r.getMessage());
        return 0;
      }
      RunOutcome outcome = Await.result(started.outcome(), timeoutSeconds + 120L);
      PhaseTable.print(outcome, profile.jsonOutput());
      return outcome.exitCode();
    } finally {
      Await.result(rt.shutdown(), timeoutSeconds);
    }
  }
}
