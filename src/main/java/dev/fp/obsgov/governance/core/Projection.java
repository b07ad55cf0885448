package dev.fp.obsgov.governance.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How {@code events.jsonl} stands against the per-event objects (the authority): events with no line
 * ({@code missing}), event ids with more than one line ({@code duplicated}) and lines with no event object
 * ({@code orphaned}). Complete when all three are empty. Pure.
 */
public record Projection(int events, int lines, List<String> missing, List<String> duplicated, List<String> orphaned) {

  public boolean complete() {
    return missing.isEmpty() && duplicated.isEmpty() && orphaned.isEmpty();
  }

  /** Compares the event ids of the objects with the event ids of the jsonl lines, in line order. */
  public static Projection of(Set<String> eventIds, List<String> lineIds) {
    Map<String, Integer> seen = new HashMap<>();
    Set<String> duplicated = new LinkedHashSet<>();
    Set<String> orphaned = new LinkedHashSet<>();
    for (String id : lineIds) {
      if (seen.merge(id, 1, Integer::sum) > 1) {
        duplicated.add(id);
      }
      if (!eventIds.contains(id)) {
        orphaned.add(id);
      }
    }
    List<String> missing = new ArrayList<>(eventIds.stream().filter(id -> !seen.containsKey(id)).sorted().toList());
    return new Projection(eventIds.size(), lineIds.size(), missing, List.copyOf(duplicated), List.copyOf(orphaned));
  }

  public String summary() {
    return "events=" + events + " lines=" + lines + " missing=" + missing.size() + " duplicated=" + duplicated.size()
        + " orphaned=" + orphaned.size();
  }
}
