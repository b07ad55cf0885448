package dev.fp.rtdl.ofp.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.TreeMap;

/**
 * One entity key's feature state for one group (row of {@code ofp_features}): event-time buckets, never events. Kept
 * bounded by {@code dev.fp.rtdl.ofp.core.Windows}: minute buckets for the windows of up to an hour, hour buckets for
 * longer ones, each pruned beyond the longest window it serves (measured from the newest event of the key), and
 * distinct counterparty sets capped per type. Mutable: the core updates the row it read, then stages it.
 *
 * <ul>
 *   <li>{@code m}: epoch minute → {count, amount in minor units}; {@code h}: epoch hour → the same;</li>
 *   <li>{@code last}: the newest event time applied (epoch microseconds), 0 when none;</li>
 *   <li>{@code d}: counterparty type → (counterparty id → newest epoch minute it was seen with this key);</li>
 *   <li>{@code sat}: counterparty types whose set reached its cap and dropped an id.</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public final class WindowedState {
  @JsonProperty("m")
  public TreeMap<Long, long[]> minutes = new TreeMap<>();
  @JsonProperty("h")
  public TreeMap<Long, long[]> hours = new TreeMap<>();
  @JsonProperty("last")
  public long lastMicros;
  @JsonProperty("d")
  public TreeMap<String, TreeMap<String, Long>> distinct = new TreeMap<>();
  @JsonProperty("sat")
  public java.util.TreeSet<String> saturated = new java.util.TreeSet<>();
}
