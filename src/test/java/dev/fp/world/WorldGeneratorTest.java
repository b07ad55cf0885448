package dev.fp.world;

import dev.fp.contract.Hashing;
import dev.fp.contract.JsonDoc;
import dev.fp.world.core.WorldParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Determinism, identity, layout and idempotency of generated worlds. */
class WorldGeneratorTest {
  private static final WorldParams TINY = new WorldParams(300, 11, "baseline_v1", 0.05,
      WorldParams.DEFAULT_START, java.time.Instant.parse("2026-01-03T00:00:00Z"), 3);

  @TempDir
  Path dir;

  @Test
  void shouldWriteByteIdenticalWorldsForIdenticalArguments() throws Exception {
    new WorldGenerator(TINY, dir.resolve("a")).generate();
    new WorldGenerator(TINY, dir.resolve("b")).generate();
    List<Path> a = files(dir.resolve("a"));
    List<Path> b = files(dir.resolve("b"));
    assertThat(a.stream().map(p -> dir.resolve("a").relativize(p)).toList())
        .isEqualTo(b.stream().map(p -> dir.resolve("b").relativize(p)).toList());
    for (int i = 0; i < a.size(); i++) {
      assertThat(Files.readAllBytes(a.get(i))).as(a.get(i).toString()).isEqualTo(Files.readAllBytes(b.get(i)));
    }
  }

  @Test
  void shouldDeriveADifferentWorldFromADifferentSeed() {
    WorldSummary one = new WorldGenerator(TINY, dir.resolve("a")).generate();
    WorldSummary two = new WorldGenerator(new WorldParams(300, 12, "baseline_v1", 0.05, TINY.start(), TINY.end(), 3),
        dir.resolve("b")).generate();
    assertThat(two.runId()).isNotEqualTo(one.runId());
    assertThat(two.manifestFingerprint()).isEqualTo(one.manifestFingerprint());
  }

  @Test
  void shouldWriteAReceiptWithTheEngineIdentityFields() throws Exception {
    WorldSummary s = new WorldGenerator(TINY, dir.resolve("w")).generate();
    Map<String, Object> receipt = JsonDoc.parse(Files.readAllBytes(dir.resolve("w/run_receipt.json"))).orElseThrow();
    assertThat((String) receipt.get("run_id")).matches("[0-9a-f]{32}").isEqualTo(s.runId());
    assertThat((String) receipt.get("manifest_fingerprint")).matches("[0-9a-f]{64}");
    assertThat((String) receipt.get("parameter_hash")).matches("[0-9a-f]{64}");
    assertThat(receipt.get("seed")).isEqualTo(11);
    assertThat(receipt).containsKeys("contracts_layout", "contracts_root", "runs_root", "external_roots",
        "created_utc");
  }

  @Test
  void shouldDoNothingWhenTheSameWorldIsAlreadyThere() throws Exception {
    new WorldGenerator(TINY, dir.resolve("w")).generate();
    Path part = TestWorlds.parts(dir.resolve("w"), "arrival_events_5B").get(0);
    long modified = Files.getLastModifiedTime(part).toMillis();
    WorldSummary again = new WorldGenerator(TINY, dir.resolve("w")).generate();
    assertThat(again.alreadyPresent()).isTrue();
    assertThat(Files.getLastModifiedTime(part).toMillis()).isEqualTo(modified);
  }

  @Test
  void shouldRefuseAFolderHoldingAnotherOrAPartialWorld() throws Exception {
    Files.createDirectories(dir.resolve("w"));
    Files.writeString(dir.resolve("w/leftover.txt"), "x");
    assertThatThrownBy(() -> new WorldGenerator(TINY, dir.resolve("w")).generate())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not empty");
  }

  @Test
  void shouldWriteEveryPartAndPassingGateFlagsWhoseDigestsVerify() throws Exception {
    Path root = TestWorlds.world(TestWorlds.SMALL);
    assertThat(TestWorlds.parts(root, "s3_event_stream_with_fraud_6B")).hasSize(4);
    String mf = (String) JsonDoc.parse(Files.readAllBytes(root.resolve("run_receipt.json"))).orElseThrow()
        .get("manifest_fingerprint");
    Path bundle6B = root.resolve("data/layer3/6B/validation/manifest_fingerprint=" + mf);
    String flag = Files.readString(bundle6B.resolve("_passed.flag")).trim();
    assertThat(flag).isEqualTo("sha256_hex = " + Hashing.sha256Hex(Files.readAllBytes(
        bundle6B.resolve("validation_report_6B.json"))));
    Path bundle5B = root.resolve("data/layer2/5B/validation/manifest_fingerprint=" + mf);
    assertThat(JsonDoc.parse(Files.readAllBytes(bundle5B.resolve("_passed.flag"))).orElseThrow())
        .containsEntry("bundle_digest_sha256", Hashing.sha256Hex(Files.readAllBytes(
            bundle5B.resolve("validation_report_5B.json"))));
    for (String seg : List.of("layer1/1A", "layer1/1B", "layer1/2A", "layer1/2B", "layer1/3A", "layer1/3B",
        "layer2/5A", "layer3/6A")) {
      assertThat(root.resolve("data/" + seg + "/validation/manifest_fingerprint=" + mf + "/_passed.flag"))
          .exists();
    }
    assertThat(root.resolve("interface_pack/engine_outputs.catalogue.yaml")).exists();
    assertThat(root.resolve("interface_pack/engine_gates.map.yaml")).exists();
  }

  private static List<Path> files(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
