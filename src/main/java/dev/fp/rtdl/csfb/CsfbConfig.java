package dev.fp.rtdl.csfb;

import dev.fp.config.ConfigNode;
import dev.fp.platform.stream.StreamSettings;
import dev.fp.rtdl.csfb.core.CsfbThresholds;

import java.util.HashSet;
import java.util.Set;

/**
 * {@code components.csfb}: the health thresholds (reference {@code csfb.observability.v0} with its pack's
 * checkpoint-age override) and the shell's consumer settings ({@link StreamSettings#KEYS}).
 */
public record CsfbConfig(CsfbThresholds thresholds, StreamSettings stream) {
  private static final Set<String> OWN = Set.of("join_misses_amber", "join_misses_red", "binding_conflicts_amber",
      "binding_conflicts_red", "apply_failures_hard_amber", "apply_failures_hard_red",
      "checkpoint_age_amber_seconds", "checkpoint_age_red_seconds");

  public static CsfbConfig from(ConfigNode n) {
    Set<String> allowed = new HashSet<>(OWN);
    allowed.addAll(StreamSettings.KEYS);
    n.allowOnly(allowed);
    CsfbThresholds d = CsfbThresholds.reference();
    CsfbThresholds t = new CsfbThresholds(
        n.longValue("join_misses_amber", d.joinMissesAmber(), 1, Long.MAX_VALUE),
        n.longValue("join_misses_red", d.joinMissesRed(), 1, Long.MAX_VALUE),
        n.longValue("binding_conflicts_amber", d.bindingConflictsAmber(), 1, Long.MAX_VALUE),
        n.longValue("binding_conflicts_red", d.bindingConflictsRed(), 1, Long.MAX_VALUE),
        n.longValue("apply_failures_hard_amber", d.hardFailuresAmber(), 1, Long.MAX_VALUE),
        n.longValue("apply_failures_hard_red", d.hardFailuresRed(), 1, Long.MAX_VALUE),
        n.longValue("checkpoint_age_amber_seconds", (long) d.checkpointAgeAmberSeconds(), 1, Long.MAX_VALUE),
        n.longValue("checkpoint_age_red_seconds", (long) d.checkpointAgeRedSeconds(), 1, Long.MAX_VALUE));
    return new CsfbConfig(t, StreamSettings.from(n));
  }
}
