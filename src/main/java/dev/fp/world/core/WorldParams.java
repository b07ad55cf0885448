package dev.fp.world.core;

import java.time.Instant;

/**
 * Arguments of one generated world. Equal parameters give a byte-identical world.
 *
 * @param fraudRate share of flows in a fraud campaign, in [0, 1]
 * @param parts     part files per output (rows are spread across them, unsorted)
 */
public record WorldParams(long flows, long seed, String scenarioId, double fraudRate, Instant start, Instant end,
                          int parts) {
  public static final String DEFAULT_SCENARIO = "baseline_v1";
  public static final double DEFAULT_FRAUD_RATE = 0.02;
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");
  public static final Instant DEFAULT_END = Instant.parse("2026-04-01T00:00:00Z");
  public static final int DEFAULT_PARTS = 8;

  public WorldParams {
    if (flows < 1) {
      throw new IllegalArgumentException("--flows: at least 1, got " + flows);
    }
    if (seed < 0) {
      throw new IllegalArgumentException("--seed: must not be negative, got " + seed);
    }
    if (scenarioId == null || !scenarioId.matches("[A-Za-z0-9_.-]{1,128}")) {
      throw new IllegalArgumentException("--scenario-id: letters, digits, '_', '.', '-' only, got " + scenarioId);
    }
    if (!(fraudRate >= 0 && fraudRate <= 1)) {
      throw new IllegalArgumentException("--fraud-rate: must be in [0, 1], got " + fraudRate);
    }
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("--end must be after --start (" + start + " .. " + end + ")");
    }
    if (parts < 1 || parts > 10_000) {
      throw new IllegalArgumentException("--parts: 1..10000, got " + parts);
    }
  }
}
