package dev.fp.platform.stream;

import dev.fp.config.ConfigNode;
import dev.fp.substrate.eventlog.ConsumerOptions;

import java.time.Duration;
import java.util.Set;

/**
 * How the shell consumes, per component ({@code components.<component>} keys, listed in {@link #KEYS} so a
 * component's own config can allow them):
 *
 * @param readBatchMax     records read per partition per batch ({@code read_batch_max}, default 500)
 * @param pollInterval     how long an idle consumer waits before reading again when no in-process publish wakes it
 *                         ({@code poll_interval_ms}, default 200)
 * @param leaseTtl         consumer-group lease TTL ({@code lease_ttl_ms}, default 15 000; renewed every third)
 * @param artifactInterval health/metrics/reconciliation files and lag ({@code artifact_interval_ms}, default 1 000)
 * @param lagCountLimit    records the lag probe counts per partition at most on Kinesis ({@code lag_count_limit},
 *                         default 10 000; the file log counts exactly)
 */
public record StreamSettings(int readBatchMax, Duration pollInterval, Duration leaseTtl, Duration artifactInterval,
                             long lagCountLimit) {
  public static final int DEFAULT_READ_BATCH_MAX = ConsumerOptions.DEFAULT_READ_BATCH_MAX;
  public static final int DEFAULT_POLL_INTERVAL_MS = (int) ConsumerOptions.DEFAULT_POLL_INTERVAL.toMillis();
  public static final int DEFAULT_LEASE_TTL_MS = (int) ConsumerOptions.DEFAULT_LEASE_TTL.toMillis();
  public static final int DEFAULT_ARTIFACT_INTERVAL_MS = 1_000;
  public static final int DEFAULT_LAG_COUNT_LIMIT = 10_000;
  public static final Set<String> KEYS = Set.of("read_batch_max", "poll_interval_ms", "lease_ttl_ms",
      "artifact_interval_ms", "lag_count_limit");

  public static StreamSettings defaults() {
    return new StreamSettings(DEFAULT_READ_BATCH_MAX, Duration.ofMillis(DEFAULT_POLL_INTERVAL_MS),
        Duration.ofMillis(DEFAULT_LEASE_TTL_MS), Duration.ofMillis(DEFAULT_ARTIFACT_INTERVAL_MS),
        DEFAULT_LAG_COUNT_LIMIT);
  }

  /** Reads the {@link #KEYS} of a component's section (the component checks its other keys). */
  public static StreamSettings from(ConfigNode n) {
    return new StreamSettings(n.integer("read_batch_max", DEFAULT_READ_BATCH_MAX, 1, 10_000),
        Duration.ofMillis(n.integer("poll_interval_ms", DEFAULT_POLL_INTERVAL_MS, 1, 60_000)),
        Duration.ofMillis(n.integer("lease_ttl_ms", DEFAULT_LEASE_TTL_MS, (int) ConsumerOptions.MIN_LEASE_TTL_MS,
            3_600_000)),
        Duration.ofMillis(n.integer("artifact_interval_ms", DEFAULT_ARTIFACT_INTERVAL_MS, 50, 3_600_000)),
        n.longValue("lag_count_limit", DEFAULT_LAG_COUNT_LIMIT, 1, 10_000_000));
  }

  public StreamSettings withPollInterval(Duration d) {
    return new StreamSettings(readBatchMax, d, leaseTtl, artifactInterval, lagCountLimit);
  }

  public StreamSettings withLeaseTtl(Duration d) {
    return new StreamSettings(readBatchMax, pollInterval, d, artifactInterval, lagCountLimit);
  }

  public StreamSettings withReadBatchMax(int n) {
    return new StreamSettings(n, pollInterval, leaseTtl, artifactInterval, lagCountLimit);
  }

  public StreamSettings withArtifactInterval(Duration d) {
    return new StreamSettings(readBatchMax, pollInterval, leaseTtl, d, lagCountLimit);
  }
}
