package dev.fp.world.core;

/**
 * The world's time span with a day/night rhythm: arrival density per hour of day follows {@link #HOUR_WEIGHTS}.
 * {@link #at(double)} maps a quantile in [0, 1) to a time in microseconds, monotonically, so flows numbered in
 * order get non-decreasing timestamps. Memory: one double per hour of the horizon.
 */
public final class Horizon {
  static final double[] HOUR_WEIGHTS = {0.25, 0.18, 0.14, 0.12, 0.14, 0.25, 0.5, 0.85, 1.15, 1.3, 1.35, 1.4,
      1.5, 1.45, 1.35, 1.3, 1.35, 1.45, 1.5, 1.4, 1.2, 0.95, 0.65, 0.4};
  private static final long HOUR = 3_600_000_000L;

  private final long startMicros;
  private final long endMicros;
  private final double[] cumulative;

  public Horizon(long startMicros, long endMicros) {
    if (endMicros <= startMicros) {
      throw new IllegalArgumentException("horizon: end must be after start");
    }
    this.startMicros = startMicros;
    this.endMicros = endMicros;
    int hours = (int) ((endMicros - startMicros + HOUR - 1) / HOUR);
    cumulative = new double[hours + 1];
    for (int h = 0; h < hours; h++) {
      long from = startMicros + h * HOUR;
      long to = Math.min(endMicros, from + HOUR);
      int hourOfDay = (int) Math.floorMod(Math.floorDiv(from, HOUR), 24L);
      cumulative[h + 1] = cumulative[h] + HOUR_WEIGHTS[hourOfDay] * (to - from) / (double) HOUR;
    }
  }

  public long startMicros() {
    return startMicros;
  }

  public long endMicros() {
    return endMicros;
  }

  /** The time at quantile {@code q} in [0, 1): inverse of the cumulative hourly density. */
  public long at(double q) {
    double target = q * cumulative[cumulative.length - 1];
    int lo = 0;
    int hi = cumulative.length - 1;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] <= target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    long from = startMicros + lo * HOUR;
    long to = Math.min(endMicros, from + HOUR);
    double share = (target - cumulative[lo]) / (cumulative[lo + 1] - cumulative[lo]);
    return Math.min(endMicros - 1, from + (long) (share * (to - from)));
  }

  /** 0-based hour bucket of {@code micros} from the start. */
  public long bucket(long micros) {
    return (micros - startMicros) / HOUR;
  }

  public long day(long micros) {
    return (micros - startMicros) / (24 * HOUR);
  }

  public int days() {
    return (int) ((endMicros - startMicros + 24 * HOUR - 1) / (24 * HOUR));
  }
}
