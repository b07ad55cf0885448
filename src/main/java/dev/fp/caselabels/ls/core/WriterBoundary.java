package dev.fp.caselabels.ls.core;

import dev.fp.contract.LabelAssertions;
import dev.fp.contract.LabelTaxonomy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The Label Store's writer boundary (case_ops_obs §3.3) as a pure function of one write request: which answer each
 * assertion gets and which rows the request's single StateStore batch must hold. Assertions are decided in order, each
 * seeing the rows the earlier ones of the request would write, so the same id twice in one request is NEW then
 * REPLAY_MATCH, never NEW twice.
 *
 * <ul>
 *   <li>contract error → REJECTED {@code CONTRACT_INVALID:<field>}; no evidence → REJECTED MISSING_EVIDENCE_REFS;
 *       a subject of another run than this store's → REJECTED RUN_SCOPE_MISMATCH (each kept as a rejection row);</li>
 *   <li>new id → ledger row + timeline row → ACCEPTED ASSERTION_COMMITTED_NEW;</li>
 *   <li>stored id, other (run, event, type) → mismatch row → REJECTED DEDUPE_TUPLE_COLLISION;</li>
 *   <li>stored id, same hash → replay_count + 1 → ACCEPTED ASSERTION_REPLAY_MATCH;</li>
 *   <li>stored id, other hash → mismatch row → REJECTED PAYLOAD_HASH_MISMATCH. The stored row is never replaced.</li>
 * </ul>
 */
public final class WriterBoundary {
  public static final String COMMITTED_NEW = "ASSERTION_COMMITTED_NEW";
  public static final String REPLAY_MATCH = "ASSERTION_REPLAY_MATCH";
  public static final String DEDUPE_TUPLE_COLLISION = "DEDUPE_TUPLE_COLLISION";
  public static final String PAYLOAD_HASH_MISMATCH = "PAYLOAD_HASH_MISMATCH";
  public static final String RUN_SCOPE_MISMATCH = "RUN_SCOPE_MISMATCH";

  /** A submission that disagreed with the ledger row of its id; {@code seq} is the row's mismatch count after it. */
  public record Mismatch(String labelAssertionId, long seq, String reasonCode, String eventId, String labelType,
                         String observedPayloadHash, String storedPayloadHash, String observedAtUtc,
                         Map<String, Object> assertion) {
  }

  /** A submission refused before the ledger (contract, evidence, run scope); {@code seq} numbers the rejects. */
  public record Rejection(long seq, String reasonCode, String detail, String labelAssertionId, Object assertion,
                          String observedAtUtc) {
  }

  /** What one request answers and commits; {@code counters} are the store's counters after it. */
  public record Plan(List<WriteResult> results, Map<String, LedgerEntry> ledger, List<TimelineEntry> timeline,
                     List<Mismatch> mismatches, List<Rejection> rejections, Map<String, Long> counters) {
  }

  private final String platformRunId;
  private final LabelTaxonomy taxonomy;
  private final BiFunction<String, String, String> assertionRef;

  /**
   * @param platformRunId the run this store serves
   * @param assertionRef  (run, label_assertion_id) → where the committed assertion can be read back
   */
  public WriterBoundary(String platformRunId, LabelTaxonomy taxonomy, BiFunction<String, String, String> assertionRef) {
    this.platformRunId = platformRunId;
    this.taxonomy = taxonomy;
    this.assertionRef = assertionRef;
  }

  /** The label_assertion_id strings the request names (valid or not): the ledger rows {@link #plan} needs. */
  public static Set<String> idsOf(List<?> assertions) {
    Set<String> ids = new LinkedHashSet<>();
    for (Object a : assertions) {
      if (a instanceof Map<?, ?> m && m.get("label_assertion_id") instanceof String id) {
        ids.add(id);
      }
    }
    return ids;
  }

  /**
   * Decides every assertion of a request in order.
   *
   * @param stored   the ledger rows of {@link #idsOf} that exist
   * @param counters the store's committed counters
   * @param nowUtc   commit bookkeeping time (never hashed)
   */
  public Plan plan(List<?> assertions, Map<String, LedgerEntry> stored, Map<String, Long> counters, String nowUtc) {
    Map<String, LedgerEntry> ledger = new HashMap<>(stored);
    Map<String, LedgerEntry> writes = new LinkedHashMap<>();
    Map<String, Long> c = new TreeMap<>(counters);
    add(c, LsCounters.WRITE_BATCHES);
    List<WriteResult> results = new ArrayList<>();
    List<TimelineEntry> timeline = new ArrayList<>();
    List<Mismatch> mismatches = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    for (Object raw : assertions) {
      if (!(raw instanceof Map<?, ?> rawMap)) {
        results.add(refuse(LabelAssertions.CONTRACT_INVALID + ":assertion", "assertion must be a JSON object", null,
            raw, LsCounters.CONTRACT_INVALID, c, rejections, nowUtc));
        continue;
      }
      Map<String, Object> a;
      try {
        a = validate(rawMap);
      } catch (LabelAssertions.Invalid e) {
        String id = raw instanceof Map<?, ?> m && m.get("label_assertion_id") instanceof String s ? s : null;
        String counter = e.code().equals(LabelAssertions.MISSING_EVIDENCE_REFS) ? LsCounters.MISSING_EVIDENCE_REFS
            : LsCounters.CONTRACT_INVALID;
        results.add(refuse(e.code(), e.getMessage(), id, raw, counter, c, rejections, nowUtc));
        continue;
      }
      String id = (String) a.get("label_assertion_id");
      Map<?, ?> subject = (Map<?, ?>) a.get("label_subject_key");
      String eventId = (String) subject.get("event_id");
      if (!platformRunId.equals(subject.get("platform_run_id"))) {
        results.add(refuse(RUN_SCOPE_MISMATCH, "subject run " + subject.get("platform_run_id")
            + " is not this label store's run " + platformRunId, id, a, LsCounters.RUN_SCOPE_MISMATCH, c, rejections,
            nowUtc));
        continue;
      }
      String type = (String) a.get("label_type");
      String hash = (String) a.get("payload_hash");
      LedgerEntry existing = ledger.get(id);
      LedgerEntry next;
      WriteResult result;
      if (existing == null) {
        String ref = assertionRef.apply(platformRunId, id);
        next = new LedgerEntry(platformRunId, eventId, type, hash, a, 0, 0, nowUtc, nowUtc, ref);
        timeline.add(new TimelineEntry(id, type, (String) a.get("label_value"), (String) a.get("effective_time"),
            (String) a.get("observed_time"), ref, nowUtc, a));
        add(c, LsCounters.ACCEPTED);
        add(c, LsCounters.TIMELINE_ROWS);
        result = new WriteResult(WriteResult.ACCEPTED, COMMITTED_NEW, id, ref, 0, 0);
      } else if (!existing.platformRunId().equals(platformRunId) || !existing.eventId().equals(eventId)
          || !existing.labelType().equals(type)) {
        next = existing.withMismatch();
        result = mismatch(DEDUPE_TUPLE_COLLISION, LsCounters.DEDUPE_TUPLE_COLLISION, next, a, eventId, type, hash,
            c, mismatches, nowUtc);
      } else if (existing.payloadHash().equals(hash)) {
        next = existing.withReplay(nowUtc);
        add(c, LsCounters.DUPLICATE);
        result = new WriteResult(WriteResult.ACCEPTED, REPLAY_MATCH, id, next.assertionRef(), next.replayCount(),
            next.mismatchCount());
      } else {
        next = existing.withMismatch();
        result = mismatch(PAYLOAD_HASH_MISMATCH, LsCounters.PAYLOAD_HASH_MISMATCH, next, a, eventId, type, hash,
            c, mismatches, nowUtc);
      }
      ledger.put(id, next);
      writes.put(id, next);
      results.add(result);
    }
    return new Plan(results, writes, timeline, mismatches, rejections, c);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> validate(Map<?, ?> raw) {
    return LabelAssertions.validate((Map<String, ?>) raw, taxonomy);
  }

  private static WriteResult mismatch(String reason, String counter, LedgerEntry next, Map<String, Object> a,
                                      String eventId, String type, String hash, Map<String, Long> c,
                                      List<Mismatch> mismatches, String nowUtc) {
    String id = (String) a.get("label_assertion_id");
    mismatches.add(new Mismatch(id, next.mismatchCount(), reason, eventId, type, hash, next.payloadHash(), nowUtc, a));
    add(c, counter);
    add(c, LsCounters.MISMATCH_ROWS);
    add(c, LsCounters.REJECTED);
    return new WriteResult(WriteResult.REJECTED, reason, id, next.assertionRef(), next.replayCount(),
        next.mismatchCount());
  }

  private static WriteResult refuse(String reason, String detail, String id, Object assertion, String counter,
                                    Map<String, Long> c, List<Rejection> rejections, String nowUtc) {
    add(c, counter);
    add(c, LsCounters.REJECTED);
    rejections.add(new Rejection(c.get(LsCounters.REJECTED), reason, detail, id, assertion, nowUtc));
    return new WriteResult(WriteResult.REJECTED, reason, id, null, 0, 0);
  }

  private static void add(Map<String, Long> c, String counter) {
    c.merge(counter, 1L, Long::sum);
  }
}
