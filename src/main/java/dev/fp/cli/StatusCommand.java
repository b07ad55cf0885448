package dev.fp.cli;

import dev.fp.contract.Json;
import dev.fp.contract.PlatformRunIds;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.Substrate;
import dev.fp.platform.SubstrateBootstrap;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.pack.PackSpec;
import dev.fp.platform.stream.StreamArtifacts;
import dev.fp.platform.supervisor.GateCheck;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code fp status}: substrate checks (without creating anything), the active run and its phases, each pack's
 * recorded state, and each stream component's lag (records and seconds behind) from its last metrics file. Reads durable evidence only, so it works while another process runs the platform.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show substrate checks, the active run with its phases, and pack states.")
public final class StatusCommand implements Callable<Integer> {
  @Mixin
  ProfileOptions profile;

  @Override
  public Integer call() throws Exception {
    PlatformConfig cfg = profile.load();
    Vertx vertx = Vertx.vertx();
    try {
      Substrate substrate = Await.result(Substrate.inspect(vertx, cfg), 60);
      List<GateCheck> checks;
      try {
        checks = Await.result(new SubstrateBootstrap(substrate).check(), 60);
      } finally {
        Await.result(substrate.close(), 30);
      }
      Optional<String> run = new PlatformRunIds(java.time.Clock.systemUTC()).resolve(cfg.runsRoot(), System.getenv());
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("profile", cfg.profile());
      out.put("substrate", checks);
      out.put("active_platform_run_id", run.orElse(null));
      out.put("phases", run.map(id -> readIfExists(cfg.platformRoot().resolve(id).resolve("supervisor/phases.json")))
          .orElse(null));
      Map<String, Object> packs = new LinkedHashMap<>();
      for (String name : PackSpec.NAMES) {
        String packId = cfg.profile() + "_" + name + "_v0";
        packs.put(packId, readIfExists(cfg.platformRoot().resolve("operate").resolve(packId).resolve("state.json")));
      }
      out.put("packs", packs);
      Map<String, Object> consumers = run.map(id -> StreamArtifacts.readLag(cfg.platformRoot(), id)).orElse(Map.of());
      out.put("consumers", consumers);
      if (profile.jsonOutput()) {
        System.out.println(Json.writePretty(out));
      } else {
        System.out.println("profile: " + cfg.profile());
        printChecks(checks);
        System.out.println("active run: " + run.orElse("-"));
        printPhases(out.get("phases"));
        packs.forEach((id, state) -> System.out.println("pack " + id + ": "
            + (state == null ? "never started" : "recorded " + ((Map<?, ?>) state).get("updated_at_utc"))));
        consumers.forEach((dir, lag) -> System.out.println(lagLine(dir, (Map<?, ?>) lag)));
      }
      return checks.stream().allMatch(GateCheck::pass) ? 0 : 4;
    } finally {
      Await.result(vertx.close(), 30);
    }
  }

  /** One line per phase of the active run: state, attempts, duration, evidence; the failure of a failed one. */
  static void printPhases(Object phasesJson) {
    if (!(phasesJson instanceof Map<?, ?> doc) || !(doc.get("phases") instanceof Map<?, ?> phases)) {
      System.out.println("  phases: none recorded");
      return;
    }
    // in phase order (P2 before P10), whatever order the file's map has
    java.util.List<Map.Entry<?, ?>> ordered = new java.util.ArrayList<>(phases.entrySet());
    ordered.sort(java.util.Comparator.comparingInt(e -> phaseNumber(String.valueOf(e.getKey()))));
    ordered.forEach(entry -> {
      Object name = entry.getKey();
      Map<?, ?> p = (Map<?, ?>) entry.getValue();
      Object ms = p.get("duration_ms");
      Object evidence = p.get("commit_evidence_ref");
      System.out.printf("  %-28s %-13s attempts=%s %8s  %s%n", name + " " + p.get("title"), p.get("state"),
          p.get("attempts"), ms == null ? "" : ms + "ms", evidence == null ? "" : evidence);
      if ("FAILED".equals(p.get("state")) && p.get("failure") != null) {
        System.out.println("      " + String.valueOf(p.get("failure")).replace("\n", "\n      "));
      }
    });
  }

  /** 9 for {@code P9}; names that are not {@code P<n>} sort last. */
  private static int phaseNumber(String name) {
    try {
      return Integer.parseInt(name.substring(1));
    } catch (RuntimeException e) {
      return Integer.MAX_VALUE;
    }
  }

  /** {@code consumer archive_writer (aw.v0::…): 0 records, 0.0 s behind (as of …)}. */
  static String lagLine(String component, Map<?, ?> lag) {
    return "consumer " + component + " (" + lag.get("group_id") + "): " + lag.get("records_behind") + " records, "
        + lag.get("seconds_behind") + " s behind (as of " + lag.get("generated_at_utc") + ")";
  }

  static void printChecks(List<GateCheck> checks) {
    for (GateCheck c : checks) {
      System.out.println((c.pass() ? "  ok      " : "  MISSING ") + c.name() + (c.pass() ? "" : "  (" + c.actual()
          + "; " + c.remedy() + ")"));
    }
  }

  private static Object readIfExists(Path file) {
    return Files.isRegularFile(file) ? JsonFiles.read(file) : null;
  }
}
