package dev.fp.rtdl.df.core;

import dev.fp.platform.stream.core.StreamRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The decision (reference rtdl §6 steps 4–6, invariants (b)7, plus the risk policy): context status from OFP and the
 * flow binding, bundle resolution against the registry snapshot, then registry FAIL_CLOSED → QUEUE_REVIEW, context not
 * READY → STEP_UP, else ALLOW; the risk rules may raise it; a STEP_UP_ONLY posture clamps ALLOW to STEP_UP. Pure.
 */
public final class DecisionRule {
  public static final String CORE_GROUP = "core_features";
  private final RegistrySnapshot registry;
  private final RiskPolicy risk;

  /** What was decided and why; {@code reasonCodes} sorted and unique. */
  public record Decision(String actionKind, String contextStatus, List<String> contextReasons,
                         RegistrySnapshot.Resolution registry, List<String> riskCodes, boolean clamped,
                         boolean snapshotUsed, List<String> reasonCodes) {
  }

  public DecisionRule(RegistrySnapshot registry, RiskPolicy risk) {
    this.registry = registry;
    this.risk = risk;
  }

  public RegistrySnapshot registry() {
    return registry;
  }

  public RiskPolicy risk() {
    return risk;
  }

  /** @param joinWaitExpired the record waited its whole join-wait budget for a binding that did not come */
  public Decision decide(StreamRecord r, DecisionContext c, boolean joinWaitExpired) {
    String flowKey = flowKey(r);
    List<String> contextReasons = new ArrayList<>();
    String status;
    DecisionContext.Features f = c.features();
    Map<String, Object> snapshot = f.snapshot();
    boolean snapshotUsed = DecisionContext.Features.OK.equals(f.status()) && snapshot != null;
    if (!c.allows(CORE_GROUP) || "BLOCKED".equals(f.status())) {
      status = "CONTEXT_BLOCKED";
      contextReasons.add("CAPABILITY_BLOCK:feature_group=" + CORE_GROUP);
      snapshotUsed = false;
    } else if ("UNAVAILABLE".equals(f.status())) {
      status = "CONTEXT_UNAVAILABLE";
      contextReasons.add("OFP_UNAVAILABLE");
    } else if (!snapshotUsed) {
      status = "CONTEXT_UNAVAILABLE";
      contextReasons.add("OFP_ERROR:" + f.code());
    } else if (!groupsNamed(snapshot).containsKey(CORE_GROUP)) {
      status = "CONTEXT_MISSING";
      contextReasons.add("OFP_MISSING_GROUP:" + CORE_GROUP);
    } else if (keyGroups(snapshot, flowKey).get(CORE_GROUP) == null) {
      status = "CONTEXT_MISSING";
      contextReasons.add("OFP_MISSING_FEATURE:flow_id");   // the key type: reason codes are a bounded set
    } else {
      status = "CONTEXT_READY";
    }
    DecisionContext.Binding b = c.binding();
    if (!b.ready()) {
      contextReasons.add("FLOW_BINDING:" + b.status());
      contextReasons.addAll(b.reasons());
      if (joinWaitExpired) {
        contextReasons.add("JOIN_WAIT_EXCEEDED");
      }
      if (status.equals("CONTEXT_READY")) {
        status = b.status().equals("UNAVAILABLE") ? "CONTEXT_UNAVAILABLE" : "CONTEXT_MISSING";
      }
    }
    RegistrySnapshot.Resolution res = registry.resolve(TriggerGate.mode(r),
        snapshotUsed ? groupsNamed(snapshot) : Map.of(), c.mask());
    String action;
    if (res.failClosed()) {
      action = "QUEUE_REVIEW";
    } else if (!status.equals("CONTEXT_READY")) {
      action = "STEP_UP";
    } else {
      action = "ALLOW";
    }
    List<String> riskCodes = List.of();
    if (snapshotUsed && b.ready() && c.allows(risk.featureCapability())) {
      RiskPolicy.Verdict v = risk.evaluate(entityFeatures(snapshot, b.flowAnchor()), amount(r));
      riskCodes = v.codes();
      if (RiskPolicy.ACTIONS.indexOf(v.action()) > RiskPolicy.ACTIONS.indexOf(action)) {
        action = v.action();
      }
    }
    boolean clamped = false;
    if (action.equals("ALLOW") && "STEP_UP_ONLY".equals(c.mask().get("action_posture"))) {
      action = "STEP_UP";
      clamped = true;
    }
    TreeSet<String> reasons = new TreeSet<>(contextReasons);
    if (!status.equals("CONTEXT_READY")) {
      reasons.add("CONTEXT_STATUS:" + status);
    }
    reasons.addAll(res.reasons());
    if (res.failClosed()) {
      reasons.add("REGISTRY_FAIL_CLOSED");
    }
    reasons.addAll(riskCodes);
    if (clamped) {
      reasons.add("ACTION_POSTURE_CLAMPED:STEP_UP_ONLY");
    }
    return new Decision(action, status, List.copyOf(contextReasons), res, riskCodes, clamped, snapshotUsed,
        List.copyOf(reasons));
  }

  /** {@code flow_id:<payload.flow_id>}, else {@code event_id:<id>} (reference §6 step 3). */
  public static String flowKey(StreamRecord r) {
    Object flow = r.payload().get("flow_id");
    return flow == null ? "event_id:" + r.eventId() : "flow_id:" + flow;
  }

  public static Double amount(StreamRecord r) {
    return r.payload().get("amount") instanceof Number n ? n.doubleValue() : null;
  }

  /** The entity key types of a flow anchor OFP keeps features for, in OFP's key_type names. */
  public static final List<String> ENTITY_KEYS = List.of("party_id", "account_id", "instrument_id", "device_id",
      "ip_id", "merchant_id");

  /** The snapshot's features of the flow's entities, by group (one entity per key type, so groups do not collide). */
  static Map<String, Map<String, Object>> entityFeatures(Map<String, Object> snapshot, Map<String, Object> anchor) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (String type : ENTITY_KEYS) {
      Object id = anchor.get(type);
      if (id != null) {
        keyGroups(snapshot, type + ":" + id).forEach(out::putIfAbsent);
      }
    }
    return out;
  }

  /** {@code group → version} of the groups the snapshot names. */
  static Map<String, String> groupsNamed(Map<String, Object> snapshot) {
    Map<String, String> out = new LinkedHashMap<>();
    if (snapshot.get("feature_groups") instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> g && g.get("name") != null) {
          out.put(String.valueOf(g.get("name")), String.valueOf(g.get("version")));
        }
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> keyGroups(Map<String, Object> snapshot, String key) {
    if (snapshot.get("features") instanceof Map<?, ?> all && all.get(key) instanceof Map<?, ?> byGroup) {
      Map<String, Map<String, Object>> out = new LinkedHashMap<>();
      byGroup.forEach((g, v) -> {
        if (v instanceof Map<?, ?> values) {
          out.put(String.valueOf(g), (Map<String, Object>) values);
        }
      });
      return out;
    }
    return Map.of();
  }
}
