package dev.fp.world.core;

/** The identity every row of a world carries. */
public record WorldPins(String manifestFingerprint, String parameterHash, long seed, String scenarioId,
                        String runId) {
}
