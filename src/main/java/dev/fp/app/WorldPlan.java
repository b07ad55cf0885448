package dev.fp.app;

import dev.fp.config.ConfigNode;
import dev.fp.world.core.WorldParams;

import java.nio.file.Path;
import java.util.Set;

/**
 * Which world a run streams and where it lives, derived from {@code components.world} and the run's cap, so a resumed
 * run finds the same world: the local engine run root under {@code runs/worlds/<name>} (generated when absent —
 * equal parameters give a byte-identical world), synced to {@code s3://oracle-store/engine/<name>} (the embedded
 * profile's object store holds that bucket too).
 *
 * @param flows flows to generate: {@code components.world.flows}, or when 0 (auto) enough for the cap (at least
 *              {@link #MIN_AUTO_FLOWS}), since every output has at least one row per flow
 */
public record WorldPlan(WorldParams params, Path localRoot, String engineRunRoot, String engineRelease, int sortMemoryMb) {
  public static final long MIN_AUTO_FLOWS = 1_000;
  public static final long DEFAULT_SEED = 42;
  public static final String DEFAULT_ENGINE_RELEASE = "fp-world-synthetic-v0";
  public static final int DEFAULT_SORT_MEMORY_MB = 256;

  public static WorldPlan from(ConfigNode world, Path runsRoot, long capPerOutput) {
    world.allowOnly(Set.of("flows", "seed", "scenario_id", "fraud_rate", "parts", "engine_release", "sort_memory_mb"));
    long configured = world.longValue("flows", 0, 0, 1_000_000_000L);
    long flows = configured > 0 ? configured : Math.max(MIN_AUTO_FLOWS, capPerOutput);
    long seed = world.longValue("seed", DEFAULT_SEED, 0, Long.MAX_VALUE);
    String scenario = world.optString("scenario_id", WorldParams.DEFAULT_SCENARIO);
    double fraudRate;
    try {
      fraudRate = Double.parseDouble(world.optString("fraud_rate", String.valueOf(WorldParams.DEFAULT_FRAUD_RATE)));
    } catch (NumberFormatException e) {
      throw new dev.fp.config.ConfigException(world.key("fraud_rate"), "expected a number");
    }
    WorldParams params;
    try {
      params = new WorldParams(flows, seed, scenario, fraudRate, WorldParams.DEFAULT_START, WorldParams.DEFAULT_END,
          world.integer("parts", WorldParams.DEFAULT_PARTS, 1, 10_000));
    } catch (IllegalArgumentException e) {
      throw new dev.fp.config.ConfigException(world.path(), e.getMessage());
    }
    String name = scenario + "_seed" + seed + "_flows" + flows;
    return new WorldPlan(params, runsRoot.resolve("worlds").resolve(name), "s3://oracle-store/engine/" + name,
        world.optString("engine_release", DEFAULT_ENGINE_RELEASE),
        world.integer("sort_memory_mb", DEFAULT_SORT_MEMORY_MB, 16, 1 << 20));
  }
}
