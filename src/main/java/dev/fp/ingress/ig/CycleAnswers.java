package dev.fp.ingress.ig;

import dev.fp.ingress.ig.core.Outcome;

import java.util.List;

/**
 * Turns each envelope's cycle result into its answer and meters it: 409 decided at claim; 503 when the claim
 * transaction failed (nothing was published, retry is safe); 500 when evidence or, for a claimed event, the commit
 * failed; otherwise 200 with the decision, its receipt and ref.
 */
final class CycleAnswers {
  static final String STORE_UNAVAILABLE = "ADMISSION_STORE_UNAVAILABLE";
  static final String COMMIT_FAILED = "ADMISSION_COMMIT_FAILED";
  private final IgParts p;
  private final List<Work> works;

  CycleAnswers(IgParts p, List<Work> works) {
    this.p = p;
    this.works = works;
  }

  void answer(boolean claimFailed, boolean commitFailed) {
    long now = System.nanoTime();
    for (Work w : works) {
      Outcome o = outcome(w, claimFailed, commitFailed);
      if (o.isDecision()) {
        p.metrics().decision(o.decision(), w.eventClass());
        if (w.isQuarantine()) {
          p.metrics().quarantineReason(w.reason);
        }
      } else {
        p.metrics().rejection(o.status(), o.error());
      }
      p.metrics().admissionNanos(now - w.item.arrivedNanos());
      w.item.answer().tryComplete(o);
    }
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
