package dev.fp.rtdl.df.core;

import java.util.List;
import java.util.Map;

/**
 * What DF's enricher fetched for one traffic record (reference rtdl §6 steps 1–4), attached before apply: the batch's
 * wall-clock time (join-wait budget only), the Degrade Ladder's served posture, the flow's CSFB binding, the OFP
 * snapshot and the IEG graph version. Plain values; never stored as such — the decision made from it is.
 *
 * @param posture the served posture {@code {source, trust, posture{mode, capabilities_mask, …}}}
 *                ({@code PostureQueryClient.current}: missing, stale or unreachable = FAIL_CLOSED)
 */
public record DecisionContext(long nowEpochMs, Map<String, Object> posture, Binding binding, Features features,
                              Graph graph) {

  /**
   * The flow's binding: {@code READY} with its flow anchor (the entities), or why not — {@code MISSING_BINDING},
   * {@code MISSING_JOIN_FRAME} (both may still arrive: the record waits), {@code CONFLICT}, {@code INVALID_REQUEST},
   * {@code UNAVAILABLE} (CSFB not reachable or failed), {@code NO_FLOW_ID}.
   */
  public record Binding(String status, List<String> reasons, Map<String, Object> flowAnchor,
                        List<Object> evidenceRefs) {
    public static final String READY = "READY";

    public boolean ready() {
      return READY.equals(status) && flowAnchor != null;
    }

    /** Context that may still arrive: worth waiting for within the join-wait budget. */
    public boolean waitable() {
      return "MISSING_BINDING".equals(status) || "MISSING_JOIN_FRAME".equals(status);
    }

    public static Binding unavailable(String reason) {
      return new Binding("UNAVAILABLE", List.of(reason), null, List.of());
    }
  }

  /**
   * OFP's answer for the batch: {@code OK} with the snapshot, {@code ERROR} with OFP's code, {@code UNAVAILABLE} (no
   * OFP answered), {@code BLOCKED} (the posture allows no feature group DF needs, OFP was not asked), {@code BEHIND}
   * (OFP has not applied the record yet: not asked, the record waits).
   */
  public record Features(String status, String code, Map<String, Object> snapshot) {
    public static final String OK = "OK";
    public static final String BEHIND = "BEHIND";
    public static final Features BEHIND_RESULT = new Features(BEHIND, null, null);
  }

  /** IEG's graph version the batch was read at ({@code graph_version_hex32}, its basis digest); null when not asked. */
  public record Graph(String versionHex32, String basisDigest) {
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> postureBody() {
    return posture.get("posture") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> mask() {
    return postureBody().get("capabilities_mask") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  public String mode() {
    return postureBody().get("mode") instanceof String s ? s : "FAIL_CLOSED";
  }

  /** Whether the posture lets DF use feature group {@code group}. */
  public boolean allows(String group) {
    return mask().get("allowed_feature_groups") instanceof List<?> l && l.contains(group);
  }
}
