package dev.fp.control.wsp.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {
  @Test
  void shouldAckDecisionsRetryTransientStatusesAndRejectTheRest() {
    for (int s : new int[] {200, 202}) {
      assertThat(RetryPolicy.classify(s)).isEqualTo(RetryPolicy.Verdict.ACKED);
    }
    for (int s : new int[] {408, 409, 429, 500, 502, 503, 504}) {
      assertThat(RetryPolicy.classify(s)).as("status %d", s).isEqualTo(RetryPolicy.Verdict.RETRY);
    }
    for (int s : new int[] {400, 401, 403, 404, 413, 422}) {
      assertThat(RetryPolicy.classify(s)).as("status %d", s).isEqualTo(RetryPolicy.Verdict.REJECTED);
    }
  }

  @Test
  void shouldBackOffExponentiallyWithJitterUpToTheMaximum() {
    RetryPolicy p = RetryPolicy.defaults();

    assertThat(p.delayMs(1, 0.0, 0)).isEqualTo(250);
    assertThat(p.delayMs(1, 0.999, 0)).isEqualTo(499);
    assertThat(p.delayMs(3, 0.5, 0)).isEqualTo(1500);
    assertThat(p.delayMs(10, 0.0, 0)).isEqualTo(5000);
    assertThat(p.delayMs(10, 0.999, 0)).isLessThan(10_000);
  }

  @Test
  void shouldWaitAtLeastRetryAfterCappedAtTheMaximum() {
    RetryPolicy p = new RetryPolicy(5, 10, 3000);

    assertThat(p.delayMs(1, 0.0, 2000)).isEqualTo(2000);
    assertThat(p.delayMs(1, 0.0, 60_000)).isEqualTo(3000);
  }

  @Test
  void shouldAllowExactlyMaxAttempts() {
    RetryPolicy p = new RetryPolicy(3, 1, 1);

    assertThat(p.allowsAnother(1)).isTrue();
    assertThat(p.allowsAnother(2)).isTrue();
    assertThat(p.allowsAnother(3)).isFalse();
  }
}
