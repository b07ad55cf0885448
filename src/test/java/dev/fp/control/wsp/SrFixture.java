package dev.fp.control.wsp;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Ids;
import dev.fp.contract.Topics;
import dev.fp.platform.Substrate;
import dev.fp.substrate.eventlog.OutRecord;
import io.vertx.core.buffer.Buffer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.fp.testing.Await.await;

/**
 * Plays SR's part for WSP tests (control_ingress §3.5–§3.6): writes the run facts view and publishes the READY
 * control message on {@code sr-control-bus}, shaped as the reference's.
 */
final class SrFixture {
  private SrFixture() {
  }

  /** Writes run facts naming {@code factsPlatformRunId} and publishes the READY; returns its message_id. */
  static String publishReady(Substrate substrate, String platformRunId, String scenarioRunId,
                             String factsPlatformRunId, String engineRoot) throws Exception {
    String factsRef = platformRunId + "/sr/run_facts_view/" + scenarioRunId + ".json";
    Map<String, Object> pins = new LinkedHashMap<>();
    pins.put("manifest_fingerprint", WorldFixture.MF);
    pins.put("parameter_hash", WorldFixture.PH);
    pins.put("seed", WorldFixture.SEED);
    pins.put("scenario_id", WorldFixture.SCENARIO);
    pins.put("run_id", scenarioRunId);
    pins.put("platform_run_id", factsPlatformRunId);
    pins.put("scenario_run_id", scenarioRunId);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("run_id", scenarioRunId);
    facts.put("platform_run_id", factsPlatformRunId);
    facts.put("scenario_run_id", scenarioRunId);
    facts.put("pins", pins);
    facts.put("oracle_pack_ref", Map.of("engine_run_root", engineRoot, "scenario_id", WorldFixture.SCENARIO));
    await(substrate.objectStore().put("fraud-platform", factsRef, Buffer.buffer(CanonicalJson.lineBytes(facts))));
    String bundleHash = Ids.srRunId(scenarioRunId) + Ids.srRunId(platformRunId);
    String messageId = Ids.readyMessageId(platformRunId, scenarioRunId, bundleHash, null);
    publish(substrate, readyMessage(platformRunId, scenarioRunId, factsRef, bundleHash, messageId, engineRoot),
        scenarioRunId);
    return messageId;
  }

  static Map<String, Object> readyMessage(String platformRunId, String scenarioRunId, String factsRef,
                                          String bundleHash, String messageId, String engineRoot) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("run_id", scenarioRunId);
    payload.put("platform_run_id", platformRunId);
    payload.put("scenario_run_id", scenarioRunId);
    payload.put("facts_view_ref", factsRef);
    payload.put("bundle_hash", bundleHash);
    payload.put("message_id", messageId);
    payload.put("run_config_digest", "c".repeat(64));
    payload.put("manifest_fingerprint", WorldFixture.MF);
    payload.put("parameter_hash", WorldFixture.PH);
    payload.put("scenario_id", WorldFixture.SCENARIO);
    payload.put("oracle_pack_ref", Map.of("engine_run_root", engineRoot, "scenario_id", WorldFixture.SCENARIO));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("topic", Topics.CONTROL_MESSAGE_TOPIC);
    m.put("message_id", messageId);
    m.put("published_at_utc", "2026-02-10T09:20:00.000000Z");
    m.put("attributes", Map.of("kind", "READY", "run_id", scenarioRunId));
    m.put("partition_key", scenarioRunId);
    m.put("payload", payload);
    return m;
  }

  static void publish(Substrate substrate, Map<String, Object> message, String partitionKey) throws Exception {
    await(substrate.eventLog().publish(Topics.SR_CONTROL_BUS, List.of(new OutRecord(partitionKey,
        CanonicalJson.write(message)))));
  }
}
