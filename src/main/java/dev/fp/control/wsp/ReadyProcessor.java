package dev.fp.control.wsp;

import dev.fp.contract.JsonDoc;
import dev.fp.contract.PlatformRunIds;
import dev.fp.contract.ReadySignal;
import dev.fp.contract.WspRunOptions;
import dev.fp.control.wsp.core.ReadyChecks;
import dev.fp.control.wsp.core.ReadyStatus;
import dev.fp.control.wsp.core.RunFacts;
import dev.fp.control.wsp.core.WspFailure;
import dev.fp.control.wsp.store.ReadyRecord;
import io.vertx.core.Future;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Handles one PENDING READY (control_ingress §4.1 steps 1–8): run facts, run-pin checks, active-run scope
 * (mismatch → SKIPPED_OUT_OF_SCOPE, recorded), required packs (not live → deferred: stays PENDING and is retried
 * after the check interval), then pre-stream checks and streaming. A streamed or failed READY is recorded in SQL
 * (fenced by the lease) and appended to {@code ready_runs/<message_id>.jsonl}; an interrupted one stays PENDING and
 * resumes from its checkpoints.
 */
final class ReadyProcessor {
  /** What happened to one READY this time. */
  enum Result { STREAMED, FAILED, SKIPPED_OUT_OF_SCOPE, DEFERRED, INTERRUPTED }

  record Handled(String messageId, Result result, String reason, long emitted) {
  }

  /** The collaborators of the processor, created once per WSP instance. */
  record Parts(StreamDeps deps, FactsReader facts, PackReadiness packs, StreamPreflight preflight,
               WorldStreamer streamer, ReadyLedger ledger, dev.fp.substrate.objectstore.ObjectStore objects,
               Path runsRoot, Map<String, String> env, WspGovernance governance) {
  }

  private final Parts p;
  private final Consumer<String> runSeen;
  private final Map<String, Long> deferLoggedAt = new ConcurrentHashMap<>();

  /** @param runSeen told the platform run id of every READY handled (health exports follow it) */
  ReadyProcessor(Parts parts, Consumer<String> runSeen) {
    this.p = parts;
    this.runSeen = runSeen;
  }

  Future<Handled> process(ReadyRecord rec) {
    runSeen.accept(rec.platformRunId());
    ReadySignal.Parsed parsed = JsonDoc.parse(rec.readyJson().getBytes(StandardCharsets.UTF_8))
        .map(ReadySignal::parse).orElse(new ReadySignal.Parsed(null, "READY_SCHEMA_INVALID: stored READY unreadable"));
    if (!parsed.isReady()) {
      return finish(rec, null, ReadyStatus.FAILED, parsed.dropReason(), 0, null, null);
    }
    ReadySignal ready = parsed.ready();
    p.governance().readySeen(ready);
    return p.facts().read(ready.factsViewRef())
        .compose(facts -> checked(rec, ready, facts))
        .recover(err -> failed(rec, ready, err));
  }

  private Future<Handled> checked(ReadyRecord rec, ReadySignal ready, RunFacts facts) {
    Optional<String> pins = ReadyChecks.pinMismatch(ready, facts);
    if (pins.isPresent()) {
      p.governance().cancelledForPins(ready, pins.get());
      return finish(rec, ready, ReadyStatus.FAILED, pins.get(), 0, null, facts.scenarioId());
    }
    return activeRun().compose(active -> {
      Optional<String> scope = ReadyChecks.scopeMismatch(ready, active);
      if (scope.isPresent()) {
        p.deps().log().warn("WSP READY skipped message_id={} run_id={} reason={} ready_platform_run_id={} active={}",
            ready.messageId(), ready.runId(), scope.get(), ready.platformRunId(), active.orElse("-"));
        p.governance().cancelledForScope(ready, scope.get(), active.orElse(null));
        return finish(rec, ready, ReadyStatus.SKIPPED_OUT_OF_SCOPE, scope.get(), 0, null, facts.scenarioId());
      }
      // the run's session log starts once the READY is in scope: a previous run's READY on a shared bus must not
      // create that run's folder under this runs root
      Future<Void> received = rec.attempts() == 0 ? session(ready, "ready_received", Map.of("message_id",
          ready.messageId(), "run_id", ready.runId())) : Future.succeededFuture();
      return received.compose(v -> p.packs().notReady(ready.platformRunId())).compose(problem -> problem.isPresent()
          ? defer(rec, ready, problem.get()) : stream(rec, ready, facts));
    });
  }

  private Future<Optional<String>> activeRun() {
    return p.deps().vertx().executeBlocking(() -> new PlatformRunIds(p.deps().clock()).resolve(p.runsRoot(),
        p.env()));
  }

  private Future<Handled> defer(ReadyRecord rec, ReadySignal ready, String reason) {
    long now = p.deps().clock().millis();
    Long last = deferLoggedAt.get(ready.messageId());
    if (last == null || now - last >= p.deps().config().ready().packLogInterval().toMillis()) {
      deferLoggedAt.put(ready.messageId(), now);
      p.deps().log().info("WSP READY deferred message_id={} run_id={} reason={} (required pack not ready; retried "
          + "every {} s)", ready.messageId(), ready.runId(), reason, p.packs().checkInterval().toSeconds());
    }
    long next = now + p.packs().checkInterval().toMillis();
    return p.deps().writes().run("defer READY " + ready.messageId(),
            (tx, token) -> p.deps().store().defer(tx, ready.messageId(), reason, next))
        .map(v -> new Handled(ready.messageId(), Result.DEFERRED, reason, 0));
  }

  private Future<Handled> stream(ReadyRecord rec, ReadySignal ready, RunFacts facts) {
    deferLoggedAt.remove(ready.messageId());
    Future<Void> undeferred = rec.reason() == null ? Future.succeededFuture() : p.deps().writes().run(
        "start READY " + ready.messageId(), (tx, token) -> p.deps().store().clearReason(tx, ready.messageId()));
    String engineRoot = first(p.deps().config().sources().engineRunRoot(), ready.engineRunRoot(),
        facts.engineRunRoot());
    String viewRoot = first(ready.streamViewRoot(), facts.streamViewRoot());
    return undeferred.compose(v -> RunOptionsReader.read(p.objects(), ready.platformRunId())).compose(options -> {
      WspConfig.Streaming s = p.deps().config().streaming();
      StreamPreflight.Request req = new StreamPreflight.Request(engineRoot, viewRoot, facts.scenarioId(),
          ready.platformRunId(), facts.scenarioRunId(), options.map(WspRunOptions::mode).orElse(s.mode()),
          options.map(WspRunOptions::maxEventsPerOutput).orElse(s.maxEventsPerOutput()),
          options.map(WspRunOptions::speedup).orElse(s.speedup()));
      return p.deps().vertx().executeBlocking(() -> p.preflight().check(req));
    }).compose(setup -> selected(ready, setup).compose(v -> p.streamer().stream(setup))
        .compose(outcome -> streamed(rec, ready, setup, outcome)));
  }

  private Future<Void> selected(ReadySignal ready, StreamSetup setup) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("engine_run_root", setup.engineRunRoot());
    d.put("scenario_id", setup.pins().scenarioId());
    d.put("mode", setup.plan().mode());
    d.put("outputs", setup.plan().streamOrder());
    d.put("max_events_per_output", setup.cap());
    d.put("pack_key", setup.pins().packKey());
    return session(ready, "engine_world_selected", d);
  }

  private Future<Handled> streamed(ReadyRecord rec, ReadySignal ready, StreamSetup setup,
                                   WorldStreamer.Outcome outcome) {
    Map<String, Object> outputs = new LinkedHashMap<>();
    outcome.outputs().forEach(o -> outputs.put(o.outputId(), Map.of("status", o.reason().name(), "emitted",
        o.emitted())));
    if (outcome.interrupted()) {
      return Future.succeededFuture(new Handled(ready.messageId(), Result.INTERRUPTED, null, outcome.emitted()));
    }
    ReadyStatus status = outcome.finished() ? ReadyStatus.STREAMED : ReadyStatus.FAILED;
    String reason = outcome.failure().map(WspFailure::code).orElse(null);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("status", status.name());
    d.put("emitted", outcome.emitted());
    d.put("outputs", outputs);
    return session(ready, "engine_world_streamed", d)
        .compose(v -> finish(rec, ready, status, reason, outcome.emitted(), setup.engineRunRoot(),
            setup.pins().scenarioId()))
        .compose(h -> session(ready, "stream_complete", Map.of("status", status.name(), "emitted",
            outcome.emitted())).map(h));
  }

  private Future<Handled> failed(ReadyRecord rec, ReadySignal ready, Throwable err) {
    if (FencedWrites.isLeaseLost(err)) {
      return Future.failedFuture(err);
    }
    WspFailure f = err instanceof WspFailure w ? w : new WspFailure("WSP_INTERNAL_ERROR", String.valueOf(err), err);
    p.deps().log().error("WSP stream failed reason={} detail={} message_id={}", f.code(), f.detail(),
        ready.messageId());
    if (f.code().equals("ENGINE_ROOT_MISSING")) {
      p.governance().cancelledForPins(ready, f.code());
    }
    return finish(rec, ready, ReadyStatus.FAILED, f.code(), 0, null, null);
  }

  private Future<Handled> finish(ReadyRecord rec, ReadySignal ready, ReadyStatus status, String reason, long emitted,
                                 String engineRoot, String scenarioId) {
    p.deps().counters().ready(status.name());
    p.deps().log().info("WSP READY processed message_id={} status={} reason={} emitted={}", rec.messageId(), status,
        reason == null ? "-" : reason, emitted);
    Future<Void> stored = p.deps().writes().run("finish READY " + rec.messageId(),
        (tx, token) -> p.deps().store().finish(tx, rec.messageId(), status, reason, emitted));
    return stored.compose(v -> p.ledger().append(rec.platformRunId(), rec.messageId(), rec.scenarioRunId(), status,
            reason, emitted, engineRoot, scenarioId)
        .recover(err -> {
          p.deps().log().warn("WSP ready_runs record not written for {}: {}", rec.messageId(), err.getMessage());
          return Future.succeededFuture();
        }))
        .map(v -> new Handled(rec.messageId(), Result.valueOf(status.name()), reason, emitted));
  }

  private Future<Void> session(ReadySignal ready, String kind, Map<String, Object> details) {
    return p.deps().session().append(ready.platformRunId(), kind, details);
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
