package dev.fp.substrate.eventlog;

/**
 * An {@code AFTER} or {@code AT} position does not exist in the partition (Kinesis: InvalidArgumentException or
 * ResourceNotFoundException on the sequence-number iterator; file: an offset past the last line, or not a line
 * number), typically a checkpoint from an earlier incarnation of the log. Consumers log one warning and restart the
 * partition from their configured start position.
 */
public class StalePositionException extends RuntimeException {
  public StalePositionException(String topic, int partition, Position position, String detail) {
    super("stale position " + position.describe() + " in topic " + topic + " partition " + partition + ": " + detail);
  }
}
