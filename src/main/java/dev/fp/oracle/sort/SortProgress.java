package dev.fp.oracle.sort;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress lines of one sort: rows read and written against the total (from the source footers), rows/s and an
 * ETA, at most once per interval. Work = read every row once + write every row once. Thread-confined to the caller.
 */
final class SortProgress {
  private static final Logger LOG = LoggerFactory.getLogger(SortProgress.class);

  private final String label;
  private final long totalRows;
  private final long intervalNanos;
  private final long startNanos = System.nanoTime();
  private long lastLogNanos = startNanos;
  private long read;
  private long written;

  SortProgress(String label, long totalRows, int intervalSeconds) {
    this.label = label;
    this.totalRows = totalRows;
    this.intervalNanos = intervalSeconds * 1_000_000_000L;
  }

  void read(long rows) {
    read = rows;
    maybeLog("reading");
  }

  void written(long rows) {
    written = rows;
    maybeLog("merging");
  }

  void phase(String what) {
    log(what);
  }

  long elapsedMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private void maybeLog(String phase) {
    long now = System.nanoTime();
    if (now - lastLogNanos >= intervalNanos) {
      lastLogNanos = now;
      log(phase);
    }
  }

  private void log(String phase) {
    double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
    long done = read + written;
    long total = Math.max(1, 2 * totalRows);
    double rate = done / seconds;
    double eta = done == 0 ? Double.NaN : seconds * (total - done) / done;
    LOG.info("stream sort {}: {} — read {}/{} rows, written {}/{} ({}%), {} rows/s, ETA {}", label, phase, read,
        totalRows, written, totalRows, 100 * done / total, Math.round(rate / 2),
        Double.isNaN(eta) ? "?" : String.format("%.1fs", eta));
  }
}
