package dev.fp.contract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The oracle pack's two write-once documents. {@code oracle_pack_id} =
 * sha256("{mf}|{ph}|{scenario_id}|{seed}|{engine_release}|{catalogue_digest}|{gate_map_digest}");
 * {@code _oracle_pack_manifest.json} and {@code _SEALED.json} are compared on every field but their timestamps
 * when they already exist ({@code MANIFEST_MISMATCH} / {@code SEAL_MISMATCH} otherwise).
 */
public final class PackManifest {
  public static final String MANIFEST = "_oracle_pack_manifest.json";
  public static final String SEAL = "_SEALED.json";
  public static final String SEAL_FLAG = "_SEALED.flag";
  public static final String SEALED_OK = "SEALED_OK";
  public static final String SEALED_FAILED = "SEALED_FAILED";
  private static final List<String> MANIFEST_FIELDS = List.of("version", "oracle_pack_id", "world_key",
      "engine_release", "catalogue_digest", "gate_map_digest");
  private static final List<String> SEAL_FIELDS = List.of("version", "oracle_pack_id", "seal_status");

  private PackManifest() {
  }

  public static String packId(WorldKey key, String engineRelease, String catalogueDigest, String gateMapDigest) {
    return Hashing.sha256Hex(key.manifestFingerprint() + "|" + key.parameterHash() + "|" + key.scenarioId() + "|"
        + key.seed() + "|" + engineRelease + "|" + catalogueDigest + "|" + gateMapDigest);
  }

  public static Map<String, Object> manifest(String packId, WorldKey key, String engineRelease,
                                             String catalogueDigest, String gateMapDigest, String createdAtUtc) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", "v0");
    m.put("oracle_pack_id", packId);
    m.put("world_key", key.toMap());
    m.put("engine_release", engineRelease);
    m.put("catalogue_digest", catalogueDigest);
    m.put("gate_map_digest", gateMapDigest);
    m.put("created_at_utc", createdAtUtc);
    return m;
  }

  public static Map<String, Object> seal(String packId, String status, String sealedAtUtc) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", "v0");
    m.put("oracle_pack_id", packId);
    m.put("seal_status", status);
    m.put("sealed_at_utc", sealedAtUtc);
    return m;
  }

  /** The fields of {@code expected} that {@code stored} disagrees on (empty when the manifests match). */
  public static List<String> manifestDiff(Map<String, Object> expected, Map<String, Object> stored) {
    return diff(MANIFEST_FIELDS, expected, stored);
  }

  public static List<String> sealDiff(Map<String, Object> expected, Map<String, Object> stored) {
    return diff(SEAL_FIELDS, expected, stored);
  }

  private static List<String> diff(List<String> fields, Map<String, Object> expected, Map<String, Object> stored) {
    return fields.stream().filter(f -> !same(expected.get(f), stored.get(f))).toList();
  }

  /** Equality that treats integral numbers of different boxed types (Integer from JSON, Long here) as equal. */
  static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.longValue() == y.longValue() && x.doubleValue() == y.doubleValue();
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return x.keySet().equals(y.keySet()) && x.keySet().stream().allMatch(k -> same(x.get(k), y.get(k)));
    }
    return java.util.Objects.equals(a, b);
  }
}
