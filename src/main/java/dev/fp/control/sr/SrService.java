package dev.fp.control.sr;

import dev.fp.contract.PlatformRunIds;
import dev.fp.contract.ReadySignal;
import dev.fp.contract.Timestamps;
import dev.fp.contract.WireFormats;
import dev.fp.contract.WorldKey;
import dev.fp.control.sr.core.RunIntent;
import dev.fp.control.sr.core.RunRecordEvent;
import dev.fp.control.sr.core.RunState;
import dev.fp.control.sr.core.SrCodes;
import dev.fp.control.sr.core.SrException;
import dev.fp.control.sr.core.SrKeys;
import dev.fp.control.sr.store.EquivalenceStore;
import dev.fp.control.sr.store.LeaseStore;
import dev.fp.platform.Substrate;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.substrate.eventlog.EventLog;
import dev.fp.substrate.objectstore.ObjectStore;
import dev.fp.substrate.eventlog.LeaseHolders;
import dev.fp.substrate.sql.Db;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Scenario Runner, READY authority of a platform run: a one-shot service over the substrate ports (not a
 * daemon). {@link #run} makes a sealed world READY for a platform run; {@link #reemit} re-publishes a committed READY
 * (operator action); {@link #checkP5} is the supervisor's P5 exit gate.
 *
 * <p>Idempotency: one equivalence key is one SR run ({@code run_id} = sha256("sr_run|" + key)[:32]); re-submitting it
 * re-verifies the evidence, finds every artifact already written and equal, and does not publish a READY whose
 * message_id is already on {@code sr-control-bus}. Only a crash between publishing and recording can leave a second
 * copy of the same READY on the bus; it carries the same message_id and consumers drop it.
 *
 * <p>Failure causes (failed future, {@link SrException} with its code): {@code LEASE_BUSY} (another submission of the
 * key holds the lease), {@code LEASE_LOST}, {@code EQUIV_KEY_COLLISION}, {@code PLAN_DRIFT},
 * {@code FACTS_VIEW_DRIFT}, {@code READY_SIGNAL_DRIFT}, {@code RUN_TERMINAL}, {@code S3_APPEND_CONFLICT},
 * {@code ENGINE_ROOT_MISSING}; evidence verdicts (WAITING_EVIDENCE, FAILED, QUARANTINED) and a failed publish are
 * results, not failures. Every outcome is written to SR's run log.
 */
public final class SrService {
  private final SrContext ctx;
  private final EquivalenceStore equivalence;

  public SrService(Vertx vertx, ObjectStore store, EventLog log, Db db, SrSettings settings, Clock clock) {
    this.ctx = new SrContext(vertx, store, new ReadyBus(log), new LeaseStore(db, clock),
        new SrRunLog(vertx, settings.platformRoot(), clock), settings, clock);
    this.equivalence = new EquivalenceStore(db);
  }

  /** The service of a platform process or CLI: settings from {@code components.sr} and the environment. */
  public static SrService create(Vertx vertx, Substrate substrate, Clock clock) {
    return new SrService(vertx, substrate.objectStore(), substrate.eventLog(), substrate.db(),
        SrSettings.from(substrate.config(), System.getenv()), clock);
  }

  public Future<SrResult> run(SrRequest req) {
    // <owner_id>@pid<pid>-<random>@<host>: a lease left by a killed process of this host is taken over at once
    String owner = LeaseHolders.newHolder(ctx.settings().ownerId());
    return ctx.vertx().executeBlocking(() -> OracleInputs.open(req, ctx.store()), false)
        .compose(in -> submit(req, in, owner))
        .recover(err -> logged(req.platformRunId(), "SR run failed (key " + req.equivalenceKey() + ")", err));
  }

  private Future<SrResult> submit(SrRequest req, OracleInputs in, String owner) {
    WorldKey world = in.world().key();
    RunIntent intent = new RunIntent(req.equivalenceKey(), world.manifestFingerprint(), world.parameterHash(),
        world.seed(), world.scenarioId(), req.windowStart(), req.windowEnd(), RunIntent.DEFAULT_WINDOW_TZ);
    String runId = intent.runId();
    Map<String, Object> accepted = new LinkedHashMap<>();
    accepted.put("run_equivalence_key", req.equivalenceKey());
    accepted.put("intent_fingerprint", intent.fingerprint());
    accepted.put("platform_run_id", req.platformRunId());
    accepted.put("engine_run_root", in.engine().uri());
    accepted.put("output_ids", req.resolvedOutputIds());
    SrArtifacts artifacts = new SrArtifacts(ctx.store(), new SrKeys(req.platformRunId(), runId));
    return ctx.runLog().session(req.platformRunId(), "run_submit", Map.of("run_id", runId,
            "run_equivalence_key", req.equivalenceKey(), "engine_run_root", in.engine().uri()))
        .compose(v -> ctx.runLog().info(req.platformRunId(), "SR run submitted run_id=" + runId + " key="
            + req.equivalenceKey() + " engine_run_root=" + in.engine().uri()))
        .compose(v -> equivalence.register(req.equivalenceKey(), runId, intent.fingerprint(), now()))
        .compose(v -> ctx.leases().acquire(runId, owner, ctx.settings().leaseTtl(), SrCodes.LEASE_BUSY))
        .compose(lease -> new RunFlow(ctx, req, in, artifacts, accepted, lease).execute()
            .eventually(() -> ctx.leases().release(lease)));
  }

  /**
   * Re-publishes the committed READY of SR run {@code runId} (attributes.kind {@code READY_REEMIT}, same message_id),
   * under the re-emit lease {@code reemit:<run_id>:READY_ONLY}. Fails {@code READY_NOT_COMMITTED} when the run has
   * no ready_signal, {@code REEMIT_BUSY} when another re-emit runs.
   */
  public Future<SrResult> reemit(String platformRunId, String runId) {
    if (!PlatformRunIds.isValid(platformRunId)) {
      return Future.failedFuture(SrException.input(SrCodes.REQUEST_INVALID, "platform_run_id " + platformRunId
          + " does not match " + PlatformRunIds.PATTERN, "pass --platform-run-id"));
    }
    if (runId == null || !WireFormats.isHex32(runId)) {
      return Future.failedFuture(SrException.input(SrCodes.REQUEST_INVALID, "SR run id " + runId + " is not hex32",
          "pass --run-id or --equivalence-key"));
    }
    SrArtifacts artifacts = new SrArtifacts(ctx.store(), new SrKeys(platformRunId, runId));
    String owner = LeaseHolders.newHolder(SrSettings.REEMIT_OWNER);
    return ctx.leases().acquire("reemit:" + runId + ":READY_ONLY", owner, ctx.settings().reemitLeaseTtl(),
            SrCodes.REEMIT_BUSY)
        .compose(lease -> reemitSignal(artifacts).eventually(() -> ctx.leases().release(lease)))
        .recover(err -> logged(platformRunId, "SR reemit failed (run " + runId + ")", err));
  }

  private Future<SrResult> reemitSignal(SrArtifacts artifacts) {
    SrKeys keys = artifacts.keys();
    return artifacts.read(keys.readySignal()).compose(signal -> {
      if (signal.isEmpty()) {
        return Future.failedFuture(SrException.check(SrCodes.READY_NOT_COMMITTED, "no ready_signal at "
            + artifacts.uri(keys.readySignal()), "run `fp sr run` for this key first"));
      }
      Map<String, Object> s = signal.get();
      Map<String, Object> envelope = ReadySignal.envelope(s, ReadySignal.KIND_REEMIT, now());
      return ctx.bus().publish(envelope, keys.runId()).compose(ref -> {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("message_id", s.get("message_id"));
        details.put("partition", ref.partition());
        details.put("offset", ref.offset());
        return artifacts.record(RunRecordEvent.of(RunRecordEvent.REEMIT_PUBLISHED, keys.runId(), now(), details))
            .compose(v -> ctx.runLog().session(keys.platformRunId(), "reemit", details))
            .compose(v -> ctx.runLog().info(keys.platformRunId(), "SR READY published (re-emit) run_id="
                + keys.runId() + " message_id=" + s.get("message_id") + " partition=" + ref.partition() + " offset="
                + ref.offset()))
            .map(v -> new SrResult(keys.platformRunId(), keys.runId(), null, RunState.READY, null, List.of(),
                String.valueOf(s.get("message_id")), String.valueOf(s.get("bundle_hash")), keys.factsView(),
                artifacts.uri(keys.readySignal()), true, false, ref));
      });
    });
  }

  /** The P5 exit gate for a platform run: SR log lines, committed READY, READY on {@code sr-control-bus}. */
  public Future<List<GateCheck>> checkP5(String platformRunId) {
    return new P5Gate(ctx).check(platformRunId);
  }

  /** P5's commit evidence: where the platform run's SR artifacts live ({@code …/fraud-platform/<run>/sr/}). */
  public String commitEvidenceRef(String platformRunId) {
    return ctx.store().uri(SrKeys.BUCKET, SrKeys.prefix(platformRunId));
  }

  private <T> Future<T> logged(String platformRunId, String what, Throwable err) {
    String remedy = err instanceof SrException sr ? " (remedy: " + sr.remedy() + ")" : "";
    return ctx.runLog().warn(platformRunId, what + ": " + err.getMessage() + remedy)
        .transform(v -> Future.failedFuture(err));
  }

  private String now() {
    return Timestamps.now(ctx.clock());
  }
}
