package dev.fp.control.wsp.core;

/**
 * Which IG answers WSP retries and how long it waits (control_ingress §4.8, ARCHITECTURE §6). Status &lt; 400 is an
 * acknowledgement (IG decided ADMIT, DUPLICATE or QUARANTINE). 408, 409 (publish in flight), 429, 5xx — 503
 * included — and transport failures (timeout, refused or reset connection) are retried with the same envelopes;
 * every other 4xx (400, 401, 403, 413 …) is {@code IG_PUSH_REJECTED}. After attempt {@code a} the wait is
 * {@code d + uniform(0, d)} with {@code d = min(maxDelay, base·2^(a−1))}, and never shorter than IG's Retry-After
 * (itself capped at maxDelay). {@code maxAttempts} failed attempts end in {@code IG_PUSH_RETRY_EXHAUSTED}.
 */
public record RetryPolicy(int maxAttempts, long baseDelayMs, long maxDelayMs) {
  public static final int DEFAULT_MAX_ATTEMPTS = 5;
  public static final long DEFAULT_BASE_DELAY_MS = 250;
  public static final long DEFAULT_MAX_DELAY_MS = 5000;

  /** What one HTTP answer means for the events it carried. */
  public enum Verdict { ACKED, RETRY, REJECTED }

  public RetryPolicy {
    if (maxAttempts < 1 || baseDelayMs < 0 || maxDelayMs < baseDelayMs) {
      throw new IllegalArgumentException("retry policy: attempts " + maxAttempts + " base " + baseDelayMs
          + " ms max " + maxDelayMs + " ms");
    }
  }

  public static RetryPolicy defaults() {
    return new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_BASE_DELAY_MS, DEFAULT_MAX_DELAY_MS);
  }

  public static Verdict classify(int status) {
    if (status < 400) {
      return Verdict.ACKED;
    }
    if (status == 408 || status == 409 || status == 429 || status >= 500) {
      return Verdict.RETRY;
    }
    return Verdict.REJECTED;
  }

  /** Whether another attempt follows failed attempt {@code attempt} (1-based). */
  public boolean allowsAnother(int attempt) {
    return attempt < maxAttempts;
  }

  /** Wait after failed attempt {@code attempt}; {@code uniform01} in [0, 1), {@code retryAfterMs} 0 when absent. */
  public long delayMs(int attempt, double uniform01, long retryAfterMs) {
    long d = Math.min(maxDelayMs, baseDelayMs << Math.min(30, Math.max(0, attempt - 1)));
    long jittered = d + (long) (uniform01 * d);
    return Math.max(jittered, Math.min(retryAfterMs, maxDelayMs));
  }
}
