package dev.fp.control.wsp.core;

import java.util.Objects;

/**
 * What every envelope of one READY carries besides its row (control_ingress §1, §4.5): the world key of the engine
 * {@code run_receipt.json} (manifest_fingerprint, parameter_hash, seed, scenario_id, engine run_id), the platform
 * and SR run ids, {@code trace_id} = the pack key (oracle_pack_id, or sha256 of the engine root) and
 * {@code span_id} = the pack manifest's engine_release (null without a manifest: the field is then left out).
 */
public record StreamPins(String manifestFingerprint, String parameterHash, long seed, String scenarioId,
                         String engineRunId, String platformRunId, String scenarioRunId, String packKey,
                         String engineRelease) {
  public StreamPins {
    Objects.requireNonNull(manifestFingerprint, "manifest_fingerprint");
    Objects.requireNonNull(parameterHash, "parameter_hash");
    Objects.requireNonNull(scenarioId, "scenario_id");
    Objects.requireNonNull(engineRunId, "run_id");
    Objects.requireNonNull(platformRunId, "platform_run_id");
    Objects.requireNonNull(scenarioRunId, "scenario_run_id");
    Objects.requireNonNull(packKey, "pack_key");
  }
}
