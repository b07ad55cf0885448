package dev.fp.substrate.eventlog;

/** The topic does not exist (Kinesis: ResourceNotFoundException). */
public class NoSuchTopicException extends RuntimeException {
  public NoSuchTopicException(String topic) {
    super("no such topic: " + topic);
  }
}
