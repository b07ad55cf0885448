package dev.fp.rtdl.ieg.core;

import dev.fp.contract.OutputIds;
import dev.fp.contract.PyStr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which payload fields of each graph-mutating event type are identifiers (reference rtdl §2 step 9, the v0
 * {@code field_map}): traffic → {@code flow_id}; arrival events → {@code merchant_id}; arrival entities →
 * merchant, party, account, instrument, device, ip and session ids; flow anchors → flow, merchant, party, account,
 * instrument, device and ip ids. The entity type is the field name without {@code _id}. A field that is absent, null
 * or "" contributes nothing.
 */
public final class IdentityHints {
  private static final List<String> TRAFFIC = List.of("flow_id");
  private static final List<String> ARRIVAL = List.of("merchant_id");
  private static final List<String> ARRIVAL_ENTITIES = List.of("merchant_id", "party_id", "account_id",
      "instrument_id", "device_id", "ip_id", "session_id");
  private static final List<String> FLOW_ANCHOR = List.of("flow_id", "merchant_id", "party_id", "account_id",
      "instrument_id", "device_id", "ip_id");
  private static final Map<String, List<String>> FIELDS = Map.of(
      OutputIds.TRAFFIC_FRAUD, TRAFFIC, OutputIds.TRAFFIC_BASELINE, TRAFFIC,
      OutputIds.ARRIVAL_EVENTS, ARRIVAL, OutputIds.ARRIVAL_ENTITIES, ARRIVAL_ENTITIES,
      OutputIds.FLOW_ANCHOR_FRAUD, FLOW_ANCHOR, OutputIds.FLOW_ANCHOR_BASELINE, FLOW_ANCHOR);

  /** Every entity type the hints can name, in a stable order (the per-type counters). */
  public static final List<String> ENTITY_TYPES = List.of("flow", "merchant", "party", "account", "instrument",
      "device", "ip", "session");

  private IdentityHints() {
  }

  /** The hints of an event of {@code eventType} with {@code payload}, in field-map order; empty when none. */
  public static List<IdentityHint> of(String eventType, Map<String, Object> payload) {
    List<String> fields = FIELDS.getOrDefault(eventType, List.of());
    List<IdentityHint> hints = new ArrayList<>(fields.size());
    for (String field : fields) {
      Object value = payload.get(field);
      if (value == null || "".equals(value)) {
        continue;
      }
      hints.add(new IdentityHint(field, PyStr.str(value), field.substring(0, field.length() - 3)));
    }
    return hints;
  }
}
