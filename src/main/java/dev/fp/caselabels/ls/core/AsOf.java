package dev.fp.caselabels.ls.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code label_as_of} (case_ops_obs §3.4) over one subject's timeline of one label type: eligible = observed_time ≤
 * as_of; the best is the maximum of (effective_time, observed_time, id); its ties share its effective and observed
 * times. One value among the ties → RESOLVED (the best is selected), several → CONFLICT (nothing selected), no
 * eligible assertion → NOT_FOUND. Times are wire timestamps, so string order is time order.
 */
public final class AsOf {
  public static final String RESOLVED = "RESOLVED";
  public static final String CONFLICT = "CONFLICT";
  public static final String NOT_FOUND = "NOT_FOUND";
  /** Timeline order: (observed_time, effective_time, label_assertion_id). */
  public static final Comparator<TimelineEntry> TIMELINE_ORDER = Comparator.comparing(TimelineEntry::observedTime)
      .thenComparing(TimelineEntry::effectiveTime).thenComparing(TimelineEntry::labelAssertionId);
  private static final Comparator<TimelineEntry> BEST = Comparator.comparing(TimelineEntry::effectiveTime)
      .thenComparing(TimelineEntry::observedTime).thenComparing(TimelineEntry::labelAssertionId);

  private AsOf() {
  }

  /** The as-of result of {@code entries} (any order; entries of other types are ignored). */
  public static Map<String, Object> resolve(String platformRunId, String eventId, String labelType, String asOf,
                                            List<TimelineEntry> entries) {
    List<TimelineEntry> eligible = entries.stream().filter(e -> e.labelType().equals(labelType))
        .filter(e -> e.observedTime().compareTo(asOf) <= 0).toList();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("platform_run_id", platformRunId);
    r.put("event_id", eventId);
    r.put("label_type", labelType);
    r.put("as_of_observed_time", asOf);
    if (eligible.isEmpty()) {
      r.put("status", NOT_FOUND);
      r.put("selected_assertion_id", null);
      r.put("selected_label_value", null);
      r.put("candidate_assertion_ids", List.of());
      r.put("candidate_label_values", List.of());
      return r;
    }
    TimelineEntry best = eligible.stream().max(BEST).orElseThrow();
    List<TimelineEntry> ties = eligible.stream().filter(e -> e.effectiveTime().equals(best.effectiveTime())
        && e.observedTime().equals(best.observedTime())).toList();
    TreeSet<String> values = new TreeSet<>();
    List<String> ids = new ArrayList<>();
    ties.forEach(e -> {
      values.add(e.labelValue());
      ids.add(e.labelAssertionId());
    });
    ids.sort(Comparator.naturalOrder());
    boolean conflict = values.size() > 1;
    r.put("status", conflict ? CONFLICT : RESOLVED);
    r.put("selected_assertion_id", conflict ? null : best.labelAssertionId());
    r.put("selected_label_value", conflict ? null : best.labelValue());
    r.put("candidate_assertion_ids", ids);
    r.put("candidate_label_values", new ArrayList<>(values));
    return r;
  }

  /** {@code resolved_labels_as_of}: the as-of result of every label type the subject has. */
  public static Map<String, Object> resolveAll(String platformRunId, String eventId, String asOf,
                                               List<TimelineEntry> entries) {
    Map<String, Object> labels = new LinkedHashMap<>();
    entries.stream().map(TimelineEntry::labelType).distinct().sorted()
        .forEach(type -> labels.put(type, resolve(platformRunId, eventId, type, asOf, entries)));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("status", "OK");
    r.put("platform_run_id", platformRunId);
    r.put("event_id", eventId);
    r.put("as_of_observed_time", asOf);
    r.put("labels", labels);
    return r;
  }
}
