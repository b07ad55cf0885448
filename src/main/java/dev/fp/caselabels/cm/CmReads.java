package dev.fp.caselabels.cm;

import dev.fp.caselabels.cm.core.CaseProjection;
import dev.fp.caselabels.cm.core.CaseTimeline;
import dev.fp.caselabels.cm.store.CmTables;
import dev.fp.caselabels.cm.store.CmTables.CaseKey;
import dev.fp.caselabels.cm.store.CmTables.CaseRow;
import dev.fp.caselabels.cm.store.CmTables.EmissionKey;
import dev.fp.caselabels.cm.store.CmTables.EmissionRow;
import dev.fp.caselabels.cm.store.CmTables.TimelineRow;
import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.KeyValue;
import dev.fp.substrate.state.PagedScan;
import dev.fp.substrate.state.StateStore;
import dev.fp.substrate.state.Table;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads of CM's durable state for operators and the P10 closeout: a case with its projection (folded from the
 * timeline, never stored), its timeline in (observed_time, id) order and its labels; the cases of a run filtered by
 * state; and whole-run scans, paged, that never hold more than a page in memory.
 */
final class CmReads {
  private static final int PAGE = 1_000;

  private CmReads() {
  }

  /** Visits every row of {@code table} under {@code prefix} in key order, a page at a time. */
  static <K, V> Future<Void> scanAll(StateStore store, Table<K, V> table, byte[] prefix,
                                     Consumer<KeyValue<K, V>> visit) {
    return PagedScan.all(store, table, prefix, visit);
  }

  /** A case's timeline rows, sorted in listing order. */
  static Future<List<TimelineRow>> timeline(StateStore store, String run, String caseId) {
    List<TimelineRow> rows = new ArrayList<>();
    return scanAll(store, CmTables.TIMELINE, CmTables.timelinePrefix(run, caseId), kv -> rows.add(kv.value()))
        .map(v -> {
          rows.sort((a, b) -> CaseTimeline.ORDER.compare(a.event(), b.event()));
          return rows;
        });
  }

  /** The case, its projection, timeline and labels; null when the run has no such case. */
  static Future<Map<String, Object>> caseDetail(StateStore store, String run, String caseId) {
    return store.get(CmTables.CASES, new CaseKey(run, caseId)).compose(kase -> kase == null
        ? Future.succeededFuture(null)
        : timeline(store, run, caseId).compose(rows -> labels(store, run, rows).map(labels -> {
          Map<String, Object> out = summary(run, caseId, kase, rows);
          List<Map<String, Object>> events = new ArrayList<>();
          for (TimelineRow r : rows) {
            Map<String, Object> e = new LinkedHashMap<>(r.event());
            e.put("actor_id", r.actorId());
            e.put("source_type", r.sourceType());
            e.put("appended_at_utc", r.appendedAtUtc());
            events.add(e);
          }
          out.put("timeline", events);
          out.put("labels", labels);
          return out;
        })));
  }

  /**
   * Up to {@code limit} cases of the run in case-id order, each with its projection, keeping those whose status is
   * {@code state} (every case when null).
   */
  static Future<List<Map<String, Object>>> cases(StateStore store, String run, String state, int limit) {
    List<Map<String, Object>> out = new ArrayList<>();
    return casePage(store, run, KeyRange.prefix(CmTables.runPrefix(run)), state, limit, out).map(v -> out);
  }

  private static Future<Void> casePage(StateStore store, String run, KeyRange range, String state, int limit,
                                       List<Map<String, Object>> out) {
    return store.scan(CmTables.CASES, range, PAGE).compose(rows -> {
      Future<Void> chain = Future.succeededFuture();
      for (KeyValue<CaseKey, CaseRow> kv : rows) {
        chain = chain.compose(v -> out.size() >= limit ? Future.succeededFuture()
            : timeline(store, run, kv.key().caseId()).map(events -> {
              Map<String, Object> s = summary(run, kv.key().caseId(), kv.value(), events);
              if (state == null || state.equals(((Map<?, ?>) s.get("projection")).get("status"))) {
                out.add(s);
              }
              return null;
            }));
      }
      return chain.compose(v -> out.size() >= limit || rows.size() < PAGE ? Future.succeededFuture()
          : casePage(store, run, range.after(CmTables.CASES.keys().encode(rows.get(rows.size() - 1).key())), state,
              limit, out));
    });
  }

  private static Map<String, Object> summary(String run, String caseId, CaseRow kase, List<TimelineRow> rows) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("platform_run_id", run);
    out.put("case_id", caseId);
    out.put("case_subject_key", kase.caseSubjectKey());
    out.put("pins", kase.pins());
    out.put("trigger_count", kase.triggerCount());
    out.put("first_observed_time", kase.firstObservedTime());
    out.put("last_observed_time", kase.lastObservedTime());
    out.put("created_at_utc", kase.createdAtUtc());
    out.put("projection", CaseProjection.fold(caseId, rows.stream().map(TimelineRow::event).toList()).toMap());
    return out;
  }

  /** The labels the case's timeline names (LABEL_PENDING carries each assertion's id), as CM's emission rows. */
  private static Future<List<Map<String, Object>>> labels(StateStore store, String run, List<TimelineRow> rows) {
    List<EmissionKey> keys = new ArrayList<>();
    for (TimelineRow r : rows) {
      if (CaseTimeline.LABEL_PENDING.equals(r.event().get("timeline_event_type"))
          && r.event().get("timeline_payload") instanceof Map<?, ?> p) {
        keys.add(new EmissionKey(run, String.valueOf(p.get("label_assertion_id"))));
      }
    }
    return store.multiGet(CmTables.EMISSIONS, keys).map(found -> {
      List<Map<String, Object>> out = new ArrayList<>();
      for (EmissionKey k : keys) {
        EmissionRow e = found.get(k);
        if (e != null) {
          out.add(label(k.labelAssertionId(), e));
        }
      }
      return out;
    });
  }

  static Map<String, Object> label(String id, EmissionRow e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("label_assertion_id", id);
    m.put("label_type", e.labelType());
    m.put("label_value", e.assertion().get("label_value"));
    m.put("status", e.status());
    m.put("attempt_count", e.attemptCount());
    m.put("last_reason_code", e.lastReasonCode());
    m.put("assertion_ref", e.assertionRef());
    m.put("first_requested_at_utc", e.firstRequestedAtUtc());
    m.put("last_attempted_at_utc", e.lastAttemptedAtUtc());
    m.put("next_attempt_at_utc", e.nextAttemptAtUtc());
    m.put("pending_timeline_event_id", e.pendingEventId());
    m.put("decided_timeline_event_id", e.decidedEventId());
    m.put("assertion", e.assertion());
    return m;
  }
}
