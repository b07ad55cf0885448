package dev.fp.rtdl.ofp.core;

/**
 * An event-time window ({@code 1h}, {@code 24h}, {@code 7d}, {@code 30m}): its label and length. Windows of up to an
 * hour are counted in minute buckets, longer ones in hour buckets (see {@link Windows}); a length must be a whole
 * number of its buckets.
 */
public record Window(String label, long seconds) {
  public static final long MINUTE = 60;
  public static final long HOUR = 3_600;

  public static Window parse(String label) {
    if (label == null || !label.matches("[1-9][0-9]*[mhd]")) {
      throw new IllegalArgumentException("window '" + label + "': expected <n>m, <n>h or <n>d (e.g. 1h, 24h, 7d)");
    }
    long n = Long.parseLong(label.substring(0, label.length() - 1));
    long unit = switch (label.charAt(label.length() - 1)) {
      case 'm' -> MINUTE;
      case 'h' -> HOUR;
      default -> 24 * HOUR;
    };
    Window w = new Window(label, n * unit);
    if (w.seconds() % w.bucketSeconds() != 0) {
      throw new IllegalArgumentException("window '" + label + "': longer than an hour, so it must be whole hours");
    }
    return w;
  }

  /** The bucket width this window is counted in: a minute up to an hour, an hour beyond. */
  public long bucketSeconds() {
    return seconds <= HOUR ? MINUTE : HOUR;
  }

  public boolean minuteBuckets() {
    return bucketSeconds() == MINUTE;
  }

  /** How many buckets the window spans. */
  public long buckets() {
    return seconds / bucketSeconds();
  }
}
