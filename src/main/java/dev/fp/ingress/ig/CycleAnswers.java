package dev.fp.ingress.ig;

import dev.fp.ingress.ig.core.Outcome;
import dev.fp.platform.log.Logging;
import org.slf4j.Logger;

import java.util.List;

/**
 * Turns each envelope's cycle result into its answer and meters it: 409 decided at claim; 503 when the claim
 * transaction failed (nothing was published, retry is safe); 500 when evidence or, for a claimed event, the commit
 * failed; otherwise 200 with the decision, its receipt and ref. An abandoned cycle is answered early instead
 * ({@link #answerAbandoned}). Answers complete with {@code tryComplete}: the first answer of an envelope wins, so a
 * cycle finishing after its timeout cannot answer twice.
 */
final class CycleAnswers {
  private static final Logger LOG = Logging.component("ig_service");
  static final String STORE_UNAVAILABLE = "ADMISSION_STORE_UNAVAILABLE";
  static final String COMMIT_FAILED = "ADMISSION_COMMIT_FAILED";
  static final String TIMEOUT = "ADMISSION_TIMEOUT";
  private final IgParts p;
  private final List<Work> works;

  CycleAnswers(IgParts p, List<Work> works) {
    this.p = p;
    this.works = works;
  }

  void answer(boolean claimFailed, boolean commitFailed) {
    for (Work w : works) {
      Outcome o;
      try {
        o = outcome(w, claimFailed, commitFailed);
      } catch (RuntimeException e) {
        LOG.error("IG could not answer event_id {}", w.candidate == null ? null : w.candidate.eventId(), e);
        o = Outcome.error(500, "INTERNAL_ERROR", "internal error; see the ig_service log", 0);
      }
      send(w, o);
    }
  }

  /**
   * The cycle outlived {@code cycle_timeout_ms}: a claimed envelope may or may not be on the bus, so it is answered
   * like an ambiguous publish (409 PUBLISH_AMBIGUOUS_RETRY; its row is swept to PUBLISH_AMBIGUOUS for reconciliation);
   * an envelope decided at claim keeps that answer; any other is 503 ADMISSION_TIMEOUT (nothing of it was published).
   */
  void answerAbandoned(long timeoutMs) {
    for (Work w : works) {
      if (w.early != null) {
        send(w, w.early);
      } else if (w.claimed) {
        send(w, Outcome.error(409, "PUBLISH_AMBIGUOUS_RETRY", "the admission did not finish within " + timeoutMs
            + " ms and its publish outcome is unknown; the event is PUBLISH_AMBIGUOUS until an operator reconciles it",
            p.cfg().ambiguousRetryAfterSeconds()));
      } else {
        send(w, Outcome.error(503, TIMEOUT, "the admission did not finish within " + timeoutMs
            + " ms; nothing of this event was published; retry", 1));
      }
    }
  }

  private void send(Work w, Outcome o) {
    if (w.item.answer().future().isComplete()) {
      return;
    }
    if (o.isDecision()) {
      p.metrics().decision(o.decision(), w.eventClass());
      if (w.isQuarantine()) {
        p.metrics().quarantineReason(w.reason);
        p.governance().quarantined(w.envelope(), w.reason, w.quarantineRef);
      }
    } else {
      p.metrics().rejection(o.status(), o.error());
    }
    p.metrics().admissionNanos(System.nanoTime() - w.item.arrivedNanos());
    w.item.answer().tryComplete(o);
  }

  private Outcome outcome(Work w, boolean claimFailed, boolean commitFailed) {
    if (w.early != null) {
      return w.early;
    }
    if (claimFailed) {
      return Outcome.error(503, STORE_UNAVAILABLE, "the admission store did not answer; nothing was published", 1);
    }
    if (w.failure != null) {
      return Outcome.error(500, w.failure, "evidence could not be written; retry the event", 0);
    }
    if (commitFailed && w.claimed) {
      return Outcome.error(500, COMMIT_FAILED, "the admission could not be committed; an operator reconciles it", 0);
    }
    if (w.decision == null) {
      return Outcome.error(500, "INTERNAL_ERROR", "no decision was reached", 0);
    }
    return Outcome.decided(w.decision, w.receipt, w.receiptRef);
  }
}
