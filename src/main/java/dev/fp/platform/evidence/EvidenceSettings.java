package dev.fp.platform.evidence;

/**
 * Evidence writer settings.
 *
 * @param bucket               object-store bucket (e.g. {@code fraud-platform})
 * @param flushRecords         segment layout: flush as soon as this many records are pending
 * @param flushIntervalMs      segment layout: flush pending records at the latest after this long
 * @param flushConcurrency     segment layout: flushes allowed in flight at once (later writes wait and batch up)
 * @param objectConcurrency    object layout: object writes in flight at once (later writes wait in order)
 */
public record EvidenceSettings(EvidenceLayout layout, String bucket, int flushRecords, long flushIntervalMs,
                               int flushConcurrency, int objectConcurrency) {
  public static final int DEFAULT_FLUSH_RECORDS = 2000;
  public static final long DEFAULT_FLUSH_INTERVAL_MS = 5;
  public static final int DEFAULT_FLUSH_CONCURRENCY = 2;
  public static final int DEFAULT_OBJECT_CONCURRENCY = 32;

  public EvidenceSettings {
    if (flushRecords < 1 || flushIntervalMs < 1 || flushConcurrency < 1 || objectConcurrency < 1) {
      throw new IllegalArgumentException("evidence settings: flush records, interval and concurrencies must be >= 1");
    }
  }

  public static EvidenceSettings of(EvidenceLayout layout, String bucket) {
    return new EvidenceSettings(layout, bucket, DEFAULT_FLUSH_RECORDS, DEFAULT_FLUSH_INTERVAL_MS,
        DEFAULT_FLUSH_CONCURRENCY, DEFAULT_OBJECT_CONCURRENCY);
  }
}
