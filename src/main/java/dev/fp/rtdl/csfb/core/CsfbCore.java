package dev.fp.rtdl.csfb.core;

import dev.fp.contract.EventRouting;
import dev.fp.contract.Hashing;
import dev.fp.contract.WireTime;
import dev.fp.platform.stream.StreamComponent;
import dev.fp.platform.stream.core.KeyRequests;
import dev.fp.platform.stream.core.ProcessorContext;
import dev.fp.platform.stream.core.StreamProcessor;
import dev.fp.platform.stream.core.StreamRecord;
import dev.fp.rtdl.csfb.store.CsfbTables;
import dev.fp.rtdl.csfb.store.CsfbTables.BindingKey;
import dev.fp.rtdl.csfb.store.CsfbTables.FailureKey;
import dev.fp.rtdl.csfb.store.CsfbTables.IntakeKey;
import dev.fp.rtdl.csfb.store.CsfbTables.UnpairedKey;
import dev.fp.rtdl.csfb.store.CsfbTables.WatermarkKey;
import dev.fp.rtdl.csfb.store.FailureRecord;
import dev.fp.rtdl.csfb.store.FlowBinding;
import dev.fp.rtdl.csfb.store.IntakeEntry;
import dev.fp.rtdl.csfb.store.JoinFrame;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CSFB's core (reference rtdl §4, hazards fixed). Per in-run context record:
 * <ol>
 *   <li>intake checks ({@link ContextIntake}); a rejected record gets one failure record (deterministic id, so a
 *       replay finds it and counts a duplicate);</li>
 *   <li>intake dedupe on {@code (run, event_class, event_id)}: the same payload hash is a duplicate; another hash is
 *       {@code INTAKE_PAYLOAD_HASH_MISMATCH}, recorded once per distinct hash, never applied;</li>
 *   <li>a flow anchor binds its flow to the arrival, append-only: a binding of the flow with another hash
 *       ({@code FLOW_BINDING_PAYLOAD_HASH_MISMATCH}) or an arrival already bound to another flow
 *       ({@code FLOW_BINDING_JOIN_KEY_CONFLICT}) is a conflict: recorded, the anchor settled as rejected, nothing
 *       overwritten;</li>
 *   <li>otherwise the event merges into its join frame; a join hit is counted when the second of arrival event and
 *       binding arrives; an event older than its partition's watermark is also recorded as
 *       {@code LATE_CONTEXT_EVENT} (applied, informational).</li>
 * </ol>
 * Every outcome is written to the intake ledger in the same batch, so re-delivery and replay change nothing.
 */
public final class CsfbCore implements StreamProcessor<Void> {
  private final String streamName;

  /** @param streamName the component name, whose group id ({@code csfb.v0::<run>}) enters failure ids */
  public CsfbCore(String streamName) {
    this.streamName = streamName;
  }

  @Override
  public void prefetch(StreamRecord r, KeyRequests keys) {
    ContextIntake.Intake in = keys.examined(r, ContextIntake::read);
    if (in.rejection() != null) {
      keys.need(CsfbTables.FAILURES, failureKey(r, in.rejection().reason(), in.rejection().details()));
      return;
    }
    ContextEvent e = in.event();
    keys.need(CsfbTables.INTAKE, intakeKey(e, r));
    keys.need(CsfbTables.FRAMES, e.key());
    keys.need(CsfbTables.WATERMARKS, watermarkKey(r));
    if (e.isAnchor()) {
      keys.need(CsfbTables.BINDINGS, bindingKey(e));
    }
  }

  @Override
  public void apply(StreamRecord r, ProcessorContext<Void> ctx) {
    ContextIntake.Intake in = ctx.examined(r, ContextIntake::read);
    if (in.rejection() != null) {
      rejected(r, in.rejection(), ctx);
      return;
    }
    ContextEvent e = in.event();
    IntakeKey intakeKey = intakeKey(e, r);
    IntakeEntry settled = ctx.get(CsfbTables.INTAKE, intakeKey);
    if (settled != null) {
      seenAgain(r, e, intakeKey, settled, ctx);
      return;
    }
    JoinFrame frame = ctx.get(CsfbTables.FRAMES, e.key());
    String hash = e.payloadHash();
    if (e.isAnchor()) {
      String conflict = bindingConflict(r, e, frame, ctx);
      if (conflict != null) {
        ctx.put(CsfbTables.INTAKE, intakeKey, new IntakeEntry(hash, conflict, List.of()));
        return;
      }
    }
    ctx.put(CsfbTables.INTAKE, intakeKey, new IntakeEntry(hash, IntakeEntry.APPLIED, List.of()));
    ctx.count(CsfbCounters.APPLIED, 1);
    if (frame == null) {
      frame = JoinFrame.empty(e.key());
      ctx.count(CsfbCounters.FRAMES, 1);
    }
    ctx.put(CsfbTables.FRAMES, e.key(), merge(frame, e, ctx));
    watermark(r, e, ctx);
  }

  private JoinFrame merge(JoinFrame frame, ContextEvent e, ProcessorContext<Void> ctx) {
    String run = ctx.platformRunId();
    if (e.isAnchor()) {
      if (frame.bound()) {
        return frame.withFlowAnchor(e.payload(), e.ref(), e.tsUtc(), frame.flowId(), frame.boundAtMicros());
      }
      FlowBinding binding = FlowBindings.of(e);
      ctx.put(CsfbTables.BINDINGS, bindingKey(e), binding);
      ctx.count(CsfbCounters.BINDINGS, 1);
      if (frame.hasArrival()) {
        ctx.count(CsfbCounters.JOIN_HITS, 1);
      } else {
        ctx.count(CsfbCounters.JOIN_MISSES, 1);
        ctx.put(CsfbTables.UNPAIRED, new UnpairedKey(run, e.tsMicros(), e.flowId()), e.key());
      }
      return frame.withFlowAnchor(e.payload(), e.ref(), e.tsUtc(), e.flowId(), e.tsMicros());
    }
    if (e.eventClass().equals(EventRouting.CONTEXT_ARRIVAL)) {
      if (!frame.hasArrival() && frame.bound()) {
        ctx.count(CsfbCounters.JOIN_HITS, 1);
        ctx.count(CsfbCounters.JOIN_MISSES, -1);
        ctx.delete(CsfbTables.UNPAIRED, new UnpairedKey(run, frame.boundAtMicros(), frame.flowId()));
      }
      return frame.withArrivalEvent(e.payload(), e.ref(), e.tsUtc());
    }
    return frame.withArrivalEntities(e.payload(), e.ref(), e.tsUtc());
  }

  /** The conflict an anchor would cause (recorded here), or null when it may bind. */
  private String bindingConflict(StreamRecord r, ContextEvent e, JoinFrame frame, ProcessorContext<Void> ctx) {
    FlowBinding existing = ctx.get(CsfbTables.BINDINGS, bindingKey(e));
    FlowBinding proposed = existing == null ? null : FlowBindings.of(e);
    if (existing != null && !existing.payloadHash().equals(proposed.payloadHash())) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("flow_id", e.flowId());
      d.put("stored_payload_hash", existing.payloadHash());
      d.put("observed_payload_hash", proposed.payloadHash());
      d.put("stored_source_event_id", existing.sourceEvent().eventId());
      d.put("stored_join_frame_key", existing.joinFrameKey().toJson());
      d.put("observed_join_frame_key", e.key().toJson());
      anomaly(r, CsfbReasons.FLOW_BINDING_PAYLOAD_HASH_MISMATCH, d, ctx);
      return CsfbReasons.FLOW_BINDING_PAYLOAD_HASH_MISMATCH;
    }
    if (existing == null && frame != null && frame.bound() && !frame.flowId().equals(e.flowId())) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("join_frame_key", e.key().toJson());
      d.put("bound_flow_id", frame.flowId());
      d.put("observed_flow_id", e.flowId());
      anomaly(r, CsfbReasons.FLOW_BINDING_JOIN_KEY_CONFLICT, d, ctx);
      return CsfbReasons.FLOW_BINDING_JOIN_KEY_CONFLICT;
    }
    return null;
  }

  private void seenAgain(StreamRecord r, ContextEvent e, IntakeKey key, IntakeEntry settled,
                         ProcessorContext<Void> ctx) {
    String hash = e.payloadHash();
    if (settled.payloadHash().equals(hash) || settled.mismatchedHashes().contains(hash)) {
      ctx.count(CsfbCounters.DUPLICATES, 1);
      return;
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("event_class", e.eventClass());
    d.put("stored_payload_hash", settled.payloadHash());
    d.put("observed_payload_hash", hash);
    anomaly(r, CsfbReasons.INTAKE_PAYLOAD_HASH_MISMATCH, d, ctx);
    ctx.put(CsfbTables.INTAKE, key, settled.withMismatch(hash));
  }

  private void rejected(StreamRecord r, Rejection rejection, ProcessorContext<Void> ctx) {
    FailureKey key = failureKey(r, rejection.reason(), rejection.details());
    if (ctx.get(CsfbTables.FAILURES, key) != null) {
      ctx.count(CsfbCounters.DUPLICATES, 1);
      return;
    }
    anomaly(r, rejection.reason(), rejection.details(), ctx);
  }

  private void watermark(StreamRecord r, ContextEvent e, ProcessorContext<Void> ctx) {
    WatermarkKey key = watermarkKey(r);
    Long mark = ctx.get(CsfbTables.WATERMARKS, key);
    if (mark != null && e.tsMicros() < mark) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("event_ts_utc", e.tsUtc());
      d.put("watermark_utc", WireTime.formatString(mark));
      d.put("applied", true);
      FailureRecord late = record(r, CsfbReasons.LATE_CONTEXT_EVENT, d);
      ctx.put(CsfbTables.FAILURES, new FailureKey(ctx.platformRunId(), CsfbTables.LATE, late.failureId()), late);
      ctx.count(CsfbCounters.APPLY_FAILURES, 1);
      ctx.count(CsfbCounters.LATE, 1);
    } else {
      ctx.put(CsfbTables.WATERMARKS, key, e.tsMicros());
    }
  }

  private void anomaly(StreamRecord r, String reason, Map<String, Object> details, ProcessorContext<Void> ctx) {
    FailureRecord f = record(r, reason, details);
    ctx.put(CsfbTables.FAILURES, new FailureKey(ctx.platformRunId(), CsfbTables.ANOMALY, f.failureId()), f);
    ctx.count(CsfbCounters.APPLY_FAILURES, 1);
    ctx.count(CsfbCounters.HARD_FAILURES, 1);
    if (CsfbReasons.isBindingConflict(reason)) {
      ctx.count(CsfbCounters.BINDING_CONFLICTS, 1);
    }
  }

  private FailureRecord record(StreamRecord r, String reason, Map<String, Object> details) {
    return new FailureRecord(failureId(r, reason, details), reason, r.topic(), r.partition(), r.offset(),
        r.offsetKind(), r.eventId(), r.eventType(), scenarioRunIdOf(r), r.tsUtc(), details);
  }

  private FailureKey failureKey(StreamRecord r, String reason, Map<String, Object> details) {
    return new FailureKey(r.platformRunId(), CsfbTables.ANOMALY, failureId(r, reason, details));
  }

  /**
   * sha256 of the canonical {stream_id, platform_run_id, scenario_run_id, topic, partition, offset, event_id,
   * reason_code, details}, first 32 hex (reference rtdl §4).
   */
  private String failureId(StreamRecord r, String reason, Map<String, Object> details) {
    Map<String, Object> basis = new LinkedHashMap<>();
    basis.put("stream_id", StreamComponent.groupId(streamName, r.platformRunId()));
    basis.put("platform_run_id", r.platformRunId());
    basis.put("scenario_run_id", scenarioRunIdOf(r));
    basis.put("topic", r.topic());
    basis.put("partition", r.partition());
    basis.put("offset", r.offset());
    basis.put("event_id", r.eventId());
    basis.put("reason_code", reason);
    basis.put("details", details);
    return Hashing.canonicalHash(basis).substring(0, 32);
  }

  private static String scenarioRunIdOf(StreamRecord r) {
    return r.envelope().get("scenario_run_id") instanceof String s ? s : null;
  }

  private static IntakeKey intakeKey(ContextEvent e, StreamRecord r) {
    return new IntakeKey(r.platformRunId(), e.eventClass(), r.eventId());
  }

  private static BindingKey bindingKey(ContextEvent e) {
    return new BindingKey(e.key().platformRunId(), e.key().scenarioRunId(), e.flowId());
  }

  private static WatermarkKey watermarkKey(StreamRecord r) {
    return new WatermarkKey(r.platformRunId(), r.topic(), r.partition());
  }
}
