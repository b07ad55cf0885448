package dev.fp.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A wall clock the test moves by hand (lease expiry, evidence deadlines), so no test waits for time to pass. Either
 * stopped at a given instant ({@code new TestClock(start)}), or running with the system clock plus whatever the test
 * has advanced it by ({@link #running()}), for code that also needs time to go on by itself (timers, retries).
 */
public final class TestClock extends Clock {
  private final boolean running;
  private volatile Instant base;

  public TestClock(Instant start) {
    this(start, false);
  }

  private TestClock(Instant base, boolean running) {
    this.base = base;
    this.running = running;
  }

  /** The system clock, plus every {@link #advance}. */
  public static TestClock running() {
    return new TestClock(Instant.EPOCH, true);
  }

  public void advance(Duration d) {
    base = base.plus(d);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return running ? Instant.now().plus(Duration.between(Instant.EPOCH, base)) : base;
  }
}
