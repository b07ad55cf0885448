package dev.fp.caselabels.ls.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One committed assertion on its subject's timeline; as-of reads look only at these fields. Ordered by
 * (observed_time, effective_time, label_assertion_id): the times are fixed-width wire timestamps, so string order is
 * time order.
 */
public record TimelineEntry(String labelAssertionId, String labelType, String labelValue, String effectiveTime,
                            String observedTime, String assertionRef, String committedAtUtc,
                            Map<String, Object> assertion) {

  /** The assertion as a timeline item: its wire fields plus where it is stored and when it was committed. */
  public Map<String, Object> toItem() {
    Map<String, Object> m = new LinkedHashMap<>(assertion);
    m.put("assertion_ref", assertionRef);
    m.put("committed_at_utc", committedAtUtc);
    return m;
  }
}
