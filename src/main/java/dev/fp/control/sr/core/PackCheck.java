package dev.fp.control.sr.core;

import dev.fp.contract.JsonDoc;
import dev.fp.contract.PackManifest;
import dev.fp.contract.WorldKey;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fail-closed check of the sealed oracle pack (control_ingress §2.3, §3.4 step 5). The pack must carry a valid
 * manifest ({@code ORACLE_PACK_INVALID} otherwise), describe this world and still match the world's catalogue and
 * gate map: its world_key, digests and recomputed {@code oracle_pack_id} must agree ({@code ORACLE_PACK_MISMATCH},
 * which is what tampering after the seal looks like), and carry a {@code SEALED_OK} seal for the same pack id
 * ({@code PACK_NOT_SEALED} when absent or not OK). Pure.
 */
public final class PackCheck {
  private static final List<String> MANIFEST_FIELDS = List.of("version", "oracle_pack_id", "world_key",
      "engine_release", "catalogue_digest", "gate_map_digest", "created_at_utc");

  /** A verified pack: its id and release, or the reason it is not acceptable. */
  public record Verdict(String code, String detail, String oraclePackId, String engineRelease, String manifestRef) {
    public boolean ok() {
      return code == null;
    }
  }

  private PackCheck() {
  }

  public static Verdict evaluate(PackEvidence pack, WorldKey key) {
    if (pack.manifest().isEmpty()) {
      return fail(SrCodes.PACK_NOT_SEALED, "no pack manifest at " + pack.manifestRef(), pack);
    }
    Optional<Map<String, Object>> parsed = JsonDoc.parse(pack.manifest().get());
    if (parsed.isEmpty() || !MANIFEST_FIELDS.stream().allMatch(parsed.get()::containsKey)
        || !(parsed.get().get("world_key") instanceof Map<?, ?>)) {
      return fail(SrCodes.ORACLE_PACK_INVALID, pack.manifestRef() + " is not a pack manifest (needs "
          + MANIFEST_FIELDS + ")", pack);
    }
    Map<String, Object> m = parsed.get();
    String packId = String.valueOf(m.get("oracle_pack_id"));
    String release = String.valueOf(m.get("engine_release"));
    String mismatch = mismatch(m, key, pack, packId, release);
    if (mismatch != null) {
      return fail(SrCodes.ORACLE_PACK_MISMATCH, pack.manifestRef() + ": " + mismatch, pack);
    }
    Verdict seal = checkSeal(pack, packId);
    if (seal != null) {
      return seal;
    }
    return new Verdict(null, "sealed pack " + packId, packId, release, pack.manifestRef());
  }

  private static String mismatch(Map<String, Object> m, WorldKey key, PackEvidence pack, String packId,
                                 String release) {
    Map<String, Object> stored = new LinkedHashMap<>();
    ((Map<?, ?>) m.get("world_key")).forEach((k, v) -> stored.put(String.valueOf(k), v));
    List<String> diff = Drift.fields(stored, key.toMap(), java.util.Set.of());
    if (!diff.isEmpty()) {
      return "world_key differs from the engine run receipt on " + diff;
    }
    if (!pack.catalogueDigest().equals(m.get("catalogue_digest"))) {
      return "catalogue_digest differs from the world's catalogue (changed after sealing)";
    }
    if (!pack.gateMapDigest().equals(m.get("gate_map_digest"))) {
      return "gate_map_digest differs from the world's gate map (changed after sealing)";
    }
    String recomputed = PackManifest.packId(key, release, pack.catalogueDigest(), pack.gateMapDigest());
    return recomputed.equals(packId) ? null : "oracle_pack_id " + packId + " != recomputed " + recomputed;
  }

  private static Verdict checkSeal(PackEvidence pack, String packId) {
    if (pack.seal().isEmpty()) {
      return fail(SrCodes.PACK_NOT_SEALED, "no seal at " + pack.sealRef(), pack);
    }
    Optional<Map<String, Object>> seal = JsonDoc.parse(pack.seal().get());
    if (seal.isEmpty()) {
      return fail(SrCodes.ORACLE_PACK_INVALID, pack.sealRef() + " is not JSON", pack);
    }
    if (!packId.equals(seal.get().get("oracle_pack_id"))) {
      return fail(SrCodes.ORACLE_PACK_MISMATCH, pack.sealRef() + " seals oracle_pack_id "
          + seal.get().get("oracle_pack_id") + ", the manifest names " + packId, pack);
    }
    Object status = seal.get().get("seal_status");
    return PackManifest.SEALED_OK.equals(status) ? null
        : fail(SrCodes.PACK_NOT_SEALED, pack.sealRef() + " has seal_status " + status, pack);
  }

  private static Verdict fail(String code, String detail, PackEvidence pack) {
    return new Verdict(code, detail, null, null, pack.manifestRef());
  }
}
