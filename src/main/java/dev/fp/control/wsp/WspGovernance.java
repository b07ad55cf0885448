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
 * {@code RUN_CANCELLED} for a READY it refuses for its scope (dedupe {@code cancelled:<message_id>:scope_mismatch}),
 * both pinned to the READY's platform and scenario runs. RUN_STARTED and RUN_ENDED are the supervisor's (P6, P11).
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
