package dev.fp.obsgov.conformance;

import dev.fp.platform.Substrate;
import dev.fp.platform.SubstrateBootstrap;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.testing.ConfDirs;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance over real profile files and a bootstrapped embedded substrate: the repository's two profiles conform to
 * each other; a local_parity file that drops a governance family and changes the class map fails those checks; a run
 * without receipts fails the receipt policy check. (The PASS of the receipt check over a real run is in
 * {@code ObsGovClosedPhaseTest}.)
 */
@ExtendWith(VertxExtension.class)
class EnvironmentConformanceTest {
  static final String RUN = "platform_20260101T000000Z";
  @TempDir
  Path dir;

  private Map<String, Object> evaluate(Vertx vertx, String localParityYaml) throws Exception {
    Path conf = ConfDirs.withProfile(dir.resolve("conf"), "t", "profile: t\nruns_root: " + dir.resolve("runs")
        + "\ncomponents:\n  ig:\n    policy_id: ig_policy\n    policy_revision: v0\n");
    Files.writeString(conf.resolve("local_parity.yaml"), localParityYaml);
    PlatformConfig cfg = ConfigLoader.load("t", conf, Map.of());
    Substrate substrate = await(Substrate.open(vertx, cfg));
    try {
      await(new SubstrateBootstrap(substrate).bootstrap());
      return await(new EnvironmentConformance(vertx, substrate, Clock.systemUTC()).evaluate(RUN));
    } finally {
      await(substrate.close());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> statuses(Map<String, Object> doc) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    ((List<Map<String, Object>>) doc.get("checks")).forEach(c -> out.put((String) c.get("check_id"),
        (String) c.get("status")));
    return out;
  }

  @Test
  void shouldFindTheRepositorysTwoProfilesConformingAndTheSubstrateAnswering(Vertx vertx) throws Exception {
    Map<String, Object> doc = evaluate(vertx, Files.readString(Path.of("conf/local_parity.yaml")));

    assertThat(statuses(doc)).containsEntry("semantic_contract_alignment", "PASS")
        .containsEntry("policy_revision_presence", "PASS").containsEntry("security_corridor_posture", "PASS")
        .containsEntry("governance_event_schema_contract", "PASS")
        .containsEntry("substrate_endpoints_and_topics", "PASS")
        .as("no receipts in this run").containsEntry("policy_digest_matches_receipts", "FAIL");
    assertThat(doc.get("status")).isEqualTo("FAIL");
    assertThat(doc.get("profiles")).isEqualTo(Map.of("embedded", "embedded", "local_parity", "local_parity"));
  }

  @Test
  void shouldFailAProfileThatDropsAFamilyAndMovesItsClassMap(Vertx vertx) throws Exception {
    String drifted = Files.readString(Path.of("conf/local_parity.yaml"))
        .replace("class_map_file: policies/class_map_v0.yaml", "class_map_file: policies/class_map_v1.yaml")
        .replace("EVIDENCE_REF_RESOLVED, ", "");

    Map<String, String> s = statuses(evaluate(vertx, drifted));

    assertThat(s).containsEntry("semantic_contract_alignment", "FAIL")
        .containsEntry("governance_event_schema_contract", "FAIL").containsEntry("policy_revision_presence", "PASS");
  }
}
