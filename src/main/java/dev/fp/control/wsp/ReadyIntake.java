package dev.fp.control.wsp;

import dev.fp.contract.JsonDoc;
import dev.fp.contract.ReadySignal;
import dev.fp.control.wsp.store.WspStore;
import dev.fp.substrate.eventlog.BatchHandler;
import dev.fp.substrate.eventlog.LogRecord;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.slf4j.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The control-bus consumer's durable effect: each valid READY becomes a PENDING {@code wsp_ready_records} row in the
 * same transaction as the consumer checkpoint, so a READY is never lost between reading and streaming (the
 * reference's in-memory iterator lost deferred READYs). A READY whose message_id is already recorded is a duplicate
 * (logged at most once a minute per message_id); other control records are dropped with their coordinates.
 */
final class ReadyIntake implements BatchHandler {
  private final WspStore store;
  private final Logger log;
  private final Clock clock;
  private final long duplicateLogMs;
  private final Map<String, Long> duplicateLoggedAt = new ConcurrentHashMap<>();

  ReadyIntake(WspStore store, Logger log, Clock clock, long duplicateLogMs) {
    this.store = store;
    this.log = log;
    this.clock = clock;
    this.duplicateLogMs = duplicateLogMs;
  }

  @Override
  public Future<Void> handle(SqlConnection tx, List<LogRecord> batch) {
    Future<Void> chain = Future.succeededFuture();
    for (LogRecord r : batch) {
      chain = chain.compose(v -> take(tx, r));
    }
    return chain;
  }

  private Future<Void> take(SqlConnection tx, LogRecord r) {
    Map<String, Object> message = JsonDoc.parse(r.data().getBytes(StandardCharsets.UTF_8)).orElse(Map.of());
    ReadySignal.Parsed parsed = ReadySignal.parse(message);
    if (!parsed.isReady()) {
      log.warn("WSP control record dropped topic={} partition={} offset={} reason={}", r.topic(), r.partition(),
          r.offset(), message.isEmpty() ? "NOT_JSON" : parsed.dropReason());
      return Future.succeededFuture();
    }
    ReadySignal ready = parsed.ready();
    return store.insertReady(tx, ready.messageId(), ready.platformRunId(), ready.scenarioRunId(), r.data(),
        r.topic() + "/" + r.partition() + "@" + r.offset()).map(isNew -> {
          if (isNew) {
            log.info("WSP READY received message_id={} run_id={} platform_run_id={} offset={}", ready.messageId(),
                ready.runId(), ready.platformRunId(), r.offset());
          } else {
            logDuplicate(ready);
          }
          return null;
        });
  }

  private void logDuplicate(ReadySignal ready) {
    long now = clock.millis();
    Long last = duplicateLoggedAt.get(ready.messageId());
    if (last == null || now - last >= duplicateLogMs) {
      duplicateLoggedAt.put(ready.messageId(), now);
      log.info("WSP READY duplicate skipped message_id={} run_id={}", ready.messageId(), ready.runId());
    }
  }
}
