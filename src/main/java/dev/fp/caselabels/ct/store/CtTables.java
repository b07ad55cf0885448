package dev.fp.caselabels.ct.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.fp.substrate.state.KeyCodec;
import dev.fp.substrate.state.KeyTuple;
import dev.fp.substrate.state.Table;
import dev.fp.substrate.state.ValueCodec;

import java.util.List;
import java.util.Map;

/**
 * CT's StateStore tables; keys start with the platform_run_id.
 * <ul>
 *   <li>{@code ct_replay_ledger}: {@code (run, case_trigger_id)} → the first trigger built under that id (its hash
 *       over the whole trigger) and how often it was seen again, identical or different (case_ops_obs §1.6);</li>
 *   <li>{@code ct_payload_mismatches}: {@code (run, case_trigger_id, observed hash)} → a different trigger under a
 *       used id (never published, never overwrites the ledger);</li>
 *   <li>{@code ct_publish}: {@code (run, case_trigger_id)} → what IG answered when the trigger was published;</li>
 *   <li>{@code ct_publish_anomalies}: the {@code ct_publish} rows of triggers IG did not admit, each recorded as a
 *       governance {@code PUBLISH_OUTCOME} anomaly;</li>
 *   <li>{@code ct_decisions}: {@code (run, decision_id)} → the decision's source event and pins, so a failed outcome
 *       finds its case subject after a restart (fixes §8.4's in-memory cache);</li>
 *   <li>{@code ct_waiting_outcomes}: {@code (run, decision_id)} → failed outcomes read before their decision, released
 *       when it arrives;</li>
 *   <li>{@code ct_failures}: {@code (run, topic, partition, offset)} → a record CT could not turn into a trigger.</li>
 * </ul>
 */
public final class CtTables {
  public record TriggerKey(String platformRunId, String caseTriggerId) {
  }

  /** @param ledgerHash sha256 of the canonical trigger (its own ids and payload_hash included) */
  public record LedgerRow(String caseId, String triggerType, String sourceRefId, String sourceClass,
                          String payloadHash, String ledgerHash, long replayCount, long mismatchCount) {
    public LedgerRow replayed() {
      return new LedgerRow(caseId, triggerType, sourceRefId, sourceClass, payloadHash, ledgerHash, replayCount + 1,
          mismatchCount);
    }

    public LedgerRow mismatched() {
      return new LedgerRow(caseId, triggerType, sourceRefId, sourceClass, payloadHash, ledgerHash, replayCount,
          mismatchCount + 1);
    }
  }

  public record MismatchKey(String platformRunId, String caseTriggerId, String observedHash) {
  }

  public record MismatchRow(String storedHash, Map<String, Object> trigger) {
  }

  /**
   * @param decision   ADMIT, DUPLICATE, QUARANTINE or REJECTED (a non-retryable refusal)
   * @param reasonCode IG's reason for QUARANTINE or REJECTED, null otherwise
   */
  public record PublishRow(String eventId, String decision, String receiptRef, String reasonCode, String actor) {
  }

  public record DecisionKey(String platformRunId, String decisionId) {
  }

  /** @param observedTime the decision's {@code decided_at_utc} */
  public record DecisionRow(String sourceEventId, Map<String, Object> pins, String observedTime) {
  }

  /** Failed outcomes of one decision, each as {@code core.TriggerSources} reads it back. */
  public record WaitingRow(List<Map<String, Object>> outcomes) {
  }

  public record FailureKey(String platformRunId, String topic, int partition, String offset) {
  }

  public record FailureRow(String eventId, String reasonCode, String detail) {
  }

  private static final KeyCodec<TriggerKey> TRIGGER_KEYS = KeyCodec.of(
      k -> KeyTuple.of(k.platformRunId(), k.caseTriggerId()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new TriggerKey(r.string(), r.string());
      });

  private static final KeyCodec<DecisionKey> DECISION_KEYS = KeyCodec.of(
      k -> KeyTuple.of(k.platformRunId(), k.decisionId()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new DecisionKey(r.string(), r.string());
      });

  public static final Table<TriggerKey, LedgerRow> LEDGER =
      new Table<>("ct_replay_ledger", TRIGGER_KEYS, ValueCodec.json(LedgerRow.class));

  public static final Table<MismatchKey, MismatchRow> MISMATCHES = new Table<>("ct_payload_mismatches",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.caseTriggerId(), k.observedHash()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new MismatchKey(r.string(), r.string(), r.string());
      }), ValueCodec.json(MismatchRow.class));

  public static final Table<TriggerKey, PublishRow> PUBLISH =
      new Table<>("ct_publish", TRIGGER_KEYS, ValueCodec.json(PublishRow.class));

  /** The {@code ct_publish} rows IG did not admit (QUARANTINE, REJECTED), kept apart for the governance sweep. */
  public static final Table<TriggerKey, PublishRow> PUBLISH_ANOMALIES =
      new Table<>("ct_publish_anomalies", TRIGGER_KEYS, ValueCodec.json(PublishRow.class));

  public static final Table<DecisionKey, DecisionRow> DECISIONS =
      new Table<>("ct_decisions", DECISION_KEYS, ValueCodec.json(DecisionRow.class));

  public static final Table<DecisionKey, WaitingRow> WAITING = new Table<>("ct_waiting_outcomes", DECISION_KEYS,
      ValueCodec.json(new TypeReference<WaitingRow>() {
      }));

  public static final Table<FailureKey, FailureRow> FAILURES = new Table<>("ct_failures",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.topic(), k.partition(), k.offset()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new FailureKey(r.string(), r.string(), (int) r.int64(), r.string());
      }), ValueCodec.json(FailureRow.class));

  public static final List<Table<?, ?>> ALL = List.of(LEDGER, MISMATCHES, PUBLISH, PUBLISH_ANOMALIES, DECISIONS, WAITING,
      FAILURES);

  private CtTables() {
  }

  public static byte[] runPrefix(String platformRunId) {
    return KeyTuple.of(platformRunId);
  }
}
