package dev.fp.obsgov.governance.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GovernanceQueryTest {
  private static Map<String, Object> e(String id, String family, String ts) {
    return Map.of("event_id", id, "event_family", family, "ts_utc", ts);
  }

  private static final List<Map<String, Object>> EVENTS = List.of(
      e("b", "RUN_STARTED", "2026-01-01T00:00:02.000000Z"),
      e("a", "RUN_STARTED", "2026-01-01T00:00:02.000000Z"),
      e("c", "RUN_REPORT_GENERATED", "2026-01-01T00:00:01.000000Z"),
      e("d", "RUN_ENDED", "2026-01-01T00:00:03.000000Z"));

  private static List<Object> ids(List<Map<String, Object>> events) {
    return events.stream().map(x -> x.get("event_id")).toList();
  }

  @Test
  void shouldSortByTimeThenEventIdAndKeepTheLastLimit() {
    assertThat(ids(new GovernanceQuery(null, null, 0).select(EVENTS))).containsExactly("c", "a", "b", "d");
    assertThat(ids(new GovernanceQuery(null, null, 2).select(EVENTS))).containsExactly("b", "d");
  }

  @Test
  void shouldFilterByFamilyCaseInsensitivelyAndBySince() {
    assertThat(ids(new GovernanceQuery("run_started", null, 10).select(EVENTS))).containsExactly("a", "b");
    assertThat(ids(new GovernanceQuery(null, "2026-01-01T00:00:02.000000Z", 10).select(EVENTS)))
        .containsExactly("a", "b", "d");
  }
}
