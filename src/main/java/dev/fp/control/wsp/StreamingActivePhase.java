package dev.fp.control.wsp;

import dev.fp.contract.OperatorRequests;
import dev.fp.contract.OutputMode;
import dev.fp.platform.log.Logging;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.Phase;
import dev.fp.platform.supervisor.PhaseHandler;
import dev.fp.platform.supervisor.PhaseState;
import dev.fp.platform.supervisor.RunContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;

import java.util.List;
import java.util.Locale;

/**
 * P6 STREAMING_ACTIVE: WSP (a daemon of the control_ingress pack) consumes the run's READY and streams every in-scope
 * output to IG. The entry action waits, reading durable evidence only, until every P6 check passes or WSP stops making
 * progress for {@link #STALL_SECONDS}; the gate then reports each check. Commit evidence: the WSP process log with the
 * stream start/stop markers. A re-entry — the seed's P6 retry after a failed gate, or a resume after the process died
 * in P6 (a READY can fail on what the crash left behind) — first asks the running WSP to re-queue the run's FAILED
 * READYs, which it streams on from its checkpoints.
 */
public final class StreamingActivePhase implements PhaseHandler {
  static final int STALL_SECONDS = 120;
  private static final long POLL_MS = 200;
  private static final Logger LOG = Logging.component("supervisor");

  private WspEvidence evidence(RunContext run) {
    return new WspEvidence(run.vertx(), run.substrate().db(), run.config().platformRoot(), run.config().profile(),
        run.clock());
  }

  private static List<String> outputs(RunContext run) {
    return OutputMode.valueOf(run.options().mode().toUpperCase(Locale.ROOT)).requiredOutputs();
  }

  @Override
  public Phase phase() { return Phase.P6; }

  @Override
  public Future<String> enter(RunContext run) {
    WspEvidence evidence = evidence(run);
    Promise<String> done = Promise.promise();
    Future<Void> redrive = run.previous(Phase.P6).state() == PhaseState.PENDING ? Future.succeededFuture()
        : retryFailed(run);
    redrive.onSuccess(v -> poll(run, evidence, done, -1, System.nanoTime())).onFailure(done::fail);
    return done.future().compose(log -> evidence.streamWindow(run.runId()).map(window -> {
      window.ifPresent(w -> LOG.info("P6 stream window: first push {} -> last admission {}: {} events in {} ms ({} events/s)",
          w.firstPushUtc(), w.lastAckUtc(), w.events(), w.duration().toMillis(), Math.round(w.eventsPerSecond())));
      return log;
    }));
  }

  /** Asks the WSP of this process to re-queue the run's FAILED READYs. */
  private static Future<Void> retryFailed(RunContext run) {
    return run.vertx().eventBus().<Integer>request(OperatorRequests.WSP_RETRY_FAILED_READIES, run.runId())
        .map(reply -> {
          LOG.info("P6 retry: WSP re-queued {} FAILED READY(s) of {}", reply.body(), run.runId());
          return (Void) null;
        })
        .recover(err -> Future.failedFuture(new IllegalStateException("P6 retry: the WSP of the control_ingress pack "
            + "did not re-queue the FAILED READYs (" + err.getMessage() + ")", err)));
  }

  private void poll(RunContext run, WspEvidence evidence, Promise<String> done, long lastEvents, long lastProgressNanos) {
    String log = WspEvidence.logFile(run.config().platformRoot(), run.config().profile(), run.runId()).toString();
    evidence.checkP6(run.runId(), outputs(run), run.options().capPerOutput())
        .compose(checks -> evidence.streamWindow(run.runId()).map(w -> new Object[] {checks, w}))
        .onComplete(ar -> {
          if (ar.succeeded() && ((List<?>) ar.result()[0]).stream().allMatch(c -> ((GateCheck) c).pass())) {
            done.complete(log);
            return;
          }
          long events = ar.succeeded() ? ((java.util.Optional<WspEvidence.StreamWindow>) ar.result()[1])
              .map(WspEvidence.StreamWindow::events).orElse(0L) : lastEvents;
          long progressAt = events != lastEvents ? System.nanoTime() : lastProgressNanos;
          if ((System.nanoTime() - progressAt) / 1_000_000_000L >= STALL_SECONDS) {
            done.complete(log); // the gate reports what is missing
            return;
          }
          run.vertx().setTimer(POLL_MS, t -> poll(run, evidence, done, events, progressAt));
        });
  }

  @Override
  public Future<List<GateCheck>> gate(RunContext run) {
    return evidence(run).checkP6(run.runId(), outputs(run), run.options().capPerOutput());
  }
}
