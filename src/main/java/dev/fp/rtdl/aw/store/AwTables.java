package dev.fp.rtdl.aw.store;

import dev.fp.substrate.state.KeyCodec;
import dev.fp.substrate.state.KeyTuple;
import dev.fp.substrate.state.Table;
import dev.fp.substrate.state.ValueCodec;

import java.util.List;

/**
 * AW's StateStore tables; keys start with the platform_run_id, so a run's rows are one key prefix.
 * <ul>
 *   <li>{@code aw_ledger}: {@code (run, topic, partition, offset_kind, offset)} → {@link LedgerEntry}, one row per
 *       archived record (NEW / DUPLICATE / PAYLOAD_MISMATCH are decided against it);</li>
 *   <li>{@code aw_mismatches}: {@code (run, topic, partition, offset_kind, offset, observed_payload_hash)} →
 *       {@link MismatchEntry}, one row per distinct mismatching payload observed at an archived offset.</li>
 * </ul>
 */
public final class AwTables {
  public static final Table<LedgerKey, LedgerEntry> LEDGER = new Table<>("aw_ledger",
      KeyCodec.of(AwTables::encode, AwTables::decode), ValueCodec.json(LedgerEntry.class));

  /** Mismatch rows are keyed by the ledger key plus the observed hash. */
  public record MismatchKey(LedgerKey at, String observedPayloadHash) {
  }

  public static final Table<MismatchKey, MismatchEntry> MISMATCHES = new Table<>("aw_mismatches",
      KeyCodec.of(k -> KeyTuple.of(k.at().platformRunId(), k.at().topic(), k.at().partition(), k.at().offsetKind(),
          k.at().offset(), k.observedPayloadHash()), b -> {
            KeyTuple.Reader r = KeyTuple.reader(b);
            return new MismatchKey(new LedgerKey(r.string(), r.string(), (int) r.int64(), r.string(), r.string()),
                r.string());
          }), ValueCodec.json(MismatchEntry.class));

  public static final List<Table<?, ?>> ALL = List.of(LEDGER, MISMATCHES);

  private AwTables() {
  }

  /** The encoded prefix of every ledger row of a run. */
  public static byte[] runPrefix(String platformRunId) {
    return KeyTuple.of(platformRunId);
  }

  private static byte[] encode(LedgerKey k) {
    return KeyTuple.of(k.platformRunId(), k.topic(), k.partition(), k.offsetKind(), k.offset());
  }

  private static LedgerKey decode(byte[] b) {
    KeyTuple.Reader r = KeyTuple.reader(b);
    return new LedgerKey(r.string(), r.string(), (int) r.int64(), r.string(), r.string());
  }
}
