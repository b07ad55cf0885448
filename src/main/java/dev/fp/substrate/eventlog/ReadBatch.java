package dev.fp.substrate.eventlog;

import java.util.List;

/** Records read from one partition and the position to continue from. */
public record ReadBatch(List<LogRecord> records, Position next) {
}
