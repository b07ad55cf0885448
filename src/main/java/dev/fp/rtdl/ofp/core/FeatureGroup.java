package dev.fp.rtdl.ofp.core;

import java.util.List;

/**
 * One feature group of {@code conf/ofp/features.yaml}: its name and version, the key type its rows are keyed by
 * ({@code flow_id} for {@code core_features}; an entity of the flow anchor otherwise), its event-time windows and the
 * counterparty types whose distinct ids it counts per window.
 */
public record FeatureGroup(String name, String version, String keyType, List<Window> windows,
                           List<String> distinct) {
  public static final String FLOW_KEY = "flow_id";

  public FeatureGroup {
    windows = List.copyOf(windows);
    distinct = List.copyOf(distinct);
  }

  public boolean keyedByFlow() {
    return FLOW_KEY.equals(keyType);
  }
}
