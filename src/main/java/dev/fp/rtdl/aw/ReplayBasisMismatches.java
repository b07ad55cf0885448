package dev.fp.rtdl.aw;

import dev.fp.platform.governance.GovernanceEmit;
import dev.fp.platform.governance.GovernanceFamily;
import dev.fp.rtdl.aw.store.AwTables;
import dev.fp.rtdl.aw.store.LedgerKey;
import dev.fp.rtdl.aw.store.MismatchEntry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AW's governance fact for a committed replay-basis mismatch (reference rtdl §1 step 4): a record seen at an archived
 * offset with another payload is a {@code CORRIDOR_ANOMALY} of kind {@code REPLAY_BASIS_MISMATCH}, dedupe key
 * {@code archive-replay-basis-mismatch:<topic>:<partition>:<offset_kind>:<offset>}.
 */
final class ReplayBasisMismatches {
  static final String KIND = "REPLAY_BASIS_MISMATCH";

  private ReplayBasisMismatches() {
  }

  static GovernanceEmit event(AwTables.MismatchKey key, MismatchEntry row) {
    LedgerKey at = key.at();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("corridor", ArchiveWriter.DIRECTORY);
    d.put("anomaly_kind", KIND);
    d.put("reason_code", KIND);
    d.put("anomaly_category", KIND);
    d.put("topic", at.topic());
    d.put("partition", at.partition());
    d.put("offset_kind", at.offsetKind());
    d.put("offset", at.offset());
    d.put("event_id", row.eventId());
    d.put("event_type", row.eventType());
    d.put("stored_payload_hash", row.storedPayloadHash());
    d.put("observed_payload_hash", row.observedPayloadHash());
    return GovernanceEmit.system(GovernanceFamily.CORRIDOR_ANOMALY, at.platformRunId(), ArchiveWriter.DIRECTORY,
        "archive-replay-basis-mismatch:" + at.topic() + ":" + at.partition() + ":" + at.offsetKind() + ":"
            + at.offset(), d);
  }
}
