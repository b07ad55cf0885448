package dev.fp.control.sr;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Timestamps;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.log.Logging;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SR's local run evidence under {@code runs/fraud-platform/<platform_run_id>/}: the run log
 * {@code scenario_runner/scenario_runner.log} (the P5 gate looks for "READY committed" and "READY published" in it)
 * and {@code session.jsonl} lines {@code {platform_run_id, component, event_kind, ts_utc, details}}
 * ({@code run_submit}, {@code reemit}). Every line also goes to the {@code scenario_runner} logger. Lines are
 * appended and forced to disk on a worker thread.
 */
final class SrRunLog {
  static final String COMPONENT = "scenario_runner";
  static final String LOG_FILE = COMPONENT + "/" + COMPONENT + ".log";
  private static final Logger LOG = Logging.component(COMPONENT);

  private final Vertx vertx;
  private final Path platformRoot;
  private final Clock clock;

  SrRunLog(Vertx vertx, Path platformRoot, Clock clock) {
    this.vertx = vertx;
    this.platformRoot = platformRoot;
    this.clock = clock;
  }

  static Path logFile(Path platformRoot, String platformRunId) {
    return platformRoot.resolve(platformRunId).resolve(LOG_FILE);
  }

  Future<Void> info(String platformRunId, String message) {
    LOG.info(message);
    return append(logFile(platformRoot, platformRunId), line("INFO", platformRunId, message));
  }

  Future<Void> warn(String platformRunId, String message) {
    LOG.warn(message);
    return append(logFile(platformRoot, platformRunId), line("WARN", platformRunId, message));
  }

  Future<Void> session(String platformRunId, String eventKind, Map<String, Object> details) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("platform_run_id", platformRunId);
    m.put("component", COMPONENT);
    m.put("event_kind", eventKind);
    m.put("ts_utc", Timestamps.now(clock));
    m.put("details", details);
    return append(platformRoot.resolve(platformRunId).resolve("session.jsonl"), CanonicalJson.write(m));
  }

  /** The run log's text, empty when it does not exist. Blocking: worker threads only. */
  static String readLog(Path platformRoot, String platformRunId) throws IOException {
    Path f = logFile(platformRoot, platformRunId);
    return Files.isRegularFile(f) ? Files.readString(f) : "";
  }

  private String line(String level, String platformRunId, String message) {
    return Timestamps.now(clock) + " " + level + " [" + platformRunId + " " + COMPONENT + "] " + message;
  }

  private Future<Void> append(Path file, String line) {
    return vertx.executeBlocking(() -> {
      JsonFiles.appendLine(file, line);
      return null;
    });
  }
}
