package dev.fp.substrate.eventlog;

import java.time.Duration;
import java.util.List;

/**
 * How a {@link LogConsumer} reads: its group and holder id, topics, start position when a partition has no
 * checkpoint ({@code TRIM_HORIZON}, the platform default, or {@code LATEST}), batch size, the poll interval used when
 * no in-process publish wakes it (records of other processes, Kinesis), the lease TTL and an optional run-scope gate.
 */
public record ConsumerOptions(String groupId, String holder, List<String> topics, Position.Kind start,
                              int readBatchMax, Duration pollInterval, Duration leaseTtl, RunScopeGate gate) {
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(200);
  public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(15);
  public static final int DEFAULT_READ_BATCH_MAX = 500;
  /** The lease is renewed every third of its TTL; below this the renewals would flood the database. */
  public static final long MIN_LEASE_TTL_MS = 300;

  public ConsumerOptions {
    if (start == Position.Kind.AFTER || start == Position.Kind.AT) {
      throw new IllegalArgumentException("consumer " + groupId + ": start must be TRIM_HORIZON or LATEST");
    }
    if (readBatchMax < 1 || topics.isEmpty() || pollInterval.isNegative() || leaseTtl.toMillis() < MIN_LEASE_TTL_MS) {
      throw new IllegalArgumentException("consumer " + groupId + ": bad options " + topics + " batch " + readBatchMax
          + " poll " + pollInterval + " ttl " + leaseTtl);
    }
    topics = List.copyOf(topics);
  }

  /** Defaults, with a holder id unique to this instance: {@code <group>@pid<pid>-<random>@<host>}. */
  public static ConsumerOptions of(String groupId, List<String> topics) {
    String holder = LeaseHolders.newHolder(groupId);
    return new ConsumerOptions(groupId, holder, topics, Position.Kind.TRIM_HORIZON, DEFAULT_READ_BATCH_MAX,
        DEFAULT_POLL_INTERVAL, DEFAULT_LEASE_TTL, null);
  }

  public ConsumerOptions withHolder(String h) {
    return new ConsumerOptions(groupId, h, topics, start, readBatchMax, pollInterval, leaseTtl, gate);
  }

  public ConsumerOptions withStart(Position.Kind s) {
    return new ConsumerOptions(groupId, holder, topics, s, readBatchMax, pollInterval, leaseTtl, gate);
  }

  public ConsumerOptions withReadBatchMax(int n) {
    return new ConsumerOptions(groupId, holder, topics, start, n, pollInterval, leaseTtl, gate);
  }

  public ConsumerOptions withPollInterval(Duration d) {
    return new ConsumerOptions(groupId, holder, topics, start, readBatchMax, d, leaseTtl, gate);
  }

  public ConsumerOptions withLeaseTtl(Duration d) {
    return new ConsumerOptions(groupId, holder, topics, start, readBatchMax, pollInterval, d, gate);
  }

  public ConsumerOptions withGate(RunScopeGate g) {
    return new ConsumerOptions(groupId, holder, topics, start, readBatchMax, pollInterval, leaseTtl, g);
  }

  public Position startPosition() {
    return start == Position.Kind.LATEST ? Position.latest() : Position.trimHorizon();
  }
}
