package dev.fp.rtdl.aw.core;

import dev.fp.contract.Hashing;
import dev.fp.platform.stream.core.StreamRecord;
import dev.fp.rtdl.aw.store.LedgerKey;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The archive record of reference rtdl §1: which envelope is archivable, its whole-envelope payload hash, where it
 * goes ({@code fraud-platform/<run>/archive/events/topic=<t>/partition=<p>/offset_kind=<k>/offset=<o>.json} in the
 * object layout, the same prefix's segments otherwise) and its body.
 */
public final class ArchiveRecords {
  /** The eight fields an envelope needs to be archived. */
  public static final List<String> REQUIRED = List.of("platform_run_id", "scenario_run_id", "manifest_fingerprint",
      "parameter_hash", "scenario_id", "event_id", "event_type", "ts_utc");

  private ArchiveRecords() {
  }

  /**
   * The envelope to archive: the record's own when it carries the eight fields, else its {@code payload} when that
   * does (a wrapped envelope, as the reference unwraps it), else empty.
   */
  @SuppressWarnings("unchecked")
  public static Optional<Map<String, Object>> archivable(Map<String, Object> envelope) {
    if (complete(envelope)) {
      return Optional.of(envelope);
    }
    if (envelope.get("payload") instanceof Map<?, ?> inner && complete((Map<String, Object>) inner)) {
      return Optional.of((Map<String, Object>) inner);
    }
    return Optional.empty();
  }

  private static boolean complete(Map<String, Object> m) {
    for (String f : REQUIRED) {
      Object v = m.get(f);
      if (v == null || v instanceof String s && s.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** sha256 of the canonical JSON of the whole envelope (AW's hash, unlike the other components'). */
  public static String payloadHash(Map<String, Object> envelope) {
    return Hashing.canonicalHash(envelope);
  }

  public static LedgerKey key(StreamRecord r) {
    return new LedgerKey(r.platformRunId(), r.topic(), r.partition(), r.offsetKind(), r.offset());
  }

  /** {@code <run>/archive/events/topic=<t>/partition=<p>/offset_kind=<k>} (bucket {@code fraud-platform}). */
  public static String prefix(LedgerKey k) {
    return token(k.platformRunId()) + "/archive/events/topic=" + token(k.topic()) + "/partition=" + k.partition()
        + "/offset_kind=" + token(k.offsetKind());
  }

  /** {@code offset=<o>}. */
  public static String id(LedgerKey k) {
    return "offset=" + token(k.offset());
  }

  /** The reference's path token: a character outside {@code [A-Za-z0-9_.:-]} becomes {@code _}; empty → {@code _}. */
  static String token(String s) {
    if (s == null || s.isEmpty()) {
      return "_";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "_.:-".indexOf(c) >= 0;
      out.append(ok ? c : '_');
    }
    return out.toString();
  }

  /** The archive record body, every field of the reference but {@code archived_at_utc}. */
  public static Map<String, Object> body(StreamRecord r, Map<String, Object> envelope, String payloadHash) {
    Map<String, Object> b = new LinkedHashMap<>();
    for (String f : List.of("platform_run_id", "scenario_run_id", "manifest_fingerprint", "parameter_hash",
        "scenario_id")) {
      b.put(f, envelope.get(f));
    }
    b.put("seed", envelope.get("seed") == null ? null : String.valueOf(envelope.get("seed")));
    b.put("event_id", envelope.get("event_id"));
    b.put("event_type", envelope.get("event_type"));
    b.put("ts_utc", envelope.get("ts_utc"));
    b.put("payload_hash", payloadHash);
    Map<String, Object> origin = new LinkedHashMap<>();
    origin.put("topic", r.topic());
    origin.put("partition", r.partition());
    origin.put("offset", r.offset());
    origin.put("offset_kind", r.offsetKind());
    b.put("origin_offset", origin);
    b.put("envelope", envelope);
    return b;
  }
}
