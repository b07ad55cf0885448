package dev.fp.control.wsp;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Timestamps;
import dev.fp.platform.JsonFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WSP's lines in {@code runs/fraud-platform/<platform_run_id>/session.jsonl} (control_ingress §0): one sorted-key
 * JSON object {@code {platform_run_id, component, event_kind, ts_utc, details}} per event — {@code ready_received},
 * {@code engine_world_selected}, {@code stream_start}, {@code checkpoint_saved}, {@code engine_world_streamed},
 * {@code stream_complete}. Best-effort evidence: a failed append is logged, never fails the stream.
 */
final class SessionLog {
  static final String COMPONENT = "world_streamer_producer";

  private final Vertx vertx;
  private final Path platformRoot;
  private final Clock clock;
  private final Logger log;

  SessionLog(Vertx vertx, Path platformRoot, Clock clock, Logger log) {
    this.vertx = vertx;
    this.platformRoot = platformRoot;
    this.clock = clock;
    this.log = log;
  }

  static Path file(Path platformRoot, String platformRunId) {
    return platformRoot.resolve(platformRunId).resolve("session.jsonl");
  }

  Future<Void> append(String platformRunId, String eventKind, Map<String, Object> details) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("platform_run_id", platformRunId);
    line.put("component", COMPONENT);
    line.put("event_kind", eventKind);
    line.put("ts_utc", Timestamps.now(clock));
    line.put("details", details);
    String text = CanonicalJson.write(line);
    return vertx.<Void>executeBlocking(() -> {
      JsonFiles.appendLine(file(platformRoot, platformRunId), text);
      return null;
    }).recover(err -> {
      log.warn("WSP session event {} not written for {}: {}", eventKind, platformRunId, err.getMessage());
      return Future.succeededFuture();
    });
  }
}
