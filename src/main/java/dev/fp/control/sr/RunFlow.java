package dev.fp.control.sr;

import dev.fp.contract.ReadySignal;
import dev.fp.contract.Timestamps;
import dev.fp.contract.Topics;
import dev.fp.control.sr.core.Evidence;
import dev.fp.control.sr.core.EvidenceCheck;
import dev.fp.control.sr.core.FactsView;
import dev.fp.control.sr.core.RunPlan;
import dev.fp.control.sr.core.RunRecordEvent;
import dev.fp.control.sr.core.RunState;
import dev.fp.control.sr.core.RunStatusDoc;
import dev.fp.control.sr.core.SrCodes;
import dev.fp.control.sr.core.SrException;
import dev.fp.control.sr.core.SrKeys;
import dev.fp.control.sr.store.SrLease;
import dev.fp.substrate.eventlog.EbRef;
import io.vertx.core.Future;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One submission, run while holding the SR lease (control_ingress §3.4): anchor (status OPEN, RUN_ACCEPTED) → plan
 * (write-once, PLANNED) → read and judge the reuse evidence → either a not-ready status (WAITING_EVIDENCE, FAILED,
 * QUARANTINED) or: facts view (write-once) → ready_signal (write-once) → status READY, READY_COMMITTED, log
 * "READY committed" → publish READY unless the bus already holds its message_id → READY_PUBLISHED, log
 * "READY published". Every commit step first renews the lease ({@code LEASE_LOST} aborts the submission). A
 * re-submission of the same key walks the same steps and, the artifacts being write-once, reproduces the stored
 * ones; a FAILED or QUARANTINED run is final ({@code RUN_TERMINAL}).
 */
final class RunFlow {
  private final SrContext ctx;
  private final SrRequest req;
  private final OracleInputs in;
  private final SrArtifacts artifacts;
  private final SrKeys keys;
  private final Map<String, Object> acceptedDetails;
  private SrLease lease;
  private RunState current;

  RunFlow(SrContext ctx, SrRequest req, OracleInputs in, SrArtifacts artifacts, Map<String, Object> acceptedDetails,
          SrLease lease) {
    this.ctx = ctx;
    this.req = req;
    this.in = in;
    this.artifacts = artifacts;
    this.keys = artifacts.keys();
    this.acceptedDetails = acceptedDetails;
    this.lease = lease;
  }

  Future<SrResult> execute() {
    return artifacts.read(keys.status())
        .compose(status -> anchor(status.map(RunStatusDoc::stateOf).orElse(null), status.orElse(Map.of())))
        .compose(v -> plan());
  }

  private Future<Void> anchor(RunState state, Map<String, Object> status) {
    current = state;
    if (state == RunState.FAILED || state == RunState.QUARANTINED) {
      return Future.failedFuture(SrException.check(SrCodes.RUN_TERMINAL, "SR run " + keys.runId() + " is " + state
          + " (" + status.get("reason_code") + ", " + artifacts.uri(keys.status()) + ")",
          "submit with a new --equivalence-key"));
    }
    return move(RunState.OPEN, null).compose(v -> record(RunRecordEvent.RUN_ACCEPTED, acceptedDetails));
  }

  private Future<SrResult> plan() {
    RunPlan fresh;
    try {
      fresh = RunPlan.build(keys.runId(), ctx.settings().policy(), req.resolvedOutputIds(), in.world().catalogue(),
          in.gateMap(), ctx.clock());
    } catch (SrException e) {
      return current == RunState.READY
          ? Future.failedFuture(SrException.check(SrCodes.PLAN_DRIFT, "READY was committed for " + keys.runId()
              + " but its plan can no longer be built: " + e.getMessage(), e.remedy()))
          : finish(RunState.FAILED, e.code(), List.of(e.getMessage()), RunRecordEvent.PLAN_FAILED);
    }
    return fence("write run_plan")
        .compose(v -> artifacts.writeOnce(keys.plan(), fresh.toMap(), RunPlan.VOLATILE_FIELDS, SrCodes.PLAN_DRIFT))
        .map(RunPlan::fromMap)
        .compose(plan -> move(RunState.PLANNED, null)
            .compose(v -> record(RunRecordEvent.PLAN_COMMITTED, Map.of("plan_hash", plan.planHash())))
            .compose(v -> ctx.vertx().executeBlocking(() -> new EvidenceReader(in).read(plan), false))
            .map(read -> EvidenceCheck.evaluate(in.world().key(), read.pack(), read.gates(), read.gateEvidence(),
                read.outputs()))
            .compose(ev -> decide(plan, ev)));
  }

  private Future<SrResult> decide(RunPlan plan, Evidence ev) {
    if (current == RunState.READY && !ev.complete()) {
      return Future.failedFuture(SrException.check(SrCodes.FACTS_VIEW_DRIFT, "READY was committed for "
          + keys.runId() + " but its evidence no longer verifies: " + ev.problems(),
          "the sealed world changed after READY: restore it, or submit with a new --equivalence-key"));
    }
    return switch (ev.kind()) {
      case FAIL -> finish(RunState.FAILED, ev.reasonCode(), ev.problems(), RunRecordEvent.EVIDENCE_FAIL);
      case CONFLICT -> artifacts.putIfAbsent(keys.quarantine(), quarantine(ev))
          .compose(v -> finish(RunState.QUARANTINED, ev.reasonCode(), ev.problems(), RunRecordEvent.EVIDENCE_CONFLICT));
      case WAITING -> plan.deadlinePassed(ctx.clock().instant())
          ? finish(RunState.FAILED, SrCodes.EVIDENCE_MISSING_DEADLINE, ev.problems(), RunRecordEvent.EVIDENCE_FAIL)
          : finish(RunState.WAITING_EVIDENCE, ev.reasonCode(), ev.problems(), RunRecordEvent.EVIDENCE_WAITING);
      case COMPLETE -> commitReady(plan, ev);
    };
  }

  private Future<SrResult> commitReady(RunPlan plan, Evidence ev) {
    Map<String, Object> facts = FactsView.build(keys, in.world().key(), plan, ev, ctx.settings().policy(),
        ctx.settings().provenance(), FactsView.oraclePackRef(ev, in.engine().uri(), req.scenarioId(),
            in.views().uri()));
    return fence("write run_facts_view")
        .compose(v -> artifacts.writeOnce(keys.factsView(), facts, FactsView.VOLATILE_FIELDS, SrCodes.FACTS_VIEW_DRIFT))
        .compose(stored -> fence("write ready_signal").compose(v -> artifacts.writeOnce(keys.readySignal(),
            ReadySignal.payload(keys.platformRunId(), keys.runId(), keys.factsView(), plan.planHash(),
                stored, now()), ReadySignal.VOLATILE_FIELDS, SrCodes.READY_SIGNAL_DRIFT)))
        .compose(signal -> move(RunState.READY, null)
            .compose(v -> record(RunRecordEvent.READY_COMMITTED, committed(signal)))
            .compose(v -> ctx.runLog().info(keys.platformRunId(), "SR: READY committed run_id=" + keys.runId()
                + " message_id=" + signal.get("message_id") + " facts_view_ref=" + keys.factsView()))
            .compose(v -> publish(signal)));
  }

  private Future<SrResult> publish(Map<String, Object> signal) {
    String messageId = String.valueOf(signal.get("message_id"));
    return ctx.bus().find(messageId)
        .compose(found -> found.isPresent()
            ? Future.succeededFuture(new Sent(found.get().ref(ctx.bus().offsetKind()), true))
            : fence("publish READY").compose(v -> ctx.bus().publish(
                ReadySignal.envelope(signal, ReadySignal.KIND_READY, now()), keys.runId())).map(ref -> new Sent(ref, false)))
        .compose(sent -> published(signal, sent), err -> leaseLost(err) ? Future.failedFuture(err)
            : publishFailed(signal, err));
  }

  private record Sent(EbRef ref, boolean alreadyOnBus) {
  }

  private Future<SrResult> published(Map<String, Object> signal, Sent sent) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("message_id", signal.get("message_id"));
    details.put("topic", Topics.SR_CONTROL_BUS);
    details.put("partition", sent.ref().partition());
    details.put("offset", sent.ref().offset());
    String note = sent.alreadyOnBus() ? " (already on the bus, not sent again)" : "";
    return record(RunRecordEvent.READY_PUBLISHED, details)
        .compose(v -> ctx.runLog().info(keys.platformRunId(), "SR READY published run_id=" + keys.runId()
            + " message_id=" + signal.get("message_id") + " topic=" + Topics.SR_CONTROL_BUS + " partition="
            + sent.ref().partition() + " offset=" + sent.ref().offset() + note))
        .map(v -> readyResult(signal, null, true, sent));
  }

  private Future<SrResult> publishFailed(Map<String, Object> signal, Throwable err) {
    Map<String, Object> details = Map.of("message_id", signal.get("message_id"), "error", String.valueOf(err));
    return record(RunRecordEvent.READY_PUBLISH_FAILED, details)
        .compose(v -> ctx.runLog().warn(keys.platformRunId(), "SR READY publish failed run_id=" + keys.runId()
            + " message_id=" + signal.get("message_id") + ": " + err.getMessage()
            + " (READY stays committed; fix the bus and run `fp sr reemit`)"))
        .map(v -> readyResult(signal, SrCodes.READY_PUBLISH_FAILED, false, null));
  }

  private SrResult readyResult(Map<String, Object> signal, String reason, boolean published, Sent sent) {
    return new SrResult(keys.platformRunId(), keys.runId(), req.equivalenceKey(), RunState.READY, reason, List.of(),
        String.valueOf(signal.get("message_id")), String.valueOf(signal.get("bundle_hash")), keys.factsView(),
        artifacts.uri(keys.readySignal()), published, sent != null && sent.alreadyOnBus(),
        sent == null ? null : sent.ref());
  }

  private Future<SrResult> finish(RunState state, String reason, List<String> problems, String recordKind) {
    return move(state, reason)
        .compose(v -> record(recordKind, Map.of("reason_code", reason, "problems", problems)))
        .compose(v -> ctx.runLog().warn(keys.platformRunId(), "SR run " + keys.runId() + " is " + state + " ("
            + reason + "): " + problems))
        .map(v -> SrResult.notReady(keys.platformRunId(), keys.runId(), req.equivalenceKey(), state, reason, problems));
  }

  private Future<Void> move(RunState target, String reason) {
    if (current != null && (current == target || current.isBeyond(target))) {
      return Future.succeededFuture();
    }
    if (current != null) {
      current.checkMove(target);
    }
    return fence("status " + target)
        .compose(v -> artifacts.put(keys.status(), RunStatusDoc.of(keys, target, reason, now())))
        .onSuccess(v -> current = target);
  }

  private Future<Void> fence(String op) {
    return ctx.leases().renew(lease, ctx.settings().leaseTtl(), "SR " + op + " for " + keys.runId())
        .map(renewed -> {
          lease = renewed;
          return null;
        });
  }

  private Future<Void> record(String kind, Map<String, Object> details) {
    return artifacts.record(RunRecordEvent.of(kind, keys.runId(), now(), details)).mapEmpty();
  }

  private Map<String, Object> committed(Map<String, Object> signal) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("message_id", signal.get("message_id"));
    d.put("bundle_hash", signal.get("bundle_hash"));
    d.put("facts_view_ref", keys.factsView());
    return d;
  }

  private Map<String, Object> quarantine(Evidence ev) {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("run_id", keys.runId());
    q.put("platform_run_id", keys.platformRunId());
    q.put("reason_code", ev.reasonCode());
    q.put("problems", ev.problems());
    q.put("quarantined_at_utc", now());
    return q;
  }

  private static boolean leaseLost(Throwable err) {
    return err instanceof SrException sr && SrCodes.LEASE_LOST.equals(sr.code());
  }

  private String now() {
    return Timestamps.now(ctx.clock());
  }
}
