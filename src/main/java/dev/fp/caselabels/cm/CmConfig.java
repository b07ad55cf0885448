package dev.fp.caselabels.cm;

import dev.fp.caselabels.cm.core.LabelEmissionPolicy;
import dev.fp.config.ConfigNode;
import dev.fp.platform.query.LabelStoreClient;
import dev.fp.platform.stream.StreamSettings;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code components.cm}: the shell's settings, the label emission policy file, how long CM waits for LS's answer to
 * one write ({@code ls_timeout_ms}), labels per write at most ({@code ls_write_batch_max}: a larger round is split)
 * and how often the retrier looks for PENDING labels due again ({@code label_retry_tick_ms}).
 */
public record CmConfig(StreamSettings stream, String labelEmissionFile, Duration lsTimeout, int lsWriteBatchMax,
                       Duration retryTick) {
  public static final int DEFAULT_RETRY_TICK_MS = 1_000;
  public static final int DEFAULT_LS_WRITE_BATCH_MAX = 500;

  public static CmConfig from(ConfigNode n) {
    Set<String> keys = new HashSet<>(StreamSettings.KEYS);
    keys.addAll(Set.of("label_emission_file", "ls_timeout_ms", "ls_write_batch_max", "label_retry_tick_ms"));
    n.allowOnly(keys);
    return new CmConfig(StreamSettings.from(n), n.optString("label_emission_file", LabelEmissionPolicy.DEFAULT_FILE),
        Duration.ofMillis(n.integer("ls_timeout_ms", (int) LabelStoreClient.DEFAULT_TIMEOUT_MS, 1, 600_000)),
        n.integer("ls_write_batch_max", DEFAULT_LS_WRITE_BATCH_MAX, 1, 10_000),
        Duration.ofMillis(n.integer("label_retry_tick_ms", DEFAULT_RETRY_TICK_MS, 10, 3_600_000)));
  }

}
