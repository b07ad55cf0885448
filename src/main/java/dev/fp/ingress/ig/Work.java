package dev.fp.ingress.ig;

import dev.fp.ingress.ig.core.AdmissionRow;
import dev.fp.ingress.ig.core.Checked;
import dev.fp.ingress.ig.core.Outcome;
import dev.fp.ingress.ig.core.Receipts;
import dev.fp.substrate.eventlog.EbRef;

import java.util.Map;

/**
 * One envelope's progress through an admission cycle: what the claim decided, what was published, which evidence was
 * written where. Mutable and confined to the cycle's context.
 */
final class Work {
  final Item item;
  final Checked.Candidate candidate;
  String decision;
  String reason;
  String detail;
  AdmissionRow existing;
  boolean claimed;
  EbRef eb;
  String admittedAtUtc;
  Map<String, Object> receipt;
  String receiptRef;
  Map<String, Object> quarantineRecord;
  String quarantineRef;
  Map<String, Object> backfillReceipt;
  String backfillRef;
  Outcome early;
  String failure;

  Work(Item item) {
    this.item = item;
    this.candidate = item.checked() instanceof Checked.Candidate c ? c : null;
    if (item.checked() instanceof Checked.Rejected r) {
      quarantine(r.reason(), r.detail());
    }
  }

  void quarantine(String why, String whyDetail) {
    decision = Receipts.QUARANTINE;
    reason = why;
    detail = whyDetail;
  }

  void duplicate(AdmissionRow row) {
    decision = Receipts.DUPLICATE;
    existing = row;
  }

  void claim() {
    decision = Receipts.ADMIT;
    claimed = true;
  }

  /** The claimed publish failed or its outcome is unknown: the row turns PUBLISH_AMBIGUOUS. */
  void ambiguous(String why) {
    quarantine(dev.fp.contract.ReasonCodes.PUBLISH_AMBIGUOUS, why);
  }

  boolean published() {
    return claimed && eb != null;
  }

  boolean isQuarantine() {
    return Receipts.QUARANTINE.equals(decision);
  }

  Map<String, Object> envelope() {
    return item.checked() instanceof Checked.Candidate c ? c.envelope()
        : ((Checked.Rejected) item.checked()).envelope();
  }

  String eventClass() {
    return item.checked() instanceof Checked.Candidate c ? c.eventClass() : ((Checked.Rejected) item.checked()).eventClass();
  }
}
