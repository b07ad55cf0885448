package dev.fp.caselabels.ct;

import dev.fp.caselabels.ct.store.CtTables;
import dev.fp.platform.governance.AnomalyCategory;
import dev.fp.platform.governance.GovernanceEmit;
import dev.fp.platform.governance.GovernanceFamily;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CT's governance fact for a trigger IG did not admit (reference case_ops_obs §1.7): a QUARANTINE or a non-retryable
 * refusal recorded in {@code ct_publish_anomalies} is a {@code CORRIDOR_ANOMALY} of kind {@code PUBLISH_OUTCOME},
 * dedupe key {@code <case_trigger_id>:publish:<decision>:<reason_code>}.
 */
final class PublishOutcomes {
  static final String KIND = "PUBLISH_OUTCOME";

  private PublishOutcomes() {
  }

  /** Whether IG's answer is an anomaly to record: anything but ADMIT and DUPLICATE. */
  static boolean anomalous(String decision) {
    return !"ADMIT".equals(decision) && !"DUPLICATE".equals(decision);
  }

  static GovernanceEmit event(CtTables.TriggerKey key, CtTables.PublishRow row, String policyDigest) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("corridor", CaseTrigger.DIRECTORY);
    d.put("anomaly_kind", KIND);
    d.put("case_trigger_id", key.caseTriggerId());
    d.put("publish_decision", row.decision());
    d.put("reason_code", row.reasonCode());
    d.put("anomaly_category", AnomalyCategory.of(row.reasonCode()));
    d.put("run_config_digest", policyDigest);
    if (row.receiptRef() != null) {
      d.put("evidence_refs", List.of(Map.of("ref_type", "receipt_ref", "ref_id", row.receiptRef())));
    }
    return GovernanceEmit.system(GovernanceFamily.CORRIDOR_ANOMALY, key.platformRunId(), CaseTrigger.DIRECTORY,
        key.caseTriggerId() + ":publish:" + row.decision() + ":" + row.reasonCode(), d);
  }
}
