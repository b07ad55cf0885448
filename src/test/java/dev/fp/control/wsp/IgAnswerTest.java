package dev.fp.control.wsp;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IgAnswerTest {
  @Test
  void shouldReadPerItemDecisionsFromAnArrayOrAResultsObject() {
    IgAnswer array = IgAnswer.http(200, "[{\"decision\":\"ADMIT\"},{\"decision\":\"DUPLICATE\"}]", null, 2);
    IgAnswer results = IgAnswer.http(200, "{\"results\":[{\"status\":200,\"decision\":\"QUARANTINE\"},"
        + "{\"status\":409,\"error\":\"PUBLISH_IN_FLIGHT_RETRY\",\"retry_after_seconds\":1}]}", "1", 2);

    assertThat(array.decisions()).containsExactly("ADMIT", "DUPLICATE");
    assertThat(array.decidedPrefix()).isEqualTo(2);
    assertThat(results.decisions()).isEqualTo(Arrays.asList("QUARANTINE", null));
    assertThat(results.itemStatus()).containsExactly(200, 409);
    assertThat(results.decidedPrefix()).isEqualTo(1);
    assertThat(results.retryAfterMs()).isEqualTo(1000);
  }

  @Test
  void shouldNotTrustABatchAnswerOfTheWrongLengthOrShape() {
    assertThat(IgAnswer.http(200, "[{\"decision\":\"ADMIT\"}]", null, 2).decisions()).isNull();
    assertThat(IgAnswer.http(200, "not json", null, 1).decisions()).isNull();
    assertThat(IgAnswer.http(200, "{\"decision\":\"ADMIT\"}", null, 1).decisions()).isEqualTo(List.of("ADMIT"));
  }

  @Test
  void shouldDescribeFailuresWithoutTheWholeBody() {
    IgAnswer big = IgAnswer.http(400, "x".repeat(1000), null, 1);

    assertThat(big.describe()).isEqualTo("status=400 body=" + "x".repeat(256));
    assertThat(IgAnswer.transport("ConnectException: refused").describe())
        .isEqualTo("transport error: ConnectException: refused");
    assertThat(IgAnswer.http(503, "", "abc", 1).retryAfterMs()).isZero();
  }
}
