package dev.fp.oracle;

import dev.fp.contract.OutputMode;
import dev.fp.contract.PackManifest;
import dev.fp.oraclestore.LocalRoot;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The strict checker's verdicts and reason codes. */
class CheckJobTest {
  private final CheckJob check = new CheckJob();
  private final List<String> outputs = OutputMode.FRAUD.requiredOutputs();

  @Test
  void shouldPassASealedWorldAndDiscoverItsScenario() {
    LocalRoot engine = OracleFixtures.freshWorld();
    new PackJob(OracleFixtures.CLOCK).run(engine, engine, "baseline_v1", "r", PackManifest.SEALED_OK);
    CheckReport report = check.run(engine, engine, null, outputs, true);
    assertThat(report.status()).isEqualTo("OK");
    assertThat(report.reasonCodes()).isEmpty();
  }

  @Test
  void shouldFailAnUnsealedWorldWhenStrictAndWarnOtherwise() {
    LocalRoot engine = OracleFixtures.freshWorld();
    CheckReport strict = check.run(engine, engine, "baseline_v1", outputs, true);
    assertThat(strict.status()).isEqualTo("FAIL");
    assertThat(strict.reasonCodes()).contains("PACK_NOT_SEALED", "PACK_MANIFEST_MISSING");
    CheckReport lenient = check.run(engine, engine, "baseline_v1", outputs, false);
    assertThat(lenient.status()).isEqualTo("WARN");
    assertThat(lenient.passed()).isTrue();
  }

  @Test
  void shouldReportMissingGateFlagsUnknownOutputsAndAnUnreadableReceipt() throws Exception {
    LocalRoot engine = OracleFixtures.freshWorld();
    try (Stream<Path> s = Files.walk(Path.of(engine.uri(), "data/layer2/5B/validation"))) {
      for (Path p : s.filter(p -> p.endsWith("_passed.flag")).toList()) {
        Files.delete(p);
      }
    }
    CheckReport report = check.run(engine, engine, "baseline_v1", List.of("arrival_events_5B", "nope"), false);
    assertThat(report.reasonCodes()).contains("GATE_RECEIPT_MISSING", "OUTPUT_UNKNOWN");
    Files.delete(Path.of(engine.uri(), "run_receipt.json"));
    assertThat(check.run(engine, engine, "baseline_v1", outputs, false).reasonCodes())
        .containsExactly("RUN_RECEIPT_UNREADABLE");
  }
}
