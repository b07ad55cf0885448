package dev.fp.control.sr.core;

import dev.fp.contract.JsonDoc;
import dev.fp.contract.PackManifest;
import dev.fp.contract.WorldKey;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Fail-closed acceptance of the sealed oracle pack. */
class PackCheckTest {
  static final WorldKey KEY = new WorldKey("a".repeat(64), "b".repeat(64), "baseline_v1", 42, "c".repeat(32));
  static final String CAT = "1".repeat(64);
  static final String GATES = "2".repeat(64);
  static final String PACK_ID = PackManifest.packId(KEY, "rel", CAT, GATES);

  static PackEvidence pack(Map<String, Object> manifest, Map<String, Object> seal) {
    return new PackEvidence("root", Optional.ofNullable(manifest).map(JsonDoc::write), "root/_oracle_pack_manifest.json",
        Optional.ofNullable(seal).map(JsonDoc::write), "root/_SEALED.json", CAT, GATES);
  }

  static Map<String, Object> manifest() {
    return new LinkedHashMap<>(PackManifest.manifest(PACK_ID, KEY, "rel", CAT, GATES, "2026-02-10T09:00:00.000000Z"));
  }

  static Map<String, Object> seal(String status) {
    return PackManifest.seal(PACK_ID, status, "2026-02-10T09:00:00.000000Z");
  }

  @Test
  void shouldAcceptASealedPackOfThisWorld() {
    PackCheck.Verdict v = PackCheck.evaluate(pack(manifest(), seal(PackManifest.SEALED_OK)), KEY);

    assertThat(v.ok()).as(v.detail()).isTrue();
    assertThat(v.oraclePackId()).isEqualTo(PACK_ID);
    assertThat(v.engineRelease()).isEqualTo("rel");
  }

  @Test
  void shouldRefuseAPackWithoutManifestOrSeal() {
    assertThat(PackCheck.evaluate(pack(null, null), KEY).code()).isEqualTo(SrCodes.PACK_NOT_SEALED);
    assertThat(PackCheck.evaluate(pack(manifest(), null), KEY).code()).isEqualTo(SrCodes.PACK_NOT_SEALED);
    assertThat(PackCheck.evaluate(pack(manifest(), seal(PackManifest.SEALED_FAILED)), KEY).code())
        .isEqualTo(SrCodes.PACK_NOT_SEALED);
  }

  @Test
  void shouldRefuseAnInvalidManifest() {
    Map<String, Object> m = manifest();
    m.remove("gate_map_digest");

    assertThat(PackCheck.evaluate(pack(m, seal(PackManifest.SEALED_OK)), KEY).code())
        .isEqualTo(SrCodes.ORACLE_PACK_INVALID);
  }

  @Test
  void shouldDetectAPackOfAnotherWorldOrTamperedAfterSealing() {
    WorldKey other = new WorldKey("d".repeat(64), KEY.parameterHash(), "baseline_v1", 42, KEY.runId());
    assertThat(PackCheck.evaluate(pack(manifest(), seal(PackManifest.SEALED_OK)), other).code())
        .isEqualTo(SrCodes.ORACLE_PACK_MISMATCH);

    PackEvidence changedCatalogue = new PackEvidence("root", pack(manifest(), null).manifest(), "m",
        pack(null, seal(PackManifest.SEALED_OK)).seal(), "s", "9".repeat(64), GATES);
    assertThat(PackCheck.evaluate(changedCatalogue, KEY).code()).isEqualTo(SrCodes.ORACLE_PACK_MISMATCH);

    Map<String, Object> forged = seal(PackManifest.SEALED_OK);
    forged = new LinkedHashMap<>(forged);
    forged.put("oracle_pack_id", "f".repeat(64));
    assertThat(PackCheck.evaluate(pack(manifest(), forged), KEY).code()).isEqualTo(SrCodes.ORACLE_PACK_MISMATCH);
  }
}
