package dev.fp.rtdl.df.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.fp.substrate.state.KeyCodec;
import dev.fp.substrate.state.KeyTuple;
import dev.fp.substrate.state.Table;
import dev.fp.substrate.state.ValueCodec;

import java.util.List;
import java.util.Map;

/**
 * DF's StateStore tables; keys start with the platform_run_id.
 * <ul>
 *   <li>{@code df_decision_ledger}: {@code (run, source event_type, source event_id)} → the decision made for that
 *       traffic event, its envelopes, and what IG answered: PENDING (stored, not yet published) then PUBLISHED. A
 *       re-delivered record re-publishes the stored envelopes, never decides again;</li>
 *   <li>{@code df_join_waits}: same key → when DF first saw a record whose flow binding was not ready (wall-clock
 *       epoch ms), so the join-wait budget survives restarts;</li>
 *   <li>{@code df_failures}: {@code (run, topic, partition, offset)} → a record refused (trigger gate, payload-hash
 *       mismatch against the ledger).</li>
 * </ul>
 */
public final class DfTables {
  public static final String PENDING = "PENDING";
  public static final String PUBLISHED = "PUBLISHED";

  public record SourceKey(String platformRunId, String eventType, String eventId) {
  }

  /**
   * @param sourcePayloadHash the source event's payload hash ({@code Ids.payloadHash}): another payload under the same
   *                          event id is a PAYLOAD_HASH_MISMATCH
   * @param flowId            the source event's {@code payload.flow_id} (null when it has none): how the decision
   *                          quality joins a decision to the world's truth for its flow
   * @param decisionAnswer    IG's answer to the decision (ADMIT, DUPLICATE, QUARANTINE, REJECTED), null while PENDING
   * @param intentAnswer      IG's answer to the intent, null while PENDING or when the decision was not admitted
   */
  public record DecisionRow(String sourcePayloadHash, String decisionId, String flowId, String actionKind,
                            String status, Map<String, Object> decision, List<Map<String, Object>> intents,
                            String decisionAnswer, String intentAnswer, List<String> receiptRefs) {
    public DecisionRow published(String decisionAnswer, String intentAnswer, List<String> receiptRefs) {
      return new DecisionRow(sourcePayloadHash, decisionId, flowId, actionKind, PUBLISHED, decision, intents,
          decisionAnswer, intentAnswer, receiptRefs);
    }
  }

  /**
   * What the decision quality reads of a ledger row: its flow, action and reason codes (the rest of the row is skipped
   * when decoding, so a scan of a full-cap run does not build every envelope).
   */
  public record LedgerSummary(String flowId, String actionKind, Envelope decision) {
    public record Envelope(Payload payload) {
    }

    public record Payload(@JsonProperty("reason_codes") List<String> reasonCodes) {
    }

    public List<String> reasonCodes() {
      return decision == null || decision.payload() == null || decision.payload().reasonCodes() == null ? List.of()
          : decision.payload().reasonCodes();
    }
  }

  public record FailureKey(String platformRunId, String topic, int partition, String offset) {
  }

  public record FailureRow(String eventId, String reasonCode, String detail) {
  }

  private static KeyCodec<SourceKey> sourceKeys() {
    return KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.eventType(), k.eventId()), b -> {
      KeyTuple.Reader r = KeyTuple.reader(b);
      return new SourceKey(r.string(), r.string(), r.string());
    });
  }

  public static final Table<SourceKey, DecisionRow> LEDGER = new Table<>("df_decision_ledger", sourceKeys(),
      ValueCodec.json(DecisionRow.class));

  /** The ledger read as {@link LedgerSummary}s (same table; read only). */
  public static final Table<SourceKey, LedgerSummary> LEDGER_SUMMARY = new Table<>(LEDGER.name(), sourceKeys(),
      ValueCodec.json(LedgerSummary.class));

  public static final Table<SourceKey, Long> WAITS = new Table<>("df_join_waits", sourceKeys(),
      ValueCodec.json(Long.class));

  public static final Table<FailureKey, FailureRow> FAILURES = new Table<>("df_failures",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.topic(), k.partition(), k.offset()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new FailureKey(r.string(), r.string(), (int) r.int64(), r.string());
      }), ValueCodec.json(FailureRow.class));

  public static final List<Table<?, ?>> ALL = List.of(LEDGER, WAITS, FAILURES);

  private DfTables() {
  }

  public static byte[] runPrefix(String platformRunId) {
    return KeyTuple.of(platformRunId);
  }
}
