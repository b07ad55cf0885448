package dev.fp.substrate.eventlog;

/**
 * An {@code AFTER} position does not exist in the partition (Kinesis: InvalidArgumentException or
 * ResourceNotFoundException on the AFTER_SEQUENCE_NUMBER iterator; file: an offset past the last line, or not a line
 * number), typically a checkpoint from an earlier incarnation of the log. {@link LogConsumer} logs one warning and
 * restarts the partition from its configured start position.
 */
public class StalePositionException extends RuntimeException {
  public StalePositionException(String topic, int partition, String offset, String detail) {
    super("stale position AFTER " + offset + " in topic " + topic + " partition " + partition + ": " + detail);
  }
}
