package dev.fp.substrate.eventlog;

import io.vertx.core.Vertx;

/** The one place that names the {@link EventLog} adapters: picks one from {@code substrate.eventlog.kind}. */
public final class EventLogs {
  private EventLogs() {
  }

  /** {@code file}: {@link FileEventLog} at {@code root}; {@code kinesis}: {@link KinesisEventLog} at the endpoint. */
  public static EventLog create(Vertx vertx, EventLogConfig cfg) {
    return switch (cfg.kind()) {
      case "file" -> new FileEventLog(vertx, cfg.fileRoot(), cfg.fsync());
      case "kinesis" -> new KinesisEventLog(vertx, cfg.kinesis());
      default -> throw new IllegalArgumentException("substrate.eventlog.kind: unknown adapter " + cfg.kind());
    };
  }
}
