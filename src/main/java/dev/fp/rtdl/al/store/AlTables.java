package dev.fp.rtdl.al.store;

import dev.fp.substrate.state.KeyCodec;
import dev.fp.substrate.state.KeyTuple;
import dev.fp.substrate.state.Table;
import dev.fp.substrate.state.ValueCodec;

import java.util.List;

/**
 * AL's StateStore tables; keys start with the platform_run_id.
 * <ul>
 *   <li>{@code al_semantic_ledger}: {@code (run, scenario_run_id, semantic_key)} → the intent admitted under that
 *       idempotency key and the outcome it got: exactly one effect per key;</li>
 *   <li>{@code al_outcomes}: {@code (run, outcome_id)} → the outcome and what IG answered when it was published;</li>
 *   <li>{@code al_failures}: {@code (run, topic, partition, offset)} → an intent refused before execution (invalid,
 *       or a different intent under a used key).</li>
 * </ul>
 */
public final class AlTables {
  public record LedgerKey(String platformRunId, String scenarioRunId, String semanticKey) {
  }

  public record LedgerEntry(String idempotencyKey, String actionId, String decisionId, String intentHash,
                            String outcomeId, String status) {
  }

  public record OutcomeKey(String platformRunId, String outcomeId) {
  }

  /** @param publishDecision ADMIT, DUPLICATE, QUARANTINE or REJECTED (IG's answer), null before publishing */
  public record OutcomeRow(String decisionId, String actionId, String actionKind, String status, String reason,
                           String envelopeHash, String publishDecision, String receiptRef) {
    public OutcomeRow published(String decision, String receipt) {
      return new OutcomeRow(decisionId, actionId, actionKind, status, reason, envelopeHash, decision, receipt);
    }
  }

  public record FailureKey(String platformRunId, String topic, int partition, String offset) {
  }

  public record FailureRow(String eventId, String reasonCode, String detail) {
  }

  public static final Table<LedgerKey, LedgerEntry> LEDGER = new Table<>("al_semantic_ledger",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.scenarioRunId(), k.semanticKey()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new LedgerKey(r.string(), r.string(), r.string());
      }), ValueCodec.json(LedgerEntry.class));

  public static final Table<OutcomeKey, OutcomeRow> OUTCOMES = new Table<>("al_outcomes",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.outcomeId()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new OutcomeKey(r.string(), r.string());
      }), ValueCodec.json(OutcomeRow.class));

  public static final Table<FailureKey, FailureRow> FAILURES = new Table<>("al_failures",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.topic(), k.partition(), k.offset()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new FailureKey(r.string(), r.string(), (int) r.int64(), r.string());
      }), ValueCodec.json(FailureRow.class));

  public static final List<Table<?, ?>> ALL = List.of(LEDGER, OUTCOMES, FAILURES);

  private AlTables() {
  }

  public static byte[] runPrefix(String platformRunId) {
    return KeyTuple.of(platformRunId);
  }
}
