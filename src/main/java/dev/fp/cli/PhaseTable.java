package dev.fp.cli;

import dev.fp.contract.Json;
import dev.fp.platform.supervisor.EvidenceMap;
import dev.fp.platform.supervisor.Phase;
import dev.fp.platform.supervisor.PhaseRecord;
import dev.fp.platform.supervisor.PhaseStore;
import dev.fp.platform.supervisor.RunOutcome;

import java.util.EnumMap;
import java.util.Map;

/**
 * Prints a run's outcome on stdout: a phase table (text) or the phases.json shape plus the outcome (json), and where the
 * run's evidence is when given.
 */
final class PhaseTable {
  private PhaseTable() {
  }

  static void print(RunOutcome o, boolean json) {
    print(o, json, null);
  }

  /** With the run's evidence map ({@link EvidenceMap}) after the table, when {@code evidence} is not null. */
  static void print(RunOutcome o, boolean json, Map<String, Object> evidence) {
    Map<Phase, PhaseRecord> ordered = new EnumMap<>(o.phases());
    if (json) {
      Map<String, Object> out = new java.util.LinkedHashMap<>(PhaseStore.snapshot(o.platformRunId(), ordered));
      out.put("status", o.status().name());
      out.put("stopped_at", o.stoppedAt() == null ? null : o.stoppedAt().name());
      out.put("message", o.message());
      if (evidence != null) {
        out.put("evidence", evidence);
      }
      System.out.println(Json.writePretty(out));
      return;
    }
    System.out.println("platform_run_id: " + (o.platformRunId() == null ? "-" : o.platformRunId()));
    for (PhaseRecord r : ordered.values()) {
      System.out.printf("  %-28s %-13s attempts=%d %8s  %s%n", r.phase().label(), r.state(), r.attempts(),
          r.durationMs() == null ? "" : r.durationMs() + "ms", r.commitEvidenceRef() == null ? "" : r.commitEvidenceRef());
    }
    System.out.println("result: " + o.status() + (o.stoppedAt() == null ? "" : " at " + o.stoppedAt().label()));
    System.out.println(o.message());
    if (evidence != null) {
      EvidenceMap.lines(evidence).forEach(System.out::println);
    }
  }
}
