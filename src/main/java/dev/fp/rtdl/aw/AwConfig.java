package dev.fp.rtdl.aw;

import dev.fp.config.ConfigNode;
import dev.fp.platform.evidence.EvidenceLayout;
import dev.fp.platform.evidence.EvidenceSettings;
import dev.fp.platform.stream.StreamSettings;

import java.util.HashSet;
import java.util.Set;

/**
 * {@code components.aw}: the archive's evidence layout ({@code evidence_layout}: {@code segment}, the default on both
 * profiles, or {@code object}, one object per record at the reference path) with its flush settings, and the shell's
 * consumer settings ({@link StreamSettings#KEYS}).
 */
public record AwConfig(EvidenceSettings evidence, StreamSettings stream) {
  public static final String BUCKET = "fraud-platform";
  private static final Set<String> OWN = Set.of("evidence_layout", "segment_flush_records", "segment_flush_interval_ms",
      "object_write_concurrency");

  public static AwConfig from(ConfigNode n) {
    Set<String> allowed = new HashSet<>(OWN);
    allowed.addAll(StreamSettings.KEYS);
    n.allowOnly(allowed);
    EvidenceSettings evidence = new EvidenceSettings(
        EvidenceLayout.of(n.oneOf("evidence_layout", "segment", Set.of("segment", "object"))), BUCKET,
        n.integer("segment_flush_records", EvidenceSettings.DEFAULT_FLUSH_RECORDS, 1, 1_000_000),
        n.integer("segment_flush_interval_ms", (int) EvidenceSettings.DEFAULT_FLUSH_INTERVAL_MS, 1, 60_000),
        EvidenceSettings.DEFAULT_FLUSH_CONCURRENCY,
        n.integer("object_write_concurrency", EvidenceSettings.DEFAULT_OBJECT_CONCURRENCY, 1, 1024));
    return new AwConfig(evidence, StreamSettings.from(n));
  }
}
