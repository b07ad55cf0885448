package dev.fp.substrate.eventlog;

/**
 * A record to publish: its partition key (routing) and its data (compact JSON of an envelope).
 *
 * @param jsonValue the producer wrote {@code data} with a JSON generator as one compact value (an envelope): a file
 *                  log may then store it inline after a cheap shape check instead of parsing it again
 */
public record OutRecord(String partitionKey, String data, boolean jsonValue) {

  /** Data of unknown shape: a file log parses it before storing it inline. */
  public OutRecord(String partitionKey, String data) {
    this(partitionKey, data, false);
  }

  /** Data a JSON generator wrote as one compact object or array (no line breaks). */
  public static OutRecord json(String partitionKey, String data) {
    return new OutRecord(partitionKey, data, true);
  }
}
