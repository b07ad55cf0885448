package dev.fp.ingress.ig.core;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-principal token buckets refilled at {@code perMinute / 60} tokens a second up to {@code perMinute}; one token
 * per envelope. A request larger than the bucket needs a full bucket and then leaves it in debt, so big batches are
 * slowed, never refused forever. {@code perMinute = 0} turns limiting off. Thread-safe.
 */
public final class RateLimiter {
  private final int perMinute;
  private final Clock clock;
  private final Map<String, double[]> buckets = new HashMap<>();

  public RateLimiter(int perMinute, Clock clock) {
    this.perMinute = perMinute;
    this.clock = clock;
  }

  /** 0 when the tokens were taken, else the whole seconds to wait before asking again (Retry-After). */
  public synchronized int acquire(String principal, int tokens) {
    if (perMinute <= 0) {
      return 0;
    }
    long now = clock.millis();
    double rate = perMinute / 60_000.0;
    double[] b = buckets.computeIfAbsent(principal, p -> new double[] {perMinute, now});
    b[0] = Math.min(perMinute, b[0] + (now - b[1]) * rate);
    b[1] = now;
    double needed = Math.min(tokens, perMinute);
    if (b[0] >= needed) {
      b[0] -= tokens;
      return 0;
    }
    return (int) Math.max(1, Math.ceil((needed - b[0]) / rate / 1000.0));
  }
}
