package dev.fp.rtdl.ofp.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.TreeMap;

/**
 * A flow as OFP knows it (row of {@code ofp_flows}): the entities its flow anchor names, and the {@code core_features}
 * of its traffic. Mutable like {@link WindowedState}.
 *
 * <ul>
 *   <li>{@code anchor}: key type → id ({@code merchant_id}, {@code party_id}, …) once the flow anchor was applied,
 *       else null; {@code anchor_event_id}: the anchor that set it (a later different anchor is a conflict);</li>
 *   <li>{@code n}, {@code cents}, {@code last}: traffic events applied, the amount of its AUTH_REQUEST (minor units),
 *       the newest event time (epoch µs);</li>
 *   <li>{@code req}, {@code req_cents}: the first AUTH_REQUEST's event time (µs, null until applied) and amount —
 *       what entity windows count;</li>
 *   <li>{@code ent}: whether the AUTH_REQUEST was applied to the anchor's entities (at the request, or when a late
 *       anchor arrived).</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class FlowState {
  @JsonProperty("anchor")
  public TreeMap<String, String> anchor;
  @JsonProperty("anchor_event_id")
  public String anchorEventId;
  @JsonProperty("n")
  public long events;
  @JsonProperty("cents")
  public long amountCents;
  @JsonProperty("last")
  public long lastMicros;
  @JsonProperty("req")
  public Long requestMicros;
  @JsonProperty("req_cents")
  public long requestCents;
  @JsonProperty("ent")
  public boolean entitiesApplied;
}
