package dev.fp.control.wsp.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PacingTest {
  static final long SECOND_US = 1_000_000;
  static final long MS = 1_000_000;

  @Test
  void shouldCompressEventTimeGapsBySpeedup() {
    ReplayPacer pacer = new ReplayPacer(600);
    long t0 = 5_000 * MS;

    assertThat(pacer.delayNanos(0, t0)).isZero();
    assertThat(pacer.dueNanos(600 * SECOND_US, t0)).isEqualTo(t0 + 1000 * MS);
    assertThat(pacer.delayNanos(60 * SECOND_US, t0 + 40 * MS)).isEqualTo(60 * MS);
    assertThat(pacer.delayNanos(60 * SECOND_US, t0 + 200 * MS)).isZero();
  }

  @Test
  void shouldNotPaceWithoutSpeedupOrForUnparsedTimes() {
    assertThat(new ReplayPacer(0).delayNanos(Long.MAX_VALUE / 2, 0)).isZero();
    ReplayPacer pacer = new ReplayPacer(1);
    pacer.dueNanos(0, 0);
    assertThat(pacer.delayNanos(Long.MIN_VALUE, 0)).isZero();
  }

  @Test
  void shouldLimitToTheTargetRateAfterTheInitialBurst() {
    TokenBucket bucket = new TokenBucket(100, 1.0, 1.0);

    assertThat(bucket.reserve(100, 0)).isZero();
    assertThat(bucket.reserve(50, 0)).isEqualTo(500 * MS);
    assertThat(bucket.reserve(10, 1000 * MS)).isZero();
  }

  @Test
  void shouldNeverWaitWithoutATargetRate() {
    assertThat(new TokenBucket(0, 0.25, 0.25).reserve(1_000_000, 0)).isZero();
  }
}
