package dev.fp.contract;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StreamViewDocsTest {

  @Test
  void shouldComputeTheReferenceStreamViewId() {
    // control_ingress §9 test vector
    assertThat(StreamViewDocs.streamViewId("s3://oracle-store/local_full_run-5/c25a2675fbfbacd952b13bb594880e92",
        "baseline_v1", "s3_event_stream_with_fraud_6B"))
        .isEqualTo("b190f62b212942b06cccbc1f3120c38ebc94eabc78a926dbe4c89f13006bcc89");
  }

  @Test
  void shouldDigestSourceLocatorsInSortedOrder() {
    assertThat(StreamViewDocs.sourceLocatorDigest(List.of("b", "a")))
        .isEqualTo(dev.fp.contract.Hashing.sha256Hex("a\nb"));
  }

  @Test
  void shouldNameEveryFieldAReceiptDisagreesOn() {
    StreamViewDocs.ViewId id = new StreamViewDocs.ViewId("v", "root", "view", "out", "digest");
    Map<String, Object> stored = Map.of("status", "FAILED", "source_locator_digest", "other", "output_id", "out",
        "stream_view_id", "v", "partition_granularity", "flat");
    assertThat(StreamViewDocs.receiptProblems(id, stored)).hasSize(2)
        .anyMatch(p -> p.startsWith("status=")).anyMatch(p -> p.startsWith("source_locator_digest"));
  }
}
