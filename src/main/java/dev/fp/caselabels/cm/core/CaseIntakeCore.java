package dev.fp.caselabels.cm.core;

import dev.fp.caselabels.cm.store.CmTables;
import dev.fp.caselabels.cm.store.CmTables.CaseKey;
import dev.fp.caselabels.cm.store.CmTables.CaseRow;
import dev.fp.caselabels.cm.store.CmTables.EmissionKey;
import dev.fp.caselabels.cm.store.CmTables.EmissionRow;
import dev.fp.caselabels.cm.store.CmTables.IntakeRow;
import dev.fp.caselabels.cm.store.CmTables.TimelineKey;
import dev.fp.caselabels.cm.store.CmTables.TimelineRow;
import dev.fp.caselabels.cm.store.CmTables.TriggerKey;
import dev.fp.contract.CaseTriggers;
import dev.fp.contract.Hashing;
import dev.fp.contract.Ids;
import dev.fp.platform.stream.core.BatchWrites;
import dev.fp.platform.stream.core.KeyRequests;
import dev.fp.platform.stream.core.ProcessorContext;
import dev.fp.platform.stream.core.StreamProcessor;
import dev.fp.platform.stream.core.StreamRecord;

import java.util.Map;

/**
 * CM's intake (reference case_ops_obs §2.1–§2.2): for each {@code case_trigger} of the run — validate it
 * ({@link CaseTriggers#validate}: ids and hash recomputed; an invalid one is recorded with its reason and passed), find
 * or create its case (no merge: the subject must hash to the case id), take the trigger into the intake ledger (NEW,
 * DUPLICATE: replay counted, MISMATCH: a mismatch row, the stored trigger kept), and on NEW append CASE_TRIGGERED
 * and the automatic label's LABEL_PENDING, store the label's emission row PENDING and emit its submission to LS.
 * All of it commits in the intake batch before LS is called (the component stores before effects), so a crash
 * before LS answers loses nothing: the re-delivered trigger is a DUPLICATE whose label is still PENDING with no
 * attempt made, and it is submitted again (the reference's §8.5 hole).
 */
public final class CaseIntakeCore implements StreamProcessor<IntakeCommit> {
  private final LabelEmissionPolicy policy;

  public CaseIntakeCore(LabelEmissionPolicy policy) {
    this.policy = policy;
  }

  /** A valid trigger of a record, with the keys it touches; null when the record is not one. */
  private record Intake(Map<String, Object> trigger, String caseId, String triggerId, TimelineKey caseEvent,
                        EmissionKey label, LabelEmissionPolicy.AutoLabel autoLabel) {
  }

  @Override
  public void prefetch(StreamRecord r, KeyRequests keys) {
    Intake in = intake(r);
    if (in == null) {
      return;
    }
    String run = r.platformRunId();
    keys.need(CmTables.INTAKE, new TriggerKey(run, in.triggerId()));
    keys.need(CmTables.CASES, new CaseKey(run, in.caseId()));
    keys.need(CmTables.TIMELINE, in.caseEvent());
    if (in.label() != null) {
      keys.need(CmTables.EMISSIONS, in.label());
    }
  }

  @Override
  public void apply(StreamRecord r, ProcessorContext<IntakeCommit> ctx) {
    if (!CaseTriggers.EVENT_TYPE.equals(r.eventType())) {
      ctx.count(CmCounters.IGNORED, 1);
      return;
    }
    ctx.count(CmCounters.TRIGGERS_SEEN, 1);
    String problem = problem(r, ctx.platformRunId());
    if (problem != null) {
      int colon = problem.indexOf('|');
      invalid(r, ctx, problem.substring(0, colon), problem.substring(colon + 1));
      return;
    }
    Intake in = intake(r);
    String run = ctx.platformRunId();
    TriggerKey tk = new TriggerKey(run, in.triggerId());
    String hash = Hashing.canonicalHash(in.trigger());
    IntakeRow seen = ctx.get(CmTables.INTAKE, tk);
    if (seen != null) {
      replay(r, ctx, in, tk, seen, hash);
      return;
    }
    CaseKey ck = new CaseKey(run, in.caseId());
    CaseRow kase = ctx.get(CmTables.CASES, ck);
    @SuppressWarnings("unchecked") Map<String, Object> subject =
        (Map<String, Object>) in.trigger().get("case_subject_key");
    String subjectHash = Hashing.canonicalHash(subject);
    if (kase != null && !kase.caseSubjectHash().equals(subjectHash)) {
      invalid(r, ctx, "CASE_NO_MERGE_VIOLATION", "case " + in.caseId() + " belongs to another subject");
      return;
    }
    String observed = (String) in.trigger().get("observed_time");
    // the intake's counters commit with LS's answer (IntakeCommit), not with these rows stored before it
    Deltas w = new Deltas(ctx);
    w.count(CmCounters.TRIGGERS_NEW, 1);
    if (kase == null) {
      w.count(CmCounters.CASES_CREATED, 1);
      @SuppressWarnings("unchecked") Map<String, Object> pins = (Map<String, Object>) in.trigger().get("pins");
      kase = new CaseRow(subjectHash, subject, pins, observed, observed, 0, r.publishedAtUtc());
    }
    w.put(CmTables.CASES, ck, new CaseRow(kase.caseSubjectHash(), kase.caseSubjectKey(), kase.pins(),
        min(kase.firstObservedTime(), observed), max(kase.lastObservedTime(), observed), kase.triggerCount() + 1,
        kase.createdAtUtc()));
    append(w, ctx.get(CmTables.TIMELINE, in.caseEvent()), run, triggeredEvent(in), LabelHandshake.INTAKE_ACTOR,
        "SYSTEM", r.publishedAtUtc());
    EmissionRow label = null;
    if (in.autoLabel() != null) {
      Map<String, Object> assertion = LabelHandshake.autoAssertion(policy, in.autoLabel(), in.trigger(),
          in.caseEvent().caseTimelineEventId());
      Map<String, Object> pending = LabelHandshake.pendingEvent(in.caseId(), assertion);
      // new with its trigger: the pending event's id derives from the CASE_TRIGGERED just appended
      append(w, null, run, pending, policy.autoLabelActor(), policy.autoLabelSourceType(), r.publishedAtUtc());
      label = LabelHandshake.stored(in.caseId(), assertion, (String) pending.get("case_timeline_event_id"));
      w.put(CmTables.EMISSIONS, in.label(), label);
      w.count(CmCounters.LABEL_ASSERTIONS, 1);
    }
    IntakeRow row = new IntakeRow(in.caseId(), (String) in.trigger().get("trigger_type"),
        (String) in.trigger().get("source_ref_id"), hash, in.trigger(), observed, 0, 0, r.publishedAtUtc(),
        r.topic(), r.partition(), r.offset(), w.counts, false);
    ctx.put(CmTables.INTAKE, tk, row);
    ctx.emit(new IntakeCommit(tk, row, label == null ? null : in.label(), label));
  }

  /**
   * A trigger id seen before: the record that took it in, re-delivered after a crash left its intake uncounted, emits
   * its commit again (with its label, still unsent); any other record is a replay (counted) or a mismatch (a
   * mismatch row; the stored trigger is kept).
   */
  private void replay(StreamRecord r, ProcessorContext<IntakeCommit> ctx, Intake in, TriggerKey tk, IntakeRow seen,
                      String hash) {
    if (!seen.counted() && seen.takenInAt(r.topic(), r.partition(), r.offset())) {
      EmissionRow label = in.label() == null ? null : ctx.get(CmTables.EMISSIONS, in.label());
      boolean unsent = label != null && label.pending() && label.attemptCount() == 0;
      if (unsent) {
        ctx.count(CmCounters.LABELS_RESUBMITTED, 1);
      }
      ctx.emit(new IntakeCommit(tk, seen, unsent ? in.label() : null, unsent ? label : null));
      return;
    }
    if (!seen.triggerHash().equals(hash)) {
      ctx.count(CmCounters.TRIGGER_MISMATCHES, 1);
      ctx.put(CmTables.INTAKE, tk, seen.mismatched());
      ctx.put(CmTables.TRIGGER_MISMATCHES, new CmTables.MismatchKey(tk.platformRunId(), tk.caseTriggerId(), hash),
          new CmTables.MismatchRow(seen.triggerHash(), in.trigger(), r.publishedAtUtc()));
      return;
    }
    ctx.count(CmCounters.TRIGGERS_DUPLICATE, 1);
    ctx.put(CmTables.INTAKE, tk, seen.replayed());
  }

  /** Writes passed through to the batch, counter deltas kept aside (they commit with the intake's effect). */
  private static final class Deltas implements BatchWrites {
    private final BatchWrites batch;
    final Map<String, Long> counts = new java.util.TreeMap<>();

    Deltas(BatchWrites batch) {
      this.batch = batch;
    }

    @Override
    public <K, V> void put(dev.fp.substrate.state.Table<K, V> table, K key, V value) {
      batch.put(table, key, value);
    }

    @Override
    public <K, V> void delete(dev.fp.substrate.state.Table<K, V> table, K key) {
      batch.delete(table, key);
    }

    @Override
    public void count(String name, long delta) {
      counts.merge(name, delta, Long::sum);
    }
  }

  /**
   * Appends {@code event} to its case's timeline: new → the row and its links; the same payload hash again → a
   * replay; another hash under the same id → a mismatch row (the stored event is kept).
   */
  public static void append(BatchWrites writes, TimelineRow existing, String run, Map<String, Object> event, String actor,
                     String sourceType, String atUtc) {
    String caseId = (String) event.get("case_id");
    String id = (String) event.get("case_timeline_event_id");
    TimelineKey key = new TimelineKey(run, caseId, id);
    if (existing == null) {
      writes.put(CmTables.TIMELINE, key, new TimelineRow(event, actor, sourceType, atUtc, 0, 0));
      for (CaseTimeline.Link l : CaseTimeline.links(event)) {
        writes.put(CmTables.LINKS, new CmTables.LinkKey(run, l.refType(), l.refId(), caseId, id),
            new CmTables.LinkRow((String) event.get("observed_time")));
      }
      writes.count(CmCounters.TIMELINE_APPENDED, 1);
    } else if (existing.event().get("payload_hash").equals(event.get("payload_hash"))) {
      writes.put(CmTables.TIMELINE, key, existing.replayed());
    } else {
      writes.count(CmCounters.TIMELINE_MISMATCHES, 1);
      writes.put(CmTables.TIMELINE, key, existing.mismatched());
      writes.put(CmTables.TIMELINE_MISMATCHES, new CmTables.MismatchKey(run, id, (String) event.get("payload_hash")),
          new CmTables.MismatchRow((String) existing.event().get("payload_hash"), event, atUtc));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> triggeredEvent(Intake in) {
    Map<String, Object> t = in.trigger();
    Map<String, Object> payload = new java.util.LinkedHashMap<>();
    payload.put("case_trigger_id", in.triggerId());
    payload.put("trigger_type", t.get("trigger_type"));
    payload.put("source_ref_id", t.get("source_ref_id"));
    return CaseTimeline.event(in.caseId(), CaseTimeline.CASE_TRIGGERED, in.triggerId(),
        (Map<String, Object>) t.get("pins"), (String) t.get("observed_time"),
        (java.util.List<Map<String, Object>>) t.get("evidence_refs"), payload,
        (Map<String, Object>) t.get("case_subject_key"));
  }

  /** {@code CODE|detail} when the record is not a valid case_trigger of this run, else null. */
  private static String problem(StreamRecord r, String run) {
    try {
      CaseTriggers.validate(r.payload());
    } catch (CaseTriggers.Invalid e) {
      return e.code() + "|" + e.getMessage();
    }
    @SuppressWarnings("unchecked") Map<String, Object> pins = (Map<String, Object>) r.payload().get("pins");
    if (!run.equals(pins.get("platform_run_id"))) {
      return "RUN_SCOPE_MISMATCH|pins.platform_run_id " + pins.get("platform_run_id") + " is not this run " + run;
    }
    return null;
  }

  private Intake intake(StreamRecord r) {
    if (!CaseTriggers.EVENT_TYPE.equals(r.eventType()) || r.platformRunId() == null
        || problem(r, r.platformRunId()) != null) {
      return null;
    }
    Map<String, Object> t = r.payload();
    String caseId = (String) t.get("case_id");
    String triggerId = (String) t.get("case_trigger_id");
    String run = r.platformRunId();
    TimelineKey caseEvent = new TimelineKey(run, caseId,
        Ids.caseTimelineEventId(caseId, CaseTimeline.CASE_TRIGGERED, triggerId));
    LabelEmissionPolicy.AutoLabel label = policy.autoLabel((String) t.get("trigger_type"));
    EmissionKey emission = null;
    if (label != null) {
      @SuppressWarnings("unchecked") Map<String, Object> subject = (Map<String, Object>) t.get("case_subject_key");
      emission = new EmissionKey(run, Ids.labelAssertionId(caseEvent.caseTimelineEventId(),
          (String) subject.get("platform_run_id"), (String) subject.get("event_id"), label.labelType()));
    }
    return new Intake(t, caseId, triggerId, caseEvent, emission, label);
  }

  private static void invalid(StreamRecord r, ProcessorContext<IntakeCommit> ctx, String code, String detail) {
    ctx.count(CmCounters.TRIGGERS_INVALID, 1);
    ctx.put(CmTables.INVALID, new CmTables.InvalidKey(ctx.platformRunId(), r.topic(), r.partition(), r.offset()),
        new CmTables.InvalidRow(r.eventId(), code, detail));
  }

  private static String min(String a, String b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String max(String a, String b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
