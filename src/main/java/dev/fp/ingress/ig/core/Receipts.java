package dev.fp.ingress.ig.core;

import dev.fp.contract.EnvelopeFields;
import dev.fp.contract.Ids;
import dev.fp.contract.PolicyRev;
import dev.fp.substrate.eventlog.EbRef;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds IG receipts (control_ingress.md §5.8): {@code receipt_id = sha256("{DECISION}:{event_id}")[:32]}, so there
 * is at most one receipt per decision and event under a run. Receipts hold no wall-clock time of their own (only the
 * original {@code admitted_at_utc}), so re-building one for the same event and actor gives identical bytes.
 */
public final class Receipts {
  public static final String ADMIT = "ADMIT";
  public static final String DUPLICATE = "DUPLICATE";
  public static final String QUARANTINE = "QUARANTINE";
  private final Stamp stamp;

  public Receipts(Stamp stamp) {
    this.stamp = stamp;
  }

  public Map<String, Object> admit(Checked.Candidate c, EbRef eb, String admittedAtUtc, Actor actor) {
    Map<String, Object> r = base(c.envelope(), ADMIT, c.eventClass(), actor);
    admitted(r, c, eb, admittedAtUtc);
    r.put("partition_key", c.partitionKey());
    return r;
  }

  public Map<String, Object> duplicate(Checked.Candidate c, AdmissionRow row, Actor actor) {
    Map<String, Object> r = base(c.envelope(), DUPLICATE, c.eventClass(), actor);
    admitted(r, c, row.ebRef(), row.admittedAtUtc());
    r.put("reason_codes", List.of(DUPLICATE));
    if (row.receiptRef() != null) {
      r.put("evidence_refs", List.of(Map.of("kind", "receipt_ref", "ref", row.receiptRef())));
    }
    return r;
  }

  /** A QUARANTINE receipt pointing at its quarantine record; {@code dedupeKey} null when the identity is unknown. */
  public Map<String, Object> quarantine(Map<String, Object> envelope, String eventClass, String dedupeKey,
                                        String reason, String quarantineRef, Actor actor) {
    Map<String, Object> r = base(envelope, QUARANTINE, eventClass, actor);
    if (dedupeKey != null) {
      r.put("dedupe_key", dedupeKey);
    }
    r.put("reason_codes", List.of(reason));
    r.put("evidence_refs", List.of(Map.of("kind", "quarantine_record", "ref", quarantineRef)));
    return r;
  }

  public PolicyRev policyRev() {
    return stamp.rev();
  }

  public static String receiptId(String decision, String eventId) {
    return Ids.receiptId(decision, eventId == null ? "unknown" : eventId);
  }

  private void admitted(Map<String, Object> r, Checked.Candidate c, EbRef eb, String admittedAtUtc) {
    r.put("dedupe_key", c.dedupeKey());
    r.put("eb_ref", ebRef(eb));
    r.put("payload_hash", Map.of("algo", "sha256", "hex", c.payloadHash()));
    r.put("admitted_at_utc", admittedAtUtc);
    r.put("partitioning_profile_id", c.route().partitioningProfileId());
  }

  private Map<String, Object> base(Map<String, Object> env, String decision, String eventClass, Actor actor) {
    String eventId = AdmissionChecks.text(env, EnvelopeFields.EVENT_ID);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("receipt_id", receiptId(decision, eventId));
    r.put("decision", decision);
    for (String field : List.of(EnvelopeFields.EVENT_ID, EnvelopeFields.EVENT_TYPE, EnvelopeFields.TS_UTC,
        EnvelopeFields.MANIFEST_FINGERPRINT, EnvelopeFields.PLATFORM_RUN_ID, EnvelopeFields.SCENARIO_RUN_ID,
        EnvelopeFields.SCHEMA_VERSION, EnvelopeFields.PRODUCER)) {
      String v = AdmissionChecks.text(env, field);
      if (v != null) {
        r.put(field, v);
      }
    }
    if (eventClass != null) {
      r.put("event_class", eventClass);
    }
    r.put("pins", Stamp.pins(env));
    stamp.apply(r, actor);
    return r;
  }

  static Map<String, Object> ebRef(EbRef eb) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("topic", eb.topic());
    m.put("partition", eb.partition());
    m.put("offset", eb.offset());
    m.put("offset_kind", eb.offsetKind());
    if (eb.publishedAtUtc() != null) {
      m.put("published_at_utc", eb.publishedAtUtc());
    }
    return m;
  }
}
