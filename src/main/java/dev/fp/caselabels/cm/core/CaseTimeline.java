package dev.fp.caselabels.cm.core;

import dev.fp.contract.CodePointOrder;
import dev.fp.contract.Hashing;
import dev.fp.contract.Ids;
import dev.fp.contract.PyStr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Case timeline events (reference case_ops_obs §2.3): their shape, deterministic id and payload hash, the
 * {@code source_ref_id} formats, the lookup links each one carries, and the listing order. Every field hashed comes
 * from the source records, so a replay rebuilds byte-identical events. Pure.
 */
public final class CaseTimeline {
  public static final String CASE_TRIGGERED = "CASE_TRIGGERED";
  public static final String LABEL_PENDING = "LABEL_PENDING";
  public static final String LABEL_ACCEPTED = "LABEL_ACCEPTED";
  public static final String LABEL_REJECTED = "LABEL_REJECTED";
  public static final String INVESTIGATOR_ASSERTION = "INVESTIGATOR_ASSERTION";
  public static final String ACTION_INTENT_REQUESTED = "ACTION_INTENT_REQUESTED";
  public static final String ACTION_OUTCOME_ATTACHED = "ACTION_OUTCOME_ATTACHED";
  /** The ref types a case can be looked up by (reference §2.3 "queryable ref types"). */
  public static final Set<String> LINK_TYPES = Set.of("event_id", "decision_id", "action_outcome_id",
      "audit_record_id", "case_trigger_id", "case_event_id", "source_ref_id");
  /**
   * Listing order: observed_time, then the lifecycle step, then id. Label events carry their assertion's observed time
   * (the trigger's, so replays hash the same), which ties them with CASE_TRIGGERED: the step keeps a tie in causal
   * order (triggered, then work on the case, then the label asked for, then its answer) instead of id order.
   */
  public static final Comparator<Map<String, Object>> ORDER = Comparator
      .comparing((Map<String, Object> e) -> String.valueOf(e.get("observed_time")))
      .thenComparingInt(e -> step(String.valueOf(e.get("timeline_event_type"))))
      .thenComparing(e -> String.valueOf(e.get("case_timeline_event_id")));

  private static int step(String type) {
    return switch (type) {
      case CASE_TRIGGERED -> 0;
      case LABEL_PENDING -> 2;
      case LABEL_ACCEPTED, LABEL_REJECTED -> 3;
      default -> 1;
    };
  }

  private static final Map<String, String> EVIDENCE_LINKS = Map.of("DECISION", "decision_id",
      "ACTION_OUTCOME", "action_outcome_id", "DLA_AUDIT_RECORD", "audit_record_id", "CASE_EVENT", "case_event_id");
  private static final Map<String, String> SOURCE_PREFIX_LINKS = Map.of("decision:", "decision_id",
      "action_outcome:", "action_outcome_id", "audit:", "audit_record_id");

  private CaseTimeline() {
  }

  /** One lookup link of an event: (ref_type, ref_id). */
  public record Link(String refType, String refId) {
  }

  /**
   * A timeline event (contract dict) with its id and payload hash. {@code subject} (the case subject key) is set on
   * CASE_TRIGGERED only; {@code payload} may be empty.
   */
  public static Map<String, Object> event(String caseId, String type, String sourceRefId, Map<String, ?> pins,
      String observedTime, List<? extends Map<String, ?>> evidenceRefs, Map<String, ?> payload,
      Map<String, ?> subject) {
    if (subject != null && !caseId.equals(Ids.caseId(PyStr.strOrEmpty(subject.get("platform_run_id")),
        PyStr.strOrEmpty(subject.get("event_class")), PyStr.strOrEmpty(subject.get("event_id"))))) {
      throw new IllegalArgumentException("timeline event " + type + ": case_subject_key does not hash to " + caseId);
    }
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("case_id", caseId);
    e.put("case_timeline_event_id", Ids.caseTimelineEventId(caseId, type, sourceRefId));
    e.put("timeline_event_type", type);
    e.put("source_ref_id", sourceRefId);
    e.put("pins", new LinkedHashMap<>(pins));
    e.put("observed_time", observedTime);
    e.put("evidence_refs", sortedRefs(evidenceRefs));
    if (subject != null) {
      e.put("case_subject_key", new LinkedHashMap<>(subject));
    }
    if (payload != null && !payload.isEmpty()) {
      e.put("timeline_payload", new LinkedHashMap<>(payload));
    }
    e.put("payload_hash", payloadHash(e));
    return e;
  }

  /** Recipe {@code cm.case_timeline_payload_hash.v1} over the event's content (its own id and hash excluded). */
  public static String payloadHash(Map<String, ?> event) {
    Map<String, Object> basis = new LinkedHashMap<>();
    basis.put("case_id", event.get("case_id"));
    basis.put("timeline_event_type", event.get("timeline_event_type"));
    basis.put("source_ref_id", event.get("source_ref_id"));
    basis.put("pins", event.get("pins"));
    basis.put("observed_time", event.get("observed_time"));
    basis.put("evidence_refs", normalizedRefs(event.get("evidence_refs")));
    basis.put("timeline_payload", event.get("timeline_payload") == null ? Map.of() : event.get("timeline_payload"));
    basis.put("case_subject_key", event.get("case_subject_key"));
    return Hashing.recipeHash("cm.case_timeline_payload_hash.v1", basis);
  }

  /** {@code label_assertion:<id>:pending|accepted|rejected}. */
  public static String labelSourceRef(String labelAssertionId, String status) {
    return "label_assertion:" + labelAssertionId + ":" + status.toLowerCase();
  }

  /**
   * The lookup links of an event (reference §2.3): its own id, its source ref, the trigger id (CASE_TRIGGERED), the
   * subject's event id, each evidence ref of a known type, the source ref's prefix, and ids in the payload.
   */
  @SuppressWarnings("unchecked")
  public static List<Link> links(Map<String, ?> event) {
    Set<Link> out = new LinkedHashSet<>();
    String type = String.valueOf(event.get("timeline_event_type"));
    String sourceRef = String.valueOf(event.get("source_ref_id"));
    out.add(new Link("case_event_id", String.valueOf(event.get("case_timeline_event_id"))));
    out.add(new Link("source_ref_id", sourceRef));
    if (CASE_TRIGGERED.equals(type)) {
      out.add(new Link("case_trigger_id", sourceRef));
    }
    if (event.get("case_subject_key") instanceof Map<?, ?> s && s.get("event_id") != null) {
      out.add(new Link("event_id", String.valueOf(s.get("event_id"))));
    }
    if (event.get("evidence_refs") instanceof List<?> refs) {
      for (Object r : refs) {
        Map<String, Object> ref = (Map<String, Object>) r;
        String linkType = EVIDENCE_LINKS.get(String.valueOf(ref.get("ref_type")));
        if (linkType != null) {
          out.add(new Link(linkType, String.valueOf(ref.get("ref_id"))));
        }
      }
    }
    SOURCE_PREFIX_LINKS.forEach((prefix, linkType) -> {
      if (sourceRef.startsWith(prefix)) {
        out.add(new Link(linkType, sourceRef.substring(prefix.length())));
      }
    });
    if (event.get("timeline_payload") instanceof Map<?, ?> p) {
      for (String key : List.of("event_id", "decision_id", "action_outcome_id", "audit_record_id")) {
        if (p.get(key) instanceof String id && !id.isEmpty()) {
          out.add(new Link(key, id));
        }
      }
    }
    return new ArrayList<>(out);
  }

  private static List<Map<String, Object>> sortedRefs(List<? extends Map<String, ?>> refs) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, ?> ref : refs) {
      Map<String, Object> wire = new LinkedHashMap<>();
      wire.put("ref_type", ref.get("ref_type"));
      wire.put("ref_id", ref.get("ref_id"));
      if (ref.get("ref_scope") != null && !String.valueOf(ref.get("ref_scope")).isEmpty()) {
        wire.put("ref_scope", ref.get("ref_scope"));
      }
      out.add(wire);
    }
    out.sort(CaseTimeline::compareRefs);
    return out;
  }

  private static List<Map<String, Object>> normalizedRefs(Object refs) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (refs instanceof List<?> list) {
      for (Object item : list) {
        Map<?, ?> ref = (Map<?, ?>) item;
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("ref_type", PyStr.strOrEmpty(ref.get("ref_type")));
        n.put("ref_id", PyStr.strOrEmpty(ref.get("ref_id")));
        n.put("ref_scope", PyStr.strOrEmpty(ref.get("ref_scope")));
        out.add(n);
      }
    }
    out.sort(CaseTimeline::compareRefs);
    return out;
  }

  private static int compareRefs(Map<String, ?> a, Map<String, ?> b) {
    for (String f : List.of("ref_type", "ref_id", "ref_scope")) {
      int c = CodePointOrder.INSTANCE.compare(PyStr.strOrEmpty(a.get(f)), PyStr.strOrEmpty(b.get(f)));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
