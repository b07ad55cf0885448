package dev.fp.ingress.ig.core;

import dev.fp.contract.EnvelopeFields;
import dev.fp.contract.Ids;
import dev.fp.contract.WireFormats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds quarantine records (control_ingress.md §5.9): {@code quarantine_id = sha256("QUARANTINE:{event_id}")[:32]}
 * ("unknown" without an event id), the envelope with its payload stripped, the reason code and its detail (e.g. the
 * missing pins). Written once; the first reason for an event wins.
 */
public final class QuarantineRecords {
  private static final String NO_FINGERPRINT = "0".repeat(64);
  private final Stamp stamp;

  public QuarantineRecords(Stamp stamp) {
    this.stamp = stamp;
  }

  public static String quarantineId(Map<String, ?> envelope) {
    return Ids.quarantineId(AdmissionChecks.text(envelope, EnvelopeFields.EVENT_ID));
  }

  public Map<String, Object> build(Map<String, Object> envelope, String eventClass, String reason, String detail,
                                   String receivedAtUtc, Actor actor) {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("quarantine_id", quarantineId(envelope));
    q.put("received_at_utc", receivedAtUtc);
    q.put("decision", Receipts.QUARANTINE);
    q.put("reason_codes", List.of(reason));
    if (detail != null) {
      q.put("reason_detail", detail);
    }
    if (eventClass != null) {
      q.put("event_class", eventClass);
    }
    String mf = AdmissionChecks.text(envelope, EnvelopeFields.MANIFEST_FINGERPRINT);
    q.put("manifest_fingerprint", WireFormats.isHex64(mf) ? mf : NO_FINGERPRINT);
    q.put("pins", Stamp.pins(envelope));
    Map<String, Object> stripped = new LinkedHashMap<>(envelope);
    stripped.remove(EnvelopeFields.PAYLOAD);
    q.put("envelope", stripped);
    stamp.apply(q, actor);
    return q;
  }
}
