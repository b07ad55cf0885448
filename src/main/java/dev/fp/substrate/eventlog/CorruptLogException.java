package dev.fp.substrate.eventlog;

/**
 * A complete line of a file partition is not a valid record (not JSON, or missing fields). The file log never writes
 * such a line (records are whole lines written under a lock and a torn tail is repaired), so this is storage damage:
 * reads fail at that line instead of skipping it, because a skipped record may be one an IG receipt points to. The
 * operator repairs or restores the file; the message names topic, partition and 0-based line number.
 */
public class CorruptLogException extends RuntimeException {
  private final String topic;
  private final int partition;
  private final long line;

  public CorruptLogException(String topic, int partition, long line, String detail) {
    super("corrupt record in topic " + topic + " partition " + partition + " at line " + line + ": " + detail);
    this.topic = topic;
    this.partition = partition;
    this.line = line;
  }

  public String topic() { return topic; }

  public int partition() { return partition; }

  public long line() { return line; }
}
