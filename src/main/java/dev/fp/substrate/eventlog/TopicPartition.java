package dev.fp.substrate.eventlog;

/** One partition of one topic. */
public record TopicPartition(String topic, int partition) {
  @Override
  public String toString() {
    return topic + "/" + partition;
  }
}
