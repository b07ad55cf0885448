package dev.fp.oracle;

import dev.fp.contract.JsonDoc;
import dev.fp.contract.PackManifest;
import dev.fp.oraclestore.LocalRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.fp.oracle.SortJobTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

/** Pack + seal: ids, write-once documents and their mismatch codes. */
class PackJobTest {
  @TempDir
  Path temp;

  private final PackJob pack = new PackJob(OracleFixtures.CLOCK);

  @Test
  void shouldSealOnceAndTreatAnIdenticalRepackAsANoOp() throws Exception {
    LocalRoot engine = OracleFixtures.freshWorld();
    PackJob.Result first = pack.run(engine, engine, "baseline_v1", "fp-world-1", PackManifest.SEALED_OK);
    assertThat(first.created()).isTrue();
    assertThat(first.oraclePackId()).matches("[0-9a-f]{64}");
    byte[] seal = Files.readAllBytes(Path.of(engine.uri(), PackManifest.SEAL));
    PackJob.Result second = new PackJob(java.time.Clock.systemUTC()).run(engine, engine, "baseline_v1",
        "fp-world-1", PackManifest.SEALED_OK);
    assertThat(second.created()).isFalse();
    assertThat(second.oraclePackId()).isEqualTo(first.oraclePackId());
    assertThat(Files.readAllBytes(Path.of(engine.uri(), PackManifest.SEAL))).isEqualTo(seal);
    Map<String, Object> manifest = JsonDoc.parse(Files.readAllBytes(Path.of(engine.uri(), PackManifest.MANIFEST)))
        .orElseThrow();
    assertThat(manifest).containsKeys("version", "oracle_pack_id", "world_key", "engine_release",
        "catalogue_digest", "gate_map_digest", "created_at_utc");
  }

  @Test
  void shouldFailWithManifestMismatchWhenTheSamePackRootIsRepackedDifferently() {
    LocalRoot engine = OracleFixtures.freshWorld();
    pack.run(engine, engine, "baseline_v1", "fp-world-1", PackManifest.SEALED_OK);
    assertCode(() -> pack.run(engine, engine, "baseline_v1", "another-release", PackManifest.SEALED_OK),
        "MANIFEST_MISMATCH", "fresh --pack-root");
  }

  @Test
  void shouldFailWithSealMismatchWhenTheSealStatusDiffers() {
    LocalRoot engine = OracleFixtures.freshWorld();
    pack.run(engine, engine, "baseline_v1", "fp-world-1", PackManifest.SEALED_OK);
    assertCode(() -> pack.run(engine, engine, "baseline_v1", "fp-world-1", PackManifest.SEALED_FAILED),
        "SEAL_MISMATCH", "fresh --pack-root");
  }

  @Test
  void shouldWriteToASeparatePackRootAndRefuseAMissingOne() throws Exception {
    LocalRoot engine = OracleFixtures.freshWorld();
    assertCode(() -> pack.run(engine, new LocalRoot(temp.resolve("missing")), "baseline_v1", "r",
        PackManifest.SEALED_OK), "PACK_ROOT_NOT_FOUND", "--pack-root");
    Files.createDirectories(temp.resolve("pack"));
    pack.run(engine, new LocalRoot(temp.resolve("pack")), "baseline_v1", "r", PackManifest.SEALED_OK);
    assertThat(temp.resolve("pack").resolve(PackManifest.SEAL)).exists();
  }

  @Test
  void shouldRequireAWorldKeyAndAScenario() throws Exception {
    LocalRoot engine = OracleFixtures.freshWorld();
    assertCode(() -> pack.run(engine, engine, " ", "r", PackManifest.SEALED_OK), "SCENARIO_ID_MISSING",
        "--scenario-id");
    Files.writeString(Path.of(engine.uri(), "run_receipt.json"), "{\"run_id\":\"x\"}");
    assertCode(() -> pack.run(engine, engine, "baseline_v1", "r", PackManifest.SEALED_OK), "WORLD_KEY_MISSING",
        "run_receipt.json");
  }
}
