package dev.fp.rtdl.df.core;

import dev.fp.contract.Hashing;
import dev.fp.platform.stream.core.StreamRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code decision_response} and {@code action_intent} envelopes of a decision (reference rtdl §6, schemas
 * {@code decision_response.schema.json}, {@code action_intent.schema.json}). Every time in them is the source event's
 * {@code ts_utc} ({@code decided_at_utc = requested_at_utc}): no wall clock in ids or hashed payloads.
 */
public final class DecisionEnvelopes {
  public static final String PRODUCER = "decision_fabric";
  public static final String ACTOR = "SYSTEM::decision_fabric";
  public static final String DECISION = "decision_response";
  public static final String INTENT = "action_intent";

  private DecisionEnvelopes() {
  }

  /** The built envelopes and the decision id. */
  public record Built(String decisionId, Map<String, Object> decision, List<Map<String, Object>> intents) {
  }

  public static Built build(StreamRecord r, DecisionContext c, DecisionRule.Decision d, RegistrySnapshot registry,
                            String runConfigDigest) {
    Map<String, Object> pins = pins(r);
    Map<String, String> pinScope = pinScope(pins);
    String ts = r.tsUtc();
    Map<String, Object> origin = originOffset(r);
    Map<String, Object> bundleRef = d.registry().failClosed() ? null : d.registry().bundle().ref();
    String decisionId = DecisionIds.decisionId(r.eventId(), r.platformRunId(), bundleRef, origin);
    Map<String, Object> snapshot = d.snapshotUsed() ? c.features().snapshot() : null;

    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("source_event_id", r.eventId());
    evidence.put("context_status", d.contextStatus());
    evidence.put("context_reasons", List.copyOf(new TreeSet<>(d.contextReasons())));
    evidence.put("flow_binding_status", c.binding().status());
    evidence.put("flow_binding_evidence", c.binding().evidenceRefs());
    evidence.put("snapshot_hash", snapshot == null ? null : snapshot.get("snapshot_hash"));
    String evidenceDigest = Hashing.canonicalHash(evidence);

    Map<String, Object> p = new LinkedHashMap<>();
    p.put("decision_id", decisionId);
    p.put("decision_kind", "fraud_decision_v0");
    p.put("bundle_ref", bundleRef);
    if (snapshot != null && snapshot.get("snapshot_hash") instanceof String h) {
      p.put("snapshot_hash", h);
      p.put("snapshot_ref", "ofp://snapshot/" + h);
    } else {
      p.put("snapshot_hash", Hashing.sha256Hex(evidenceDigest));
    }
    p.put("graph_version", graphVersion(r, c));
    p.put("eb_offset_basis", snapshot != null && snapshot.get("eb_offset_basis") instanceof Map<?, ?> b ? b
        : sourceBasis(r));
    p.put("degrade_posture", posture(c));
    p.put("pins", pins);
    p.put("decided_at_utc", ts);
    p.put("policy_rev", registry.policyRev());
    p.put("run_config_digest", runConfigDigest);
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("event_id", r.eventId());
    source.put("event_type", r.eventType());
    source.put("ts_utc", ts);
    source.put("origin_offset", origin);
    Map<String, Object> ebRef = new LinkedHashMap<>(origin);
    if (r.publishedAtUtc() != null && !r.publishedAtUtc().isEmpty()) {
      ebRef.put("published_at_utc", r.publishedAtUtc());
    }
    source.put("eb_ref", ebRef);
    p.put("source_event", source);
    Map<String, Object> decision = new LinkedHashMap<>();
    decision.put("action_kind", d.actionKind());
    decision.put("context_status", d.contextStatus());
    decision.put("registry_outcome", d.registry().outcome());
    decision.put("context_evidence_digest", evidenceDigest);
    p.put("decision", decision);
    p.put("reason_codes", d.reasonCodes());

    Map<String, Object> decisionEnvelope = envelope(DecisionIds.decisionEventId(r.eventId(), pinScope), DECISION, ts,
        pins, r.eventId(), p);

    Map<String, Object> ip = new LinkedHashMap<>();
    String kind = d.actionKind();
    ip.put("action_id", DecisionIds.actionId(decisionId, kind));
    ip.put("decision_id", decisionId);
    ip.put("action_kind", kind);
    ip.put("idempotency_key", DecisionIds.idempotencyKey(r.eventId(), kind, pinScope));
    ip.put("pins", pins);
    ip.put("requested_at_utc", ts);
    ip.put("actor_principal", ACTOR);
    ip.put("origin", "DF");
    ip.put("policy_rev", registry.policyRev());
    ip.put("run_config_digest", runConfigDigest);
    ip.put("reason_ref", "decision://" + decisionId);
    Map<String, Object> ap = new LinkedHashMap<>();
    ap.put("source_event_id", r.eventId());
    ap.put("source_event_type", r.eventType());
    ap.put("action_posture", c.mask().getOrDefault("action_posture", "STEP_UP_ONLY"));
    ip.put("action_payload", ap);
    List<Map<String, Object>> intents = new ArrayList<>();
    intents.add(envelope(DecisionIds.intentEventId(r.eventId(), kind, pinScope), INTENT, ts, pins, r.eventId(), ip));
    return new Built(decisionId, decisionEnvelope, intents);
  }

  /** The six pins as the source envelope carries them (seed a number). */
  public static Map<String, Object> pins(StreamRecord r) {
    Map<String, Object> pins = new LinkedHashMap<>();
    for (String pin : TriggerGate.PINS) {
      pins.put(pin, r.envelope().get(pin));
    }
    return pins;
  }

  /** The six pins as strings (the {@code pin_scope} of the event-id recipes). */
  public static Map<String, String> pinScope(Map<String, Object> pins) {
    Map<String, String> out = new LinkedHashMap<>();
    pins.forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  public static Map<String, Object> originOffset(StreamRecord r) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("topic", r.topic());
    o.put("partition", r.partition());
    o.put("offset", r.offset());
    o.put("offset_kind", r.offsetKind());
    return o;
  }

  private static Map<String, Object> graphVersion(StreamRecord r, DecisionContext c) {
    Map<String, Object> g = new LinkedHashMap<>();
    if (c.graph() != null) {
      g.put("version_id", c.graph().versionHex32());
      g.put("stream", "ieg");
      g.put("basis_digest", c.graph().basisDigest());
    } else {
      g.put("version_id", "0".repeat(32));
      g.put("stream", r.topic());
      g.put("basis_digest", Hashing.sha256Hex(r.eventId()));
    }
    g.put("watermark_ts_utc", r.tsUtc());
    return g;
  }

  private static Map<String, Object> sourceBasis(StreamRecord r) {
    Map<String, Object> off = new LinkedHashMap<>();
    off.put("partition", r.partition());
    off.put("offset", r.offset());
    List<Object> offsets = List.of(off);
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("stream", r.topic());
    b.put("offset_kind", r.offsetKind());
    b.put("offsets", offsets);
    b.put("basis_digest", Hashing.canonicalHash(offsets));
    b.put("window_start_utc", r.tsUtc());
    b.put("window_end_utc", r.tsUtc());
    return b;
  }

  private static Map<String, Object> posture(DecisionContext c) {
    Map<String, Object> body = c.postureBody();
    Map<String, Object> mask = new LinkedHashMap<>(c.mask());
    if (mask.get("allowed_feature_groups") instanceof List<?> l) {
      mask.put("allowed_feature_groups", new ArrayList<>(new TreeSet<>(l.stream().map(String::valueOf).toList())));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("mode", c.mode());
    out.put("capabilities_mask", mask);
    for (String k : List.of("policy_rev", "posture_seq", "decided_at_utc", "reason")) {
      if (body.get(k) != null) {
        out.put(k, body.get(k));
      }
    }
    out.put("source", c.posture().get("source"));
    out.put("trust", c.posture().get("trust"));
    return out;
  }

  private static Map<String, Object> envelope(String eventId, String type, String ts, Map<String, Object> pins,
                                              String parent, Map<String, Object> payload) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event_id", eventId);
    e.put("event_type", type);
    e.put("schema_version", "v1");
    e.put("ts_utc", ts);
    e.putAll(pins);
    e.put("parent_event_id", parent);
    e.put("producer", PRODUCER);
    e.put("payload", payload);
    return e;
  }
}
