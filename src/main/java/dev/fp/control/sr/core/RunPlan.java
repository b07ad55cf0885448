package dev.fp.control.sr.core;

import dev.fp.contract.Catalogue;
import dev.fp.contract.Hashing;
import dev.fp.contract.Timestamps;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code run_plan/<run_id>.json} (control_ingress §3.4 step 3, §3.5): the sorted intended outputs, the gates they
 * need (authorising gates closed over their upstream dependencies, plus each output's {@code read_requires_gates}),
 * the evidence deadline and {@code plan_hash} = sha256 of the canonical plan without {@code plan_hash}. Write-once:
 * a stored plan that differs on anything but its timestamps (and the hash over them) is {@code PLAN_DRIFT}; an
 * equal one is adopted as it is, so a re-submission keeps the first plan_hash and deadline.
 */
public record RunPlan(String runId, Map<String, Object> policyRev, String strategy, List<String> intendedOutputs,
                      List<String> requiredGates, String evidenceDeadlineUtc, int attemptLimit, String createdAtUtc,
                      String planHash) {
  /** Fields a re-submission may legitimately see change; every other field is compared. */
  public static final Set<String> VOLATILE_FIELDS = Set.of("created_at_utc", "evidence_deadline_utc", "plan_hash");

  /**
   * Plans a reuse run. Fails with {@code UNKNOWN_OUTPUT_ID} for an output the catalogue does not list and
   * {@code UNKNOWN_GATE_ID} for a gate the gate map does not define.
   */
  public static RunPlan build(String runId, SrPolicy policy, List<String> outputIds, Catalogue catalogue,
                              GateMap gateMap, Clock clock) {
    List<String> intended = List.copyOf(new TreeSet<>(outputIds.isEmpty() ? policy.trafficOutputIds() : outputIds));
    Set<String> gates = new TreeSet<>();
    for (String output : intended) {
      Catalogue.Entry entry = catalogue.find(output).orElseThrow(() -> SrException.check(SrCodes.UNKNOWN_OUTPUT_ID,
          output + " is not in the engine catalogue", "request output ids the world's catalogue lists"));
      gateMap.gates().stream().filter(g -> g.authorizesOutputs().contains(output))
          .forEach(g -> addWithUpstream(g.gateId(), gateMap, gates));
      entry.gates().forEach(g -> addWithUpstream(g, gateMap, gates));
    }
    Instant now = clock.instant();
    String created = Timestamps.format(now);
    String deadline = Timestamps.format(now.plusSeconds(policy.evidenceWaitSeconds()));
    RunPlan unhashed = new RunPlan(runId, policy.rev(), SrPolicy.STRATEGY, intended, List.copyOf(gates), deadline,
        policy.attemptLimit(), created, null);
    return unhashed.withHash(Hashing.canonicalHash(unhashed.toMap()));
  }

  private static void addWithUpstream(String gateId, GateMap gateMap, Set<String> into) {
    GateMap.Gate gate = gateMap.find(gateId).orElseThrow(() -> SrException.check(SrCodes.UNKNOWN_GATE_ID,
        gateId + " is not in the engine gate map", "the world's catalogue and gate map disagree: regenerate it"));
    if (into.add(gateId)) {
      gate.upstream().forEach(up -> addWithUpstream(up, gateMap, into));
    }
  }

  private RunPlan withHash(String hash) {
    return new RunPlan(runId, policyRev, strategy, intendedOutputs, requiredGates, evidenceDeadlineUtc, attemptLimit,
        createdAtUtc, hash);
  }

  /** The stored form; {@code plan_hash} is left out while it is being computed. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", runId);
    if (planHash != null) {
      m.put("plan_hash", planHash);
    }
    m.put("policy_rev", policyRev);
    m.put("strategy", strategy);
    m.put("intended_outputs", intendedOutputs);
    m.put("required_gates", requiredGates);
    m.put("evidence_deadline_utc", evidenceDeadlineUtc);
    m.put("attempt_limit", attemptLimit);
    m.put("created_at_utc", createdAtUtc);
    return m;
  }

  /** Reads a stored plan back (after {@link Drift} found it equal to a freshly built one). */
  @SuppressWarnings("unchecked")
  public static RunPlan fromMap(Map<String, Object> m) {
    return new RunPlan(String.valueOf(m.get("run_id")), (Map<String, Object>) m.get("policy_rev"),
        String.valueOf(m.get("strategy")), strings(m.get("intended_outputs")), strings(m.get("required_gates")),
        String.valueOf(m.get("evidence_deadline_utc")), ((Number) m.get("attempt_limit")).intValue(),
        String.valueOf(m.get("created_at_utc")), String.valueOf(m.get("plan_hash")));
  }

  private static List<String> strings(Object v) {
    return v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
  }

  /** True when the evidence deadline has passed at {@code now}. */
  public boolean deadlinePassed(Instant now) {
    return now.isAfter(Timestamps.parse(evidenceDeadlineUtc));
  }
}
