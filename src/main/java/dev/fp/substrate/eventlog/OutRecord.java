package dev.fp.substrate.eventlog;

/** A record to publish: its partition key (routing) and its data (compact JSON of an envelope). */
public record OutRecord(String partitionKey, String data) {
}
