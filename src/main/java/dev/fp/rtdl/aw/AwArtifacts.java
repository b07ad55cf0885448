package dev.fp.rtdl.aw;

import dev.fp.contract.Timestamps;
import dev.fp.platform.stream.Artifacts;
import dev.fp.platform.stream.StreamStatus;
import dev.fp.platform.stream.core.Counters;
import dev.fp.rtdl.aw.core.AwCounters;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * AW's artifacts (reference rtdl §1, §9): health from the durable counters with {@code reconciliation_totals}, and
 * {@value #RECONCILIATION} with totals, outcome counts and the refs of the most recent archive records.
 */
final class AwArtifacts implements Function<StreamStatus, Artifacts> {
  static final String RECONCILIATION = "archive/reconciliation/archive_writer_reconciliation.json";
  private final Supplier<List<String>> recentRefs;
  private final Clock clock;

  AwArtifacts(Supplier<List<String>> recentRefs, Clock clock) {
    this.recentRefs = recentRefs;
    this.clock = clock;
  }

  @Override
  public Artifacts apply(StreamStatus s) {
    Counters c = s.counters();
    Map<String, Object> totals = new LinkedHashMap<>();
    for (String n : List.of(AwCounters.SEEN, AwCounters.ARCHIVED, AwCounters.DUPLICATE, AwCounters.MISMATCH)) {
      totals.put(n, c.get(n));
    }
    Map<String, Object> outcomes = new LinkedHashMap<>();
    outcomes.put("NEW", c.get(AwCounters.ARCHIVED));
    outcomes.put("DUPLICATE", c.get(AwCounters.DUPLICATE));
    outcomes.put("PAYLOAD_MISMATCH", c.get(AwCounters.MISMATCH));
    Map<String, Object> reconciliation = new LinkedHashMap<>();
    reconciliation.put("generated_at_utc", Timestamps.now(clock));
    reconciliation.put("platform_run_id", s.platformRunId());
    reconciliation.put("totals", totals);
    reconciliation.put("outcome_counts", outcomes);
    reconciliation.put("evidence_refs", recentRefs.get().stream()
        .map(ref -> Map.of("ref_type", "archive_ref", "ref_id", ref)).toList());
    return new Artifacts(AwCounters.health(c), Map.of("reconciliation_totals", totals),
        Map.of(RECONCILIATION, reconciliation));
  }
}
