package dev.fp.platform.stream;

/**
 * How far a consumer is behind one partition's end, measured now (rtdl_design §1 "Lag").
 *
 * @param checkpoint     last committed offset, null before the first commit
 * @param endOffset      offset of the partition's last record (null when empty), or of the last record counted
 * @param recordsBehind  records after the checkpoint (file log: exact; Kinesis: counted up to a limit, see
 *                       {@code exact})
 * @param secondsBehind  wall time since the oldest unprocessed record was published; 0 when caught up
 */
public record PartitionLag(String topic, int partition, String checkpoint, String endOffset, long recordsBehind,
                           boolean exact, double secondsBehind) {
}
