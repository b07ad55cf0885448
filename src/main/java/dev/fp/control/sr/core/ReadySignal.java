package dev.fp.control.sr.core;

import dev.fp.contract.Ids;
import dev.fp.contract.Topics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The READY payload ({@code run_ready_signal} schema, control_ingress §3.6), stored write-once as
 * {@code ready_signal/<run_id>.json}, and the control-bus envelope around it. {@code message_id} =
 * sha256("ready|{platform_run_id}|{scenario_run_id}|{bundle_hash}"), so a re-publish or re-emit of the same READY
 * carries the same id and consumers drop it as a duplicate. Only {@code emitted_at_utc} may differ from a stored
 * signal; any other difference is {@code READY_SIGNAL_DRIFT}.
 */
public final class ReadySignal {
  public static final Set<String> VOLATILE_FIELDS = Set.of("emitted_at_utc");
  public static final String KIND_READY = "READY";
  public static final String KIND_REEMIT = "READY_REEMIT";

  private ReadySignal() {
  }

  public static String messageId(SrKeys keys, String bundleHash, String planHash) {
    return Ids.readyMessageId(keys.platformRunId(), keys.runId(), bundleHash, planHash);
  }

  /** The payload, built from the committed facts view and plan. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> payload(SrKeys keys, Map<String, Object> facts, RunPlan plan, String emittedAtUtc) {
    Map<String, Object> pins = (Map<String, Object>) facts.get("pins");
    String bundleHash = String.valueOf(facts.get("bundle_hash"));
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("run_id", keys.runId());
    p.put("platform_run_id", keys.platformRunId());
    p.put("scenario_run_id", keys.runId());
    p.put("facts_view_ref", keys.factsView());
    p.put("bundle_hash", bundleHash);
    p.put("message_id", messageId(keys, bundleHash, plan.planHash()));
    p.put("run_config_digest", facts.get("run_config_digest"));
    p.put("manifest_fingerprint", pins.get("manifest_fingerprint"));
    p.put("parameter_hash", pins.get("parameter_hash"));
    p.put("scenario_id", pins.get("scenario_id"));
    p.put("plan_hash", plan.planHash());
    p.put("service_release_id", facts.get("service_release_id"));
    p.put("environment", facts.get("environment"));
    p.put("provenance", facts.get("provenance"));
    p.put("emitted_at_utc", emittedAtUtc);
    p.put("oracle_pack_ref", facts.get("oracle_pack_ref"));
    return p;
  }

  /**
   * The control message: {@code {topic: fp.bus.control.v1, message_id, published_at_utc, attributes{kind, run_id},
   * partition_key: run_id, payload}}, published with partition key run_id on {@code sr-control-bus}.
   */
  public static Map<String, Object> envelope(Map<String, Object> payload, String kind, String publishedAtUtc) {
    String runId = String.valueOf(payload.get("run_id"));
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("topic", Topics.CONTROL_MESSAGE_TOPIC);
    e.put("message_id", payload.get("message_id"));
    e.put("published_at_utc", publishedAtUtc);
    e.put("attributes", Map.of("kind", kind, "run_id", runId));
    e.put("partition_key", runId);
    e.put("payload", payload);
    return e;
  }
}
