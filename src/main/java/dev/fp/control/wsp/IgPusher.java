package dev.fp.control.wsp;

import dev.fp.control.wsp.core.RetryPolicy;
import dev.fp.control.wsp.core.StreamEvent;
import dev.fp.control.wsp.core.WspFailure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

/**
 * Pushes a run of events of one output to IG in order, retrying with jittered backoff what {@link RetryPolicy}
 * classifies as transient; the same envelopes (same event ids) are resent, so IG's dedupe turns a resend of an
 * already admitted event into DUPLICATE. Batch mode sends one request for all events and, when IG decided only a
 * prefix, resends the rest; single mode sends them one by one. The result always says how many leading events were
 * acknowledged, also when it ends in a failure or is interrupted by {@code stopping} (a stop cuts a backoff short).
 */
final class IgPusher {
  /** {@code acked} leading events acknowledged; {@code failure} set when the rest cannot be pushed. */
  record Result(int acked, Map<String, Long> decisions, int retries, WspFailure failure, boolean interrupted) {
  }

  private final Vertx vertx;
  private final IgClient client;
  private final RetryPolicy policy;
  private final WspConfig.PushMode mode;
  private final Logger log;
  private final BooleanSupplier stopping;
  private final DoubleSupplier random;

  IgPusher(Vertx vertx, IgClient client, RetryPolicy policy, WspConfig.PushMode mode, Logger log,
           BooleanSupplier stopping, DoubleSupplier random) {
    this.vertx = vertx;
    this.client = client;
    this.policy = policy;
    this.mode = mode;
    this.log = log;
    this.stopping = stopping;
    this.random = random;
  }

  Future<Result> push(String outputId, List<StreamEvent> events) {
    Attempts run = new Attempts(outputId, events);
    run.next(1);
    return run.done.future();
  }

  /** The state of one push: the events, how many are acknowledged, counts, and the completion. */
  private final class Attempts {
    final String outputId;
    final List<StreamEvent> events;
    final Map<String, Long> decisions = new LinkedHashMap<>();
    final Promise<Result> done = Promise.promise();
    int acked;
    int retries;

    Attempts(String outputId, List<StreamEvent> events) {
      this.outputId = outputId;
      this.events = events;
    }

    void next(int attempt) {
      if (acked == events.size()) {
        finish(null, false);
        return;
      }
      int size = mode == WspConfig.PushMode.SINGLE ? 1 : events.size() - acked;
      List<StreamEvent> slice = events.subList(acked, acked + size);
      Future<IgAnswer> sent = mode == WspConfig.PushMode.SINGLE ? client.push(slice.get(0)) : client.batch(slice);
      sent.onComplete(ar -> onAnswer(ar.result(), slice.size(), attempt));
    }

    void onAnswer(IgAnswer answer, int sent, int attempt) {
      RetryPolicy.Verdict verdict = answer.isTransportFailure() ? RetryPolicy.Verdict.RETRY
          : RetryPolicy.classify(answer.status());
      switch (verdict) {
        case ACKED -> onAcked(answer, sent, attempt);
        case RETRY -> retry(answer, attempt);
        case REJECTED -> finish(new WspFailure("IG_PUSH_REJECTED", outputId + " " + answer.describe()), false);
      }
    }

    void onAcked(IgAnswer answer, int sent, int attempt) {
      int decided;
      if (mode == WspConfig.PushMode.SINGLE) {
        decided = 1;
        count(answer.decisions() == null || answer.decisions().get(0) == null ? "ACKED" : answer.decisions().get(0));
      } else if (answer.decisions() == null) {
        finish(new WspFailure("IG_BATCH_RESPONSE_INVALID", outputId + " expected " + sent + " per-item results, got "
            + answer.describe()), false);
        return;
      } else {
        decided = answer.decidedPrefix();
        answer.decisions().subList(0, decided).forEach(this::count);
      }
      acked += decided;
      if (decided == sent || acked == events.size()) {
        next(1);
      } else if (RetryPolicy.classify(answer.itemStatus().get(decided)) == RetryPolicy.Verdict.REJECTED) {
        finish(new WspFailure("IG_PUSH_REJECTED", outputId + " item " + decided + " of the batch refused with "
            + "status " + answer.itemStatus().get(decided) + ": " + answer.describe()), false);
      } else {
        retry(answer, decided > 0 ? 1 : attempt);
      }
    }

    void retry(IgAnswer answer, int attempt) {
      if (stopping.getAsBoolean()) {
        finish(null, true);
        return;
      }
      if (!policy.allowsAnother(attempt)) {
        finish(new WspFailure("IG_PUSH_RETRY_EXHAUSTED", outputId + " after " + attempt + " attempts, last "
            + answer.describe()), false);
        return;
      }
      long delay = policy.delayMs(attempt, random.getAsDouble(), answer.retryAfterMs());
      retries++;
      log.warn("WSP IG push retry attempt={}/{} output_id={} events={} delay_ms={} {}", attempt,
          policy.maxAttempts(), outputId, events.size() - acked, delay, answer.describe());
      vertx.setTimer(Math.max(1, delay), t -> {
        if (stopping.getAsBoolean()) {
          finish(null, true);
        } else {
          next(attempt + 1);
        }
      });
    }

    void count(String decision) {
      decisions.merge(decision, 1L, Long::sum);
    }

    void finish(WspFailure failure, boolean interrupted) {
      done.tryComplete(new Result(acked, decisions, retries, failure, interrupted));
    }
  }
}
