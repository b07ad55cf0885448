package dev.fp.oracle;

import dev.fp.contract.Catalogue;
import dev.fp.contract.Hashing;
import dev.fp.contract.JsonDoc;
import dev.fp.contract.OracleException;
import dev.fp.contract.PackManifest;
import dev.fp.contract.Timestamps;
import dev.fp.contract.WorldKey;
import dev.fp.oraclestore.EngineWorld;
import dev.fp.oraclestore.OracleRoot;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Pack + seal (control_ingress §2.3): computes the oracle pack id of a world and writes
 * {@code _oracle_pack_manifest.json} then {@code _SEALED.json} at the pack root, each write-once. A re-run finds
 * both, re-reads them and compares every field but the timestamps: equal is a no-op, different is
 * {@code MANIFEST_MISMATCH} / {@code SEAL_MISMATCH} (remedy: a fresh pack root). Blocking.
 */
public final class PackJob {
  private static final String FRESH_ROOT = "set a fresh --pack-root and re-pack (a sealed pack is never rewritten)";

  private final Clock clock;

  public PackJob(Clock clock) {
    this.clock = clock;
  }

  /** What pack + seal produced; {@code created} is false when an identical sealed pack already existed. */
  public record Result(String packRoot, String engineRunRoot, String oraclePackId, boolean created) {
    public Map<String, Object> toMap() {
      return Map.of("pack_root", packRoot, "engine_run_root", engineRunRoot, "oracle_pack_id", oraclePackId);
    }
  }

  public Result run(OracleRoot engine, OracleRoot pack, String scenarioId, String engineRelease, String sealStatus) {
    if (!pack.rootExists()) {
      throw OracleException.input("PACK_ROOT_NOT_FOUND", pack.uri() + " does not exist", "create the folder or "
          + "pass an existing --pack-root");
    }
    if (!List.of(PackManifest.SEALED_OK, PackManifest.SEALED_FAILED).contains(sealStatus)) {
      throw OracleException.input("SEAL_STATUS_INVALID", sealStatus, "use SEALED_OK or SEALED_FAILED");
    }
    if (engineRelease == null || engineRelease.isBlank()) {
      throw OracleException.input("ENGINE_RELEASE_MISSING", "no --engine-release given", "pass --engine-release");
    }
    WorldKey key = EngineWorld.open(engine, scenarioId).key();
    String catalogueDigest = Hashing.sha256Hex(EngineWorld.catalogueBytes(engine));
    String gateMapDigest = Hashing.sha256Hex(engine.read(Catalogue.GATE_MAP_PATH).orElseThrow(() ->
        OracleException.input("GATE_MAP_MISSING", "no " + engine.locator(Catalogue.GATE_MAP_PATH),
            "the engine run root must ship its interface pack")));
    String packId = PackManifest.packId(key, engineRelease, catalogueDigest, gateMapDigest);
    String now = Timestamps.now(clock);
    boolean manifestNew = writeOnce(pack, PackManifest.MANIFEST, PackManifest.manifest(packId, key, engineRelease,
        catalogueDigest, gateMapDigest, now), "MANIFEST_MISMATCH", true);
    boolean sealNew = writeOnce(pack, PackManifest.SEAL, PackManifest.seal(packId, sealStatus, now),
        "SEAL_MISMATCH", false);
    return new Result(pack.uri(), engine.uri(), packId, manifestNew || sealNew);
  }

  private static boolean writeOnce(OracleRoot pack, String name, Map<String, Object> doc, String code,
                                   boolean manifest) {
    boolean created = pack.writeIfAbsent(name, JsonDoc.write(doc));
    Map<String, Object> stored = pack.read(name).flatMap(JsonDoc::parse).orElseThrow(() -> OracleException.check(
        code, pack.locator(name) + " is not readable JSON", FRESH_ROOT));
    List<String> diff = manifest ? PackManifest.manifestDiff(doc, stored) : PackManifest.sealDiff(doc, stored);
    if (!diff.isEmpty()) {
      throw OracleException.check(code, pack.locator(name) + " differs on " + diff, FRESH_ROOT);
    }
    return created;
  }
}
