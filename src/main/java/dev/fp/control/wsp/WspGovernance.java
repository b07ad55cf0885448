package dev.fp.control.wsp;

import dev.fp.contract.ReadySignal;
import dev.fp.platform.governance.GovernanceEmit;
import dev.fp.platform.governance.GovernanceFamily;
import dev.fp.platform.governance.GovernanceOutbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WSP's governance facts (reference case_ops_obs §5.2), queued on a {@link GovernanceOutbox} so the READY loop never
 * waits on the log: {@code RUN_READY_SEEN} for every READY WSP takes up (dedupe {@code ready_seen:<message_id>}) and
 * {@code RUN_CANCELLED} for a READY it refuses for its scope (dedupe {@code cancelled:<message_id>:scope_mismatch}) or
 * fails on its run pins or a missing engine root (dedupe {@code cancelled:<message_id>:<reason>}, e.g.
 * {@code scenario_missing}, {@code engine_root_missing}, {@code platform_run_id_mismatch}), all pinned to the READY's
 * platform and scenario runs. RUN_STARTED and RUN_ENDED are the supervisor's (P6, P11).
 */
final class WspGovernance {
  static final String COMPONENT = WspHealth.COMPONENT;
  private final GovernanceOutbox outbox;

  WspGovernance(GovernanceOutbox outbox) {
    this.outbox = outbox;
  }

  void readySeen(ReadySignal ready) {
    offer(GovernanceFamily.RUN_READY_SEEN, ready, "ready_seen:" + ready.messageId(), details(ready));
  }

  void cancelledForScope(ReadySignal ready, String reason, String activeRun) {
    Map<String, Object> d = details(ready);
    d.put("reason_code", reason);
    d.put("active_platform_run_id", activeRun);
    offer(GovernanceFamily.RUN_CANCELLED, ready, "cancelled:" + ready.messageId() + ":scope_mismatch", d);
  }

  /** A READY that failed before streaming: its run pins disagree with the run facts, or no engine root was found. */
  void cancelledForPins(ReadySignal ready, String reason) {
    Map<String, Object> d = details(ready);
    d.put("reason_code", reason);
    offer(GovernanceFamily.RUN_CANCELLED, ready, "cancelled:" + ready.messageId() + ":" + dedupeReason(reason), d);
  }

  /** The reference's dedupe suffixes where it has one, else the reason code in lower case. */
  static String dedupeReason(String reason) {
    return switch (reason) {
      case "SCENARIO_RUN_ID_MISSING" -> "scenario_missing";
      case "ENGINE_ROOT_MISSING" -> "engine_root_missing";
      default -> reason.toLowerCase(java.util.Locale.ROOT);
    };
  }

  private void offer(GovernanceFamily family, ReadySignal ready, String dedupeKey, Map<String, Object> details) {
    if (ready.platformRunId() == null || ready.platformRunId().isBlank()) {
      return;
    }
    outbox.offer(new GovernanceEmit(family, ready.platformRunId(), ready.runId(), "SYSTEM::" + COMPONENT, "SYSTEM",
        COMPONENT, dedupeKey, details));
  }

  private static Map<String, Object> details(ReadySignal ready) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("message_id", ready.messageId());
    d.put("run_id", ready.runId());
    d.put("facts_view_ref", ready.factsViewRef());
    return d;
  }
}
