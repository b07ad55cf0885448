package dev.fp.control.wsp;

import dev.fp.control.wsp.core.PackGate;
import dev.fp.platform.JsonFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The cross-pack gate's shell (case_ops_obs §4.5): reads {@code runs/fraud-platform/operate/<pack_id>/state.json}
 * of every required pack on a worker and asks {@link PackGate}; the first problem is the reason the READY is
 * deferred. The answer is cached per platform run for the configured check interval (2 s by default).
 */
final class PackReadiness {
  private final Vertx vertx;
  private final Path platformRoot;
  private final String profile;
  private final WspConfig.Ready cfg;
  private final Function<String, List<String>> expectedProcesses;
  private final Clock clock;
  private String cachedRun;
  private long cachedAtMs;
  private Optional<String> cached = Optional.empty();

  /** @param expectedProcesses pack name → the process ids that pack has in this build */
  PackReadiness(Vertx vertx, Path platformRoot, String profile, WspConfig.Ready cfg,
                Function<String, List<String>> expectedProcesses, Clock clock) {
    this.vertx = vertx;
    this.platformRoot = platformRoot;
    this.profile = profile;
    this.cfg = cfg;
    this.expectedProcesses = expectedProcesses;
    this.clock = clock;
  }

  static String packId(String profile, String packName) {
    return profile + "_" + packName + "_v0";
  }

  /** Empty when every required pack is live for {@code platformRunId}, else the first reason. */
  Future<Optional<String>> notReady(String platformRunId) {
    long now = clock.millis();
    if (platformRunId.equals(cachedRun) && now - cachedAtMs < cfg.packCheckInterval().toMillis()) {
      return Future.succeededFuture(cached);
    }
    return vertx.executeBlocking(() -> evaluate(platformRunId)).onSuccess(result -> {
      cachedRun = platformRunId;
      cachedAtMs = now;
      cached = result;
    });
  }

  private Optional<String> evaluate(String platformRunId) {
    for (String pack : cfg.requiredPacks()) {
      String id = packId(profile, pack);
      Optional<String> problem = PackGate.notReady(id, readState(id), expectedProcesses.apply(pack), platformRunId,
          cfg.requireActiveRunMatch(), PackReadiness::jvmAlive);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private Object readState(String packId) {
    Path file = platformRoot.resolve("operate").resolve(packId).resolve("state.json");
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return JsonFiles.read(file);
    } catch (RuntimeException e) {
      return "unreadable";
    }
  }

  private static boolean jvmAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  Duration checkInterval() {
    return cfg.packCheckInterval();
  }
}
