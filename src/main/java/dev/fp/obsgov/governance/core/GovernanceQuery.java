package dev.fp.obsgov.governance.core;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The governance query (reference case_ops_obs §5.2): events of one family (case-insensitive; null = all) at or
 * after {@code since} (a wire timestamp compared as text; null = all), sorted by {@code (ts_utc, event_id)}, the
 * <em>last</em> {@code limit} kept ({@code limit <= 0}: all). Pure.
 */
public record GovernanceQuery(String family, String since, int limit) {

  public static final int DEFAULT_LIMIT = 200;

  public List<Map<String, Object>> select(List<Map<String, Object>> events) {
    String wanted = family == null || family.isBlank() ? null : family.strip().toUpperCase(Locale.ROOT);
    List<Map<String, Object>> matching = events.stream()
        .filter(e -> wanted == null || wanted.equals(String.valueOf(e.get("event_family")).toUpperCase(Locale.ROOT)))
        .filter(e -> since == null || since.isBlank() || text(e, "ts_utc").compareTo(since) >= 0)
        .sorted(ORDER)
        .toList();
    return limit > 0 && matching.size() > limit ? matching.subList(matching.size() - limit, matching.size())
        : matching;
  }

  /** (ts_utc, event_id), as text. */
  public static final Comparator<Map<String, Object>> ORDER =
      Comparator.<Map<String, Object>, String>comparing(e -> text(e, "ts_utc")).thenComparing(e -> text(e, "event_id"));

  private static String text(Map<String, Object> e, String field) {
    Object v = e.get(field);
    return v == null ? "" : v.toString();
  }
}
