package dev.fp.substrate.eventlog;

/** A record read back from a partition, with its coordinates. */
public record LogRecord(String topic, int partition, String offset, String partitionKey, String data,
                        String publishedAtUtc) {
}
