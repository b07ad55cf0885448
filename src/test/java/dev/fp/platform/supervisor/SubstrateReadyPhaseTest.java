package dev.fp.platform.supervisor;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15 item 8: P0 logged "bootstrap succeeded" even when not every substrate check passed. */
class SubstrateReadyPhaseTest {
  final Path evidence = Path.of("runs/fraud-platform/operate/substrate/bootstrap_status.json");

  @Test
  void shouldLogSuccessOnlyWhenEveryCheckPasses() {
    GateCheck bucket = GateCheck.pass("bucket_exists:oracle-store", "object store", "present");
    GateCheck topic = GateCheck.fail("topic_exists:fp.bus.audit.v1", "event log", "present", "missing", "fp up");

    assertThat(SubstrateReadyPhase.outcome(List.of(bucket), evidence))
        .isEqualTo("substrate bootstrap succeeded (" + evidence + ")");
    assertThat(SubstrateReadyPhase.outcome(List.of(bucket, topic), evidence))
        .isEqualTo("substrate bootstrap incomplete: 1 of 2 checks fail (" + evidence + ")")
        .doesNotContain("succeeded");
  }
}
