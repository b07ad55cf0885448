package dev.fp.substrate.eventlog;

/**
 * Where a published record lives: the replay pointer carried in IG receipts as {@code eb_ref}.
 * {@code offset} is a string (line number for files, sequence number for Kinesis).
 */
public record EbRef(String topic, int partition, String offset, String offsetKind, String publishedAtUtc) {
}
