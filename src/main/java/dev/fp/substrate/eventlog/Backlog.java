package dev.fp.substrate.eventlog;

/**
 * What follows a position in a partition, measured now ({@link EventLog#backlog}).
 *
 * @param records             records after the position; when {@code exact} is false, counting stopped at the
 *                            caller's limit and the backlog is at least this
 * @param exact               the count reached the end of the partition
 * @param lastOffset          offset of the last record counted (the partition's last record when exact); null when
 *                            no record follows the position and the partition is empty
 * @param firstPublishedAtUtc publish time of the first record after the position, null when none follows
 */
public record Backlog(long records, boolean exact, String lastOffset, String firstPublishedAtUtc) {
}
