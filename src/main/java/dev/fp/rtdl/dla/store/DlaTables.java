package dev.fp.rtdl.dla.store;

import dev.fp.rtdl.dla.core.Chain;
import dev.fp.substrate.state.KeyCodec;
import dev.fp.substrate.state.KeyTuple;
import dev.fp.substrate.state.Table;
import dev.fp.substrate.state.ValueCodec;

import java.util.List;

/**
 * DLA's StateStore tables; keys start with the platform_run_id.
 * <ul>
 *   <li>{@code dla_candidates}: {@code (run, event_type, event_id)} → payload hash: each audited event once;</li>
 *   <li>{@code dla_observations}: {@code (run, topic, partition, offset_kind, offset)} → what was read there, so a
 *       log that changes under a read offset is caught (replay divergence);</li>
 *   <li>{@code dla_chains}: {@code (run, decision_id)} → {@link Chain};</li>
 *   <li>{@code dla_quarantine}: {@code (run, topic, partition, offset, reason)} → a refused or conflicting event;</li>
 *   <li>{@code dla_audit_refs}: {@code (run)} → where the last audit event was published (P9 reads it back).</li>
 * </ul>
 */
public final class DlaTables {
  public record CandidateKey(String platformRunId, String eventType, String eventId) {
  }

  public record OffsetKey(String platformRunId, String topic, int partition, String offsetKind, String offset) {
  }

  /** @param identity {@code event_type|event_id|payload_hash} of the record first read at the offset */
  public record Observation(String identity) {
  }

  public record ChainKey(String platformRunId, String decisionId) {
  }

  public record QuarantineKey(String platformRunId, String topic, int partition, String offset, String reason) {
  }

  public record QuarantineRow(String eventType, String eventId, String detail) {
  }

  public static final Table<CandidateKey, String> CANDIDATES = new Table<>("dla_candidates",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.eventType(), k.eventId()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new CandidateKey(r.string(), r.string(), r.string());
      }), ValueCodec.json(String.class));

  public static final Table<OffsetKey, Observation> OBSERVATIONS = new Table<>("dla_observations",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.topic(), k.partition(), k.offsetKind(), k.offset()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new OffsetKey(r.string(), r.string(), (int) r.int64(), r.string(), r.string());
      }), ValueCodec.json(Observation.class));

  public static final Table<ChainKey, Chain> CHAINS = new Table<>("dla_chains",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.decisionId()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new ChainKey(r.string(), r.string());
      }), ValueCodec.json(Chain.class));

  public static final Table<QuarantineKey, QuarantineRow> QUARANTINE = new Table<>("dla_quarantine",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.topic(), k.partition(), k.offset(), k.reason()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new QuarantineKey(r.string(), r.string(), (int) r.int64(), r.string(), r.string());
      }), ValueCodec.json(QuarantineRow.class));

  /** Where an audit event landed on {@code fp.bus.audit.v1}. */
  public record AuditRef(String topic, int partition, String offset, String auditId) {
  }

  public static final Table<String, AuditRef> AUDIT_REFS = new Table<>("dla_audit_refs",
      KeyCodec.of(k -> KeyTuple.of(k), b -> KeyTuple.reader(b).string()), ValueCodec.json(AuditRef.class));

  public static final List<Table<?, ?>> ALL = List.of(CANDIDATES, OBSERVATIONS, CHAINS, QUARANTINE, AUDIT_REFS);

  private DlaTables() {
  }

  public static byte[] runPrefix(String platformRunId) {
    return KeyTuple.of(platformRunId);
  }
}
