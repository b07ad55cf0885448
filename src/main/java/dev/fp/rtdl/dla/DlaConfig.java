package dev.fp.rtdl.dla;

import dev.fp.config.ConfigNode;
import dev.fp.platform.evidence.EvidenceLayout;
import dev.fp.platform.evidence.EvidenceSettings;
import dev.fp.platform.stream.StreamSettings;

import java.util.HashSet;
import java.util.Set;

/**
 * {@code components.dla}: where audit records go ({@code segment} by default on both profiles, or {@code object}, one
 * object per record at {@code <run>/decision_log_audit/records/<audit_id>.json}) and the shell's settings.
 */
public record DlaConfig(EvidenceSettings evidence, StreamSettings stream) {
  public static final String BUCKET = "fraud-platform";

  public static DlaConfig from(ConfigNode n) {
    Set<String> keys = new HashSet<>(StreamSettings.KEYS);
    keys.add("evidence_layout");
    n.allowOnly(keys);
    EvidenceSettings evidence = EvidenceSettings.of(
        EvidenceLayout.of(n.oneOf("evidence_layout", "segment", Set.of("object", "segment"))), BUCKET);
    return new DlaConfig(evidence, StreamSettings.from(n));
  }
}
