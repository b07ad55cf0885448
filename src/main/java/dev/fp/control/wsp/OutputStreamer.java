package dev.fp.control.wsp;

import dev.fp.contract.Timestamps;
import dev.fp.control.wsp.core.Cursor;
import dev.fp.control.wsp.core.EnvelopeBuilder;
import dev.fp.control.wsp.core.OutputProgress;
import dev.fp.control.wsp.core.ReplayPacer;
import dev.fp.control.wsp.core.StopReason;
import dev.fp.control.wsp.core.StreamEvent;
import dev.fp.control.wsp.core.TokenBucket;
import dev.fp.control.wsp.core.WspFailure;
import dev.fp.control.wsp.store.CheckpointRow;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayList;
import java.util.List;

/**
 * Streams one output of one READY to IG, strictly in stream-view order, one request in flight (control_ingress
 * §4.4–§4.9): resume strictly after the checkpoint, pace by event time, respect the target rate, push, and after
 * each acknowledgement move the cursor and — once per batch, or every {@code checkpoint_every} events in single
 * mode — write the checkpoint through the fenced lease. Ends at the cap ({@code MAX_EVENTS}), when the view is
 * exhausted ({@code COMPLETE}), on a push or read failure ({@code FAILED}), or on {@link #interrupt()}
 * ({@code INTERRUPTED}); the end writes the final checkpoint and the log marker. Runs on the WSP context.
 */
final class OutputStreamer {
  /** How the output ended and how many events it has acknowledged in total (across restarts). */
  record Outcome(String outputId, StopReason reason, long emitted, WspFailure failure) {
  }

  private final StreamDeps deps;
  private final StreamSetup setup;
  private final OutputView view;
  private final ReplayPacer pacer;
  private final TokenBucket bucket;
  private final IgPusher pusher;
  private final OutputNarrative narrative;
  private final Promise<Outcome> done = Promise.promise();
  private CheckpointRow row;
  private Cursor cursor;
  private StreamBuffer buffer;
  private String firstPushAt;
  private String lastAckAt;
  private long sinceSave;
  private long timer = -1;
  private volatile boolean interrupted;
  private boolean leaseLost;
  private boolean ended;

  OutputStreamer(StreamDeps deps, StreamSetup setup, OutputView view, String scopeKey, int concurrency) {
    this.deps = deps;
    this.setup = setup;
    this.view = view;
    WspConfig.Streaming s = deps.config().streaming();
    this.pacer = new ReplayPacer(setup.speedup());
    this.bucket = new TokenBucket(s.targetEps(), s.targetBurstSeconds(), s.targetInitialTokens());
    this.pusher = new IgPusher(deps.vertx(), deps.ig(), deps.config().ig().retry(), s.pushMode(), deps.log(),
        () -> interrupted, deps.random());
    this.narrative = new OutputNarrative(deps, setup, view.outputId(), concurrency);
    this.row = new CheckpointRow(scopeKey, view.outputId(), setup.pins().platformRunId(),
        setup.pins().scenarioRunId(), setup.pins().packKey(), Cursor.START, view.rows(), OutputProgress.STREAMING,
        null, null, null);
  }

  String outputId() {
    return view.outputId();
  }

  Future<Outcome> run() {
    deps.store().checkpoint(row.scopeKey(), view.outputId()).onComplete(ar -> {
      if (ar.failed()) {
        done.tryComplete(new Outcome(view.outputId(), StopReason.FAILED, 0,
            new WspFailure("CHECKPOINT_READ_FAILED", view.outputId() + ": " + ar.cause().getMessage(), ar.cause())));
        return;
      }
      ar.result().ifPresent(stored -> row = stored);
      begin();
    });
    return done.future();
  }

  /** Asks the stream to stop after the request in flight; it checkpoints and ends INTERRUPTED. */
  void interrupt() {
    interrupted = true;
    deps.vertx().runOnContext(v -> {
      if (timer >= 0 && deps.vertx().cancelTimer(timer)) {
        timer = -1;
        step();
      }
    });
  }

  private void begin() {
    cursor = row.cursor();
    firstPushAt = row.firstPushAtUtc();
    lastAckAt = row.lastAckAtUtc();
    if (StopReason.COMPLETE.name().equals(row.status())) {
      done.tryComplete(new Outcome(view.outputId(), StopReason.COMPLETE, cursor.emitted(), null));
      return;
    }
    narrative.started(cursor);
    EnvelopeBuilder builder = new EnvelopeBuilder(setup.pins());
    StreamViewSource source = new StreamViewSource(view.root(), view.parts(), cursor, view.outputId(),
        view.primaryKey(), builder, deps.config().streaming().lanes());
    buffer = new StreamBuffer(source, deps.readers(), this::wanted);
    step();
  }

  private int wanted() {
    int batch = deps.config().streaming().batchSize();
    return setup.cap() > 0 ? (int) Math.min(batch, setup.cap() - cursor.emitted()) : batch;
  }

  private boolean capReached() {
    return setup.cap() > 0 && cursor.emitted() >= setup.cap();
  }

  private void step() {
    if (interrupted) {
      end(StopReason.INTERRUPTED, null);
    } else if (capReached()) {
      end(StopReason.MAX_EVENTS, null);
    } else {
      buffer.fill().onComplete(ar -> {
        if (ar.failed()) {
          end(StopReason.FAILED, failure(ar.cause(), "STREAM_VIEW_UNREADABLE"));
        } else if (buffer.exhausted()) {
          end(StopReason.COMPLETE, null);
        } else if (buffer.isEmpty()) {
          step();
        } else {
          sendDue();
        }
      });
    }
  }

  private void sendDue() {
    long now = System.nanoTime();
    long wait = pacer.delayNanos(buffer.peek().eventMicros(), now);
    if (wait > 0) {
      sleep(wait, this::step);
      return;
    }
    List<StreamEvent> batch = takeDue(now);
    long tokenWait = bucket.reserve(batch.size(), now);
    if (tokenWait > 0) {
      sleep(tokenWait, () -> push(batch));
    } else {
      push(batch);
    }
  }

  private List<StreamEvent> takeDue(long now) {
    int limit = wanted();
    List<StreamEvent> batch = new ArrayList<>(limit);
    while (batch.size() < limit && !buffer.isEmpty() && pacer.dueNanos(buffer.peek().eventMicros(), now) <= now) {
      batch.add(buffer.take());
    }
    return batch;
  }

  private void sleep(long nanos, Runnable then) {
    timer = deps.vertx().setTimer(Math.max(1, nanos / 1_000_000), t -> {
      timer = -1;
      if (interrupted) {
        step();
      } else {
        then.run();
      }
    });
  }

  private void push(List<StreamEvent> batch) {
    if (firstPushAt == null) {
      firstPushAt = Timestamps.now(deps.clock());
    }
    pusher.push(view.outputId(), batch).onComplete(ar -> afterPush(batch, ar.result()));
  }

  private void afterPush(List<StreamEvent> batch, IgPusher.Result r) {
    deps.counters().pushed(r.decisions(), r.retries());
    if (r.acked() > 0) {
      cursor = cursor.advance(batch.get(r.acked() - 1), r.acked());
      lastAckAt = Timestamps.now(deps.clock());
      sinceSave += r.acked();
      narrative.acknowledged(cursor);
    }
    boolean save = r.acked() > 0 && r.failure() == null && !r.interrupted()
        && (deps.config().streaming().pushMode() == WspConfig.PushMode.BATCH
        || sinceSave >= deps.config().streaming().checkpointEvery());
    Future<Void> saved = save ? save(OutputProgress.STREAMING, null) : Future.succeededFuture();
    saved.onComplete(s -> {
      if (s.failed()) {
        end(StopReason.FAILED, failure(s.cause(), "CHECKPOINT_WRITE_FAILED"));
      } else if (r.failure() != null) {
        end(StopReason.FAILED, r.failure());
      } else if (r.interrupted()) {
        end(StopReason.INTERRUPTED, null);
      } else {
        step();
      }
    });
  }

  private Future<Void> save(String status, String reason) {
    if (leaseLost) {
      return Future.succeededFuture();
    }
    CheckpointRow next = row.with(cursor, status, reason, firstPushAt, lastAckAt);
    return deps.writes().run("checkpoint " + view.outputId(), (tx, token) -> deps.store().saveCheckpoint(tx, next,
            token))
        .onSuccess(v -> {
          row = next;
          sinceSave = 0;
        })
        .onFailure(err -> leaseLost |= FencedWrites.isLeaseLost(err));
  }

  private void end(StopReason reason, WspFailure failure) {
    if (ended) {
      return;
    }
    ended = true;
    WspFailure cause = leaseLost ? null : failure;
    StopReason result = leaseLost ? StopReason.INTERRUPTED : reason;
    Future<Void> closed = buffer == null ? Future.succeededFuture() : buffer.close().otherwiseEmpty();
    closed.compose(v -> save(result.name(), cause == null ? null : cause.code()))
        .onComplete(ar -> {
          WspFailure outcomeFailure = cause != null ? cause
              : ar.failed() && !leaseLost ? failure(ar.cause(), "CHECKPOINT_WRITE_FAILED") : null;
          StopReason outcome = outcomeFailure != null ? StopReason.FAILED : result;
          narrative.ended(outcome, outcomeFailure, cursor);
          done.tryComplete(new Outcome(view.outputId(), outcome, cursor.emitted(), outcomeFailure));
        });
  }

  private static WspFailure failure(Throwable err, String code) {
    for (Throwable t = err; t != null; t = t.getCause()) {
      if (t instanceof WspFailure w) {
        return w;
      }
    }
    return new WspFailure(code, err.getMessage() == null ? err.toString() : err.getMessage(), err);
  }
}
