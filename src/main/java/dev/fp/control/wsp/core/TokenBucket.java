package dev.fp.control.wsp.core;

/**
 * The optional target rate (control_ingress §4.6 {@code WSP_TARGET_EPS}): a token bucket of {@code eps} tokens per
 * second, capacity {@code max(1, eps × burstSeconds)}, starting with {@code capacity × initialFraction} tokens. One
 * token per event; a batch reserves all its tokens at once and may go into debt, which later reservations wait out.
 * {@code eps ≤ 0} means no limit. Wall time is the caller's monotonic nanos. Not thread-safe.
 */
public final class TokenBucket {
  private final double eps;
  private final double capacity;
  private double tokens;
  private long lastNanos = Long.MIN_VALUE;

  public TokenBucket(double eps, double burstSeconds, double initialFraction) {
    this.eps = eps;
    this.capacity = Math.max(1.0, eps * burstSeconds);
    this.tokens = capacity * Math.max(0, Math.min(1, initialFraction));
  }

  /** Takes {@code n} tokens now; returns how many nanos to wait before sending them (0 when they were there). */
  public long reserve(int n, long nowNanos) {
    if (eps <= 0) {
      return 0;
    }
    refill(nowNanos);
    tokens -= n;
    return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / eps * 1e9);
  }

  private void refill(long nowNanos) {
    if (lastNanos != Long.MIN_VALUE && nowNanos > lastNanos) {
      tokens = Math.min(capacity, tokens + (nowNanos - lastNanos) / 1e9 * eps);
    }
    lastNanos = Math.max(lastNanos, nowNanos);
  }
}
