package dev.fp.control.sr.core;

import dev.fp.contract.Hashing;
import dev.fp.contract.OutputIds;
import dev.fp.contract.WorldKey;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code run_facts_view/<run_id>.json} (control_ingress §3.5), the document WSP reads behind a READY, and the
 * {@code bundle_hash} it is keyed by: sha256 of canonical {locators (by output_id), receipts (by gate_id),
 * instance_receipts, policy_rev}. Holds no timestamp, so the same evidence always gives the same bytes; write-once,
 * any difference is {@code FACTS_VIEW_DRIFT}. {@code pins.run_id} is the SR run id, as in the reference.
 */
public final class FactsView {
  /** Nothing in a facts view may change between submissions. */
  public static final Set<String> VOLATILE_FIELDS = Set.of();
  public static final String BUSINESS_TRAFFIC = "business_traffic";
  public static final String NON_TRAFFIC = "non_traffic";

  private FactsView() {
  }

  public static String bundleHash(Evidence ev, SrPolicy policy) {
    Map<String, Object> basis = new LinkedHashMap<>();
    basis.put("locators", ev.locators());
    basis.put("receipts", ev.gateReceipts());
    basis.put("instance_receipts", List.of());
    basis.put("policy_rev", policy.rev());
    return Hashing.canonicalHash(basis);
  }

  /** {@code oracle_pack_ref}: the sealed pack and the stream views WSP will read. */
  public static Map<String, Object> oraclePackRef(Evidence ev, String engineRunRoot, String scenarioId,
                                                  String streamViewRoot) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("oracle_pack_id", ev.pack().oraclePackId());
    ref.put("manifest_ref", ev.pack().manifestRef());
    ref.put("engine_run_root", engineRunRoot);
    ref.put("scenario_id", scenarioId);
    ref.put("engine_release", ev.pack().engineRelease());
    ref.put("stream_view_root", streamViewRoot);
    ref.put("stream_view_output_refs", new TreeMap<>(ev.streamViewRefs()));
    return ref;
  }

  public static Map<String, Object> build(SrKeys keys, WorldKey world, RunPlan plan, Evidence ev, SrPolicy policy,
                                          Provenance provenance, Map<String, Object> oraclePackRef) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("run_id", keys.runId());
    f.put("platform_run_id", keys.platformRunId());
    f.put("scenario_run_id", keys.runId());
    f.put("pins", pins(keys, world));
    f.put("locators", ev.locators());
    f.put("output_roles", roles(plan.intendedOutputs()));
    f.put("intended_outputs", plan.intendedOutputs());
    f.put("gate_receipts", ev.gateReceipts());
    f.put("instance_receipts", List.of());
    f.put("policy_rev", policy.rev());
    f.put("bundle_hash", bundleHash(ev, policy));
    f.put("run_config_digest", provenance.runConfigDigest());
    f.put("service_release_id", provenance.serviceReleaseId());
    f.put("environment", provenance.environment());
    f.put("provenance", provenance.toMap());
    f.put("oracle_pack_ref", oraclePackRef);
    f.put("plan_ref", keys.plan());
    f.put("record_ref", keys.record());
    f.put("status_ref", keys.status());
    return f;
  }

  private static Map<String, Object> pins(SrKeys keys, WorldKey world) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("manifest_fingerprint", world.manifestFingerprint());
    p.put("parameter_hash", world.parameterHash());
    p.put("seed", world.seed());
    p.put("scenario_id", world.scenarioId());
    p.put("run_id", keys.runId());
    p.put("platform_run_id", keys.platformRunId());
    p.put("scenario_run_id", keys.runId());
    return p;
  }

  private static Map<String, Object> roles(List<String> outputs) {
    Map<String, Object> roles = new TreeMap<>();
    for (String o : outputs) {
      boolean traffic = o.equals(OutputIds.TRAFFIC_FRAUD) || o.equals(OutputIds.TRAFFIC_BASELINE);
      roles.put(o, traffic ? BUSINESS_TRAFFIC : NON_TRAFFIC);
    }
    return roles;
  }
}
