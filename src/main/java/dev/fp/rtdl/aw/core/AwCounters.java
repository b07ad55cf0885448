package dev.fp.rtdl.aw.core;

import dev.fp.platform.health.HealthReport;
import dev.fp.platform.health.HealthState;
import dev.fp.platform.stream.core.Counters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AW's durable counters (reference rtdl §1, all of this run) and the health rule over them: RED when a payload
 * mismatch or a write error was ever counted, else GREEN (no AMBER).
 *
 * <ul>
 *   <li>{@value #SEEN}: in-run records read (each delivery: archived + duplicate + mismatch + incomplete);</li>
 *   <li>{@value #ARCHIVED}: NEW ledger entries, archived; {@value #DUPLICATE}: same offset, same hash again;</li>
 *   <li>{@value #MISMATCH}: same offset, another hash; {@value #WRITE_ERROR}: failed archive-write attempts (the
 *       batch was re-read, nothing dropped); {@value #INCOMPLETE}: in-run records lacking an archivable envelope.</li>
 * </ul>
 */
public final class AwCounters {
  public static final String SEEN = "seen_total";
  public static final String ARCHIVED = "archived_total";
  public static final String DUPLICATE = "duplicate_total";
  public static final String MISMATCH = "payload_mismatch_total";
  public static final String WRITE_ERROR = "write_error_total";
  public static final String INCOMPLETE = "incomplete_total";
  public static final List<String> ALL = List.of(SEEN, ARCHIVED, DUPLICATE, MISMATCH, WRITE_ERROR, INCOMPLETE);
  /** The five counters of the reference's health and metrics files. */
  public static final List<String> REFERENCE = List.of(SEEN, ARCHIVED, DUPLICATE, MISMATCH, WRITE_ERROR);

  private AwCounters() {
  }

  public static HealthReport health(Counters c) {
    List<String> reasons = new ArrayList<>();
    if (c.get(MISMATCH) > 0) {
      reasons.add("REPLAY_BASIS_MISMATCH_NONZERO");
    }
    if (c.get(WRITE_ERROR) > 0) {
      reasons.add("ARCHIVE_WRITE_ERROR_NONZERO");
    }
    return new HealthReport(reasons.isEmpty() ? HealthState.GREEN : HealthState.RED, reasons, reference(c));
  }

  /** The reference's five counters, in its order. */
  public static Map<String, Object> reference(Counters c) {
    Map<String, Object> m = new LinkedHashMap<>();
    REFERENCE.forEach(n -> m.put(n, c.get(n)));
    return m;
  }
}
