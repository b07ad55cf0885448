package dev.fp.obsgov.evidence.core;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EvidenceRefCorridorTest {
  static final String RUN = "platform_20260101T000000Z";
  static final String REPORTER = "SYSTEM::platform_run_reporter";
  static final Path ROOT = Path.of("/tmp/fp/runs/fraud-platform");
  final EvidenceRefCorridor corridor = new EvidenceRefCorridor(Set.copyOf(EvidenceRefCorridor.DEFAULT_ALLOWLIST),
      "fraud-platform", "/tmp/fp/runs/objects/fraud-platform/", ROOT);

  private EvidenceRefCorridor.Screened screen(String actor, String type, String ref) {
    return corridor.screen(new EvidenceRefCorridor.Request(actor, "platform_run_report", type, ref, RUN));
  }

  private static String reason(EvidenceRefCorridor.Screened s) {
    return s instanceof EvidenceRefCorridor.Denied d ? d.reasonCode() : "not denied: " + s;
  }

  @Test
  void shouldDenyAnActorOffTheAllowlistFirst() {
    assertThat(reason(screen("HUMAN::mallory", "bogus_ref", ""))).isEqualTo("REF_ACCESS_DENIED");
    assertThat(reason(screen(null, "receipt_ref", "s3://fraud-platform/" + RUN + "/x"))).isEqualTo("REF_ACCESS_DENIED");
  }

  @Test
  void shouldDenyARefTypeOutsideTheFiveAfterTheActor() {
    assertThat(reason(screen(REPORTER, "bogus_ref", ""))).isEqualTo("REF_TYPE_NOT_ALLOWED");
    assertThat(screen(REPORTER, "RECEIPT_REF", "s3://fraud-platform/" + RUN + "/ig/receipts/r.json"))
        .as("ref types compare lower-cased").isInstanceOf(EvidenceRefCorridor.InStore.class);
  }

  @Test
  void shouldDenyAnEmptyRefOrAUrlAsInvalid() {
    assertThat(reason(screen(REPORTER, "receipt_ref", " "))).isEqualTo("REF_INVALID");
    assertThat(reason(screen(REPORTER, "receipt_ref", "https://example.test/" + RUN + "/r.json")))
        .isEqualTo("REF_INVALID");
    assertThat(reason(screen(REPORTER, "receipt_ref", "HTTP://example.test/" + RUN))).isEqualTo("REF_INVALID");
    assertThat(reason(screen(REPORTER, "receipt_ref", "s3://fraud-platform/" + RUN + "/../other/r.json")))
        .isEqualTo("REF_INVALID");
  }

  @Test
  void shouldDenyARefOfAnotherRunAsAScopeMismatch() {
    assertThat(reason(screen(REPORTER, "receipt_ref", "s3://fraud-platform/platform_20250101T000000Z/r.json")))
        .isEqualTo("REF_SCOPE_MISMATCH");
    assertThat(reason(screen(REPORTER, "receipt_ref", "s3://fraud-platform/" + RUN + "_x/r.json")))
        .as("the run must be a whole path segment").isEqualTo("REF_SCOPE_MISMATCH");
  }

  @Test
  void shouldDenyARefOutsideTheBucketAndTheLocalRunsAsNotFound() {
    assertThat(reason(screen(REPORTER, "receipt_ref", "s3://other-bucket/" + RUN + "/r.json")))
        .isEqualTo("REF_NOT_FOUND");
    assertThat(reason(screen(REPORTER, "reconciliation_ref", "/etc/" + RUN + "/passwd"))).isEqualTo("REF_NOT_FOUND");
    assertThat(reason(screen(REPORTER, "reconciliation_ref", ROOT + "/" + RUN + "/../../../" + RUN + "/x.json")))
        .as("a local path climbing out of the runs folder").isEqualTo("REF_NOT_FOUND");
  }

  @Test
  void shouldLocateEveryAcceptedFormAsAnObjectKeyOrALocalFile() {
    String key = RUN + "/ig/receipts/segments/part-000001.jsonl";
    for (String ref : new String[] {"s3://fraud-platform/" + key, "/tmp/fp/runs/objects/fraud-platform/" + key,
        "fraud-platform/" + key, key}) {
      assertThat(screen(REPORTER, "receipt_ref", ref)).as(ref).isEqualTo(new EvidenceRefCorridor.InStore(key));
    }
    assertThat(screen(REPORTER, "receipt_ref", "s3://fraud-platform/" + key + "#L12"))
        .as("a segment line is located as its segment").isEqualTo(new EvidenceRefCorridor.InStore(key));
    String local = ROOT + "/" + RUN + "/ingestion_gate/reconciliation/reconciliation.json";
    assertThat(screen("svc:platform_run_reporter", "reconciliation_ref", local))
        .isEqualTo(new EvidenceRefCorridor.LocalFile(Path.of(local)));
  }
}
