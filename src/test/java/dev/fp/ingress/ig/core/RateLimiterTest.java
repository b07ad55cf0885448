package dev.fp.ingress.ig.core;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {
  private final AtomicLong millis = new AtomicLong(1_000_000);
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }
  };

  @Test
  void shouldAdmitUpToTheMinuteBudgetThenAskToWait() {
    RateLimiter limiter = new RateLimiter(60, clock);
    assertThat(limiter.acquire("a", 60)).isZero();
    assertThat(limiter.acquire("a", 1)).isEqualTo(1);
    millis.addAndGet(1000);
    assertThat(limiter.acquire("a", 1)).isZero();
  }

  @Test
  void shouldKeepOneBucketPerPrincipal() {
    RateLimiter limiter = new RateLimiter(10, clock);
    assertThat(limiter.acquire("a", 10)).isZero();
    assertThat(limiter.acquire("b", 10)).isZero();
    assertThat(limiter.acquire("a", 1)).isGreaterThan(0);
  }

  @Test
  void shouldLetABatchLargerThanTheBudgetThroughAFullBucketAndChargeIt() {
    RateLimiter limiter = new RateLimiter(60, clock);
    assertThat(limiter.acquire("a", 100)).isZero();
    assertThat(limiter.acquire("a", 1)).isEqualTo(41);
  }

  @Test
  void shouldNeverLimitWhenOff() {
    RateLimiter limiter = new RateLimiter(0, clock);
    for (int i = 0; i < 1000; i++) {
      assertThat(limiter.acquire("a", 1000)).isZero();
    }
  }
}
