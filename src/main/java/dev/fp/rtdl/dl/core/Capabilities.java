package dev.fp.rtdl.dl.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Decision Fabric may use in a mode (reference rtdl §5 table): the IEG, which feature groups, the models,
 * the fallback heuristics, and the action posture ({@code NORMAL} or {@code STEP_UP_ONLY}).
 */
public record Capabilities(boolean allowIeg, List<String> allowedFeatureGroups, boolean modelPrimary,
                           boolean modelStage2, boolean fallbackHeuristics, String actionPosture) {
  public Capabilities {
    allowedFeatureGroups = List.copyOf(allowedFeatureGroups);
  }

  /** The reference's {@code capabilities_mask}, wire field names. */
  public Map<String, Object> toMask() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("allow_ieg", allowIeg);
    m.put("allowed_feature_groups", allowedFeatureGroups);
    m.put("allow_model_primary", modelPrimary);
    m.put("allow_model_stage2", modelStage2);
    m.put("allow_fallback_heuristics", fallbackHeuristics);
    m.put("action_posture", actionPosture);
    return m;
  }
}
