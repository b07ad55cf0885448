package dev.fp.cli;

import dev.fp.platform.JsonFiles;
import dev.fp.platform.config.PlatformConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code fp down}: stop the platform process(es) that run packs, found through the packs' {@code state.json}
 * (jvm_pid): SIGTERM, wait for the drain, then SIGKILL after the timeout.
 */
@Command(name = "down", mixinStandardHelpOptions = true,
    description = "Stop running platform processes (SIGTERM, drain, then SIGKILL after --timeout-seconds).")
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
    return 0;
  }
}
