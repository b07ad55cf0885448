package dev.fp.caselabels.ct;

import dev.fp.caselabels.ct.store.CtTables;
import dev.fp.platform.governance.GovernanceEmit;
import dev.fp.platform.governance.GovernanceFamily;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TriggerCollisionsTest {
  static final String RUN = "platform_20260101T000000Z";

  @Test
  void shouldRecordACommittedCollisionAsATriggerCollisionAnomalyKeyedOnItsTriggerId() {
    CtTables.MismatchKey key = new CtTables.MismatchKey(RUN, "f".repeat(32), "b".repeat(64));
    GovernanceEmit e = TriggerCollisions.event(key, new CtTables.MismatchRow("a".repeat(64), Map.of()), "d".repeat(64));

    assertThat(e.family()).isEqualTo(GovernanceFamily.CORRIDOR_ANOMALY);
    assertThat(e.platformRunId()).isEqualTo(RUN);
    assertThat(e.actorId()).isEqualTo("SYSTEM::case_trigger");
    assertThat(e.dedupeKey()).isEqualTo("f".repeat(32) + ":collision:REPLAY_PAYLOAD_MISMATCH");
    assertThat(e.details()).containsEntry("anomaly_kind", "TRIGGER_COLLISION").containsEntry("corridor", "case_trigger")
        .containsEntry("stored_ledger_hash", "a".repeat(64)).containsEntry("observed_ledger_hash", "b".repeat(64))
        .containsEntry("run_config_digest", "d".repeat(64));
  }

  @Test
  void shouldRecordOneEventPerTriggerWhateverThePayloadsObserved() {
    GovernanceEmit first = TriggerCollisions.event(new CtTables.MismatchKey(RUN, "f".repeat(32), "b".repeat(64)),
        new CtTables.MismatchRow("a".repeat(64), Map.of()), "d");
    GovernanceEmit second = TriggerCollisions.event(new CtTables.MismatchKey(RUN, "f".repeat(32), "c".repeat(64)),
        new CtTables.MismatchRow("a".repeat(64), Map.of()), "d");

    assertThat(second.dedupeKey()).isEqualTo(first.dedupeKey());
  }
}
