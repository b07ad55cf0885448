package dev.fp.oracle;

import dev.fp.contract.Catalogue;
import dev.fp.contract.JsonDoc;
import dev.fp.contract.OracleException;
import dev.fp.contract.PackManifest;
import dev.fp.contract.WorldKey;
import dev.fp.oraclestore.EngineWorld;
import dev.fp.oraclestore.OracleRoot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The oracle checker (control_ingress §2.4): run receipt readable and valid, one scenario (given or discovered
 * from {@code scenario_id=*} folders), every gate-map {@code _passed.flag} present, every requested output known,
 * templated and present, and the pack sealed ({@code PACK_NOT_SEALED} is an error when strict, a warning
 * otherwise). Unlike the reference, the seal and manifest are looked for at the pack root (default: the engine
 * root), so a separate pack root is checked where it was written. Blocking.
 */
public final class CheckJob {

  public CheckReport run(OracleRoot engine, OracleRoot pack, String scenarioId, List<String> outputIds,
                         boolean strictSeal) {
    List<CheckReport.Issue> issues = new ArrayList<>();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("engine_run_root", engine.uri());
    details.put("pack_root", pack.uri());
    Optional<byte[]> receipt = engine.read(EngineWorld.RUN_RECEIPT);
    if (receipt.isEmpty()) {
      issues.add(error("RUN_RECEIPT_UNREADABLE", engine.locator(EngineWorld.RUN_RECEIPT)));
      return CheckReport.of(issues, details);
    }
    String scenario = scenario(engine, scenarioId, issues);
    WorldKey key;
    try {
      key = WorldKey.fromReceipt(receipt.get(), scenario == null ? "_" : scenario,
          engine.locator(EngineWorld.RUN_RECEIPT));
    } catch (OracleException e) {
      issues.add(error("RUN_RECEIPT_INVALID", e.getMessage()));
      return CheckReport.of(issues, details);
    }
    details.put("world_key", key.toMap());
    checkGates(engine, key, issues);
    if (scenario != null) {
      checkOutputs(engine, key, outputIds, issues);
    }
    checkPack(pack, strictSeal, issues);
    return CheckReport.of(issues, details);
  }

  private static String scenario(OracleRoot engine, String given, List<CheckReport.Issue> issues) {
    if (given != null && !given.isBlank()) {
      return given;
    }
    List<String> found = engine.list("data/").stream().flatMap(k -> java.util.Arrays.stream(k.split("/")))
        .filter(s -> s.startsWith("scenario_id=")).map(s -> s.substring("scenario_id=".length())).distinct()
        .sorted().toList();
    if (found.size() == 1) {
      return found.get(0);
    }
    issues.add(error(found.isEmpty() ? "SCENARIO_ID_MISSING" : "SCENARIO_ID_AMBIGUOUS",
        found.isEmpty() ? "no scenario_id=* folder" : "found " + found));
    return null;
  }

  private static void checkGates(OracleRoot engine, WorldKey key, List<CheckReport.Issue> issues) {
    Optional<byte[]> gateMap = engine.read(Catalogue.GATE_MAP_PATH);
    if (gateMap.isEmpty()) {
      issues.add(error("GATE_MAP_MISSING", engine.locator(Catalogue.GATE_MAP_PATH)));
      return;
    }
    Catalogue.gateFlags(gateMap.get()).forEach((gate, template) -> {
      String flag = key.render(template);
      if (!engine.exists(flag)) {
        issues.add(error("GATE_RECEIPT_MISSING", gate + ": " + engine.locator(flag)));
      }
    });
  }

  private static void checkOutputs(OracleRoot engine, WorldKey key, List<String> outputIds,
                                   List<CheckReport.Issue> issues) {
    EngineWorld world;
    try {
      world = EngineWorld.open(engine, key.scenarioId());
    } catch (OracleException e) {
      issues.add(error(e.code(), e.getMessage()));
      return;
    }
    for (String id : outputIds) {
      try {
        world.sources(id);
      } catch (OracleException e) {
        String code = switch (e.code()) {
          case "OUTPUT_PATHS_EMPTY" -> "OUTPUT_MISSING";
          default -> e.code();
        };
        issues.add(error(code, e.getMessage()));
      }
    }
  }

  private static void checkPack(OracleRoot pack, boolean strict, List<CheckReport.Issue> issues) {
    if (!pack.exists(PackManifest.SEAL) && !pack.exists(PackManifest.SEAL_FLAG)) {
      issues.add(new CheckReport.Issue("PACK_NOT_SEALED", strict ? "ERROR" : "WARN",
          "no " + pack.locator(PackManifest.SEAL)));
    }
    Optional<byte[]> manifest = pack.read(PackManifest.MANIFEST);
    if (manifest.isEmpty()) {
      issues.add(new CheckReport.Issue("PACK_MANIFEST_MISSING", "WARN", pack.locator(PackManifest.MANIFEST)));
    } else if (JsonDoc.parse(manifest.get()).filter(m -> m.get("oracle_pack_id") != null
        && m.get("world_key") instanceof Map).isEmpty()) {
      issues.add(error("PACK_MANIFEST_INVALID", pack.locator(PackManifest.MANIFEST)));
    }
  }

  private static CheckReport.Issue error(String code, String detail) {
    return new CheckReport.Issue(code, "ERROR", detail);
  }
}
