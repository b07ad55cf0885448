package dev.fp.platform.evidence;

/**
 * Where a durable evidence record lives. {@code ref} is the object URI ({@code s3://bucket/key} or a file path), with
 * {@code #L<line>} (1-based) for a record inside a segment. {@code created} is false when an identical record was
 * already there (the write was a no-op).
 */
public record EvidenceRef(String id, String ref, boolean created) {
}
