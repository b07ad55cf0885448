package dev.fp.caselabels.ct;

import dev.fp.caselabels.ct.store.CtTables;
import dev.fp.platform.governance.AnomalyCategory;
import dev.fp.platform.governance.GovernanceEmit;
import dev.fp.platform.governance.GovernanceFamily;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CT's governance fact for a committed trigger collision (reference case_ops_obs §1.7): a case_trigger_id seen again
 * with another payload ({@code ct_payload_mismatches} row) is a {@code CORRIDOR_ANOMALY} of kind
 * {@code TRIGGER_COLLISION}, dedupe key {@code <case_trigger_id>:collision:REPLAY_PAYLOAD_MISMATCH}.
 */
final class TriggerCollisions {
  static final String REASON = "REPLAY_PAYLOAD_MISMATCH";

  private TriggerCollisions() {
  }

  static GovernanceEmit event(CtTables.MismatchKey key, CtTables.MismatchRow row, String policyDigest) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("corridor", CaseTrigger.DIRECTORY);
    d.put("anomaly_kind", "TRIGGER_COLLISION");
    d.put("case_trigger_id", key.caseTriggerId());
    d.put("reason_code", REASON);
    d.put("anomaly_category", AnomalyCategory.of(REASON));
    d.put("stored_ledger_hash", row.storedHash());
    d.put("observed_ledger_hash", key.observedHash());
    d.put("run_config_digest", policyDigest);
    return GovernanceEmit.system(GovernanceFamily.CORRIDOR_ANOMALY, key.platformRunId(), CaseTrigger.DIRECTORY,
        key.caseTriggerId() + ":collision:" + REASON, d);
  }
}
