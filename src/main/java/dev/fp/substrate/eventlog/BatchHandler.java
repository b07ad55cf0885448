package dev.fp.substrate.eventlog;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.util.List;

/**
 * A consumer's durable effect for one batch of one partition, written through {@code tx}: the consumer commits it
 * together with the checkpoint, so a failed future (or exception) rolls both back and the batch is delivered again.
 * Must therefore be idempotent per record. Never called with an empty batch.
 */
@FunctionalInterface
public interface BatchHandler {
  Future<Void> handle(SqlConnection tx, List<LogRecord> batch);
}
