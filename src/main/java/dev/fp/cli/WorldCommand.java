package dev.fp.cli;

import dev.fp.Main;
import dev.fp.contract.CanonicalJson;
import dev.fp.world.WorldGenerator;
import dev.fp.world.WorldSummary;
import dev.fp.world.core.WorldParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code fp world}: synthetic engine-shaped worlds (our stand-in for the data engine). */
@Command(name = "world", mixinStandardHelpOptions = true, description = "Generate synthetic engine worlds.",
    subcommands = {WorldCommand.Generate.class})
public final class WorldCommand {

  /**
   * {@code fp world generate}: writes an engine run root (receipt, six streamable outputs, truth outputs, gates,
   * interface pack). Same arguments ⇒ byte-identical files; re-running into the same folder is a no-op.
   */
  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Write a deterministic engine run root under --out.")
  static final class Generate implements Callable<Integer> {
    @Mixin
    ProfileOptions profile;

    @Option(names = "--flows", required = true, description = "arrivals (= flows); events are twice this")
    long flows;

    @Option(names = "--seed", defaultValue = "42", description = "realisation seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--scenario-id", defaultValue = WorldParams.DEFAULT_SCENARIO,
        description = "scenario (default ${DEFAULT-VALUE})")
    String scenarioId;

    @Option(names = "--fraud-rate", defaultValue = "0.02", description = "share of fraud flows (default ${DEFAULT-VALUE})")
    double fraudRate;

    @Option(names = "--start", defaultValue = "2026-01-01T00:00:00Z", description = "horizon start (UTC)")
    Instant start;

    @Option(names = "--end", defaultValue = "2026-04-01T00:00:00Z", description = "horizon end (UTC, exclusive)")
    Instant end;

    @Option(names = "--parts", defaultValue = "8", description = "part files per output (default ${DEFAULT-VALUE})")
    int parts;

    @Option(names = "--out", required = true, description = "run root folder to create")
    Path out;

    @Override
    public Integer call() {
      profile.load();
      WorldParams params;
      try {
        params = new WorldParams(flows, seed, scenarioId, fraudRate, start, end, parts);
      } catch (IllegalArgumentException e) {
        System.err.println("fp world generate: " + e.getMessage());
        return Main.EXIT_USAGE;
      }
      WorldSummary s;
      try {
        s = new WorldGenerator(params, out).generate();
      } catch (IllegalStateException e) {
        System.err.println("fp world generate: " + e.getMessage());
        return Main.EXIT_USAGE;
      }
      print(s);
      return Main.EXIT_OK;
    }

    private void print(WorldSummary s) {
      Map<String, Object> m = new TreeMap<>();
      m.put("engine_run_root", s.root().toAbsolutePath().normalize().toString());
      m.put("run_id", s.runId());
      m.put("manifest_fingerprint", s.manifestFingerprint());
      m.put("parameter_hash", s.parameterHash());
      m.put("already_present", s.alreadyPresent());
      m.put("rows", s.rowsPerOutput());
      m.put("total_rows", s.totalRows());
      m.put("elapsed_ms", s.elapsedMillis());
      if (profile.jsonOutput()) {
        System.out.println(CanonicalJson.write(m));
        return;
      }
      System.out.println((s.alreadyPresent() ? "world already present at " : "world written to ") + m.get(
          "engine_run_root"));
      System.out.println("  run_id " + s.runId() + "  manifest_fingerprint " + s.manifestFingerprint());
      s.rowsPerOutput().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> System.out.printf("  %-32s %,12d rows%n", e.getKey(), e.getValue()));
      if (!s.alreadyPresent()) {
        System.out.printf("  %,d rows in %,d ms (%,d rows/s)%n", s.totalRows(), s.elapsedMillis(),
            s.totalRows() * 1000 / Math.max(1, s.elapsedMillis()));
      }
    }
  }
}
