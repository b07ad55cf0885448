package dev.fp.ingress.ig;

import dev.fp.testing.TestPostgres;
import dev.fp.ingress.ig.core.IgSamples;
import dev.fp.ingress.ig.core.Receipts;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IG on the parity substrate: S3 (FP_TEST_S3_ENDPOINT, S3Mock), Kinesis (FP_TEST_KINESALITE_ENDPOINT, kinesalite)
 * and PostgreSQL (FP_TEST_PG_HOST/PORT, a fresh schema), with the default evidence layout (segments, as on embedded;
 * ARCHITECTURE §6).
 */
@Tag("parity")
class IgParityTest {
  static final String SCHEMA = TestPostgres.freshSchema("t_igp_");
  @TempDir
  static Path dir;
  static IgHarness ig;

  static String env(String name, String dflt) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) {
      if (dflt == null) {
        throw new IllegalStateException(name + " is not set (scripts/harness/*.sh start prints it)");
      }
      return dflt;
    }
    return v;
  }

  /** The harness's {@code substrate:} section for S3Mock, kinesalite and PostgreSQL schema {@code schema}. */
  static String substrate(String schema) {
    return "  objectstore:\n    kind: s3\n    s3:\n      endpoint: " + env("FP_TEST_S3_ENDPOINT", null) + "\n"
        + "  eventlog:\n    kind: kinesis\n    kinesis:\n      endpoint: " + env("FP_TEST_KINESALITE_ENDPOINT", null) + "\n"
        + "  sql:\n    kind: postgres\n    postgres:\n      host: " + TestPostgres.host() + "\n"
        + "      port: " + TestPostgres.port() + "\n      database: postgres\n      user: postgres\n"
        + "      schema: " + schema + "\n";
  }

  @BeforeAll
  static void start() throws Exception {
    ig = IgHarness.start(dir, Map.of(), substrate(SCHEMA));
  }

  @AfterAll
  static void stop() throws Exception {
    ig.close();
    TestPostgres.dropSchema(SCHEMA);
  }

  @Test
  void shouldAdmitWithKinesisOffsetsAndAnswerDuplicateOnResend() throws Exception {
    List<Map<String, Object>> events = IgAdmissionHttpTest.stream(10);
    List<JsonObject> first = ig.batch(IgHarness.WSP_KEY, events);
    assertThat(first).allSatisfy(r -> {
      assertThat(r.getString("decision")).isEqualTo("ADMIT");
      assertThat(r.getJsonObject("eb_ref").getString("offset_kind")).isEqualTo("kinesis_sequence");
    });
    int records = ig.records("fp.bus.traffic.fraud.v1").size();
    List<JsonObject> again = ig.batch(IgHarness.WSP_KEY, events);
    assertThat(again).allSatisfy(r -> assertThat(r.getString("decision")).isEqualTo("DUPLICATE"));
    for (int i = 0; i < events.size(); i++) {
      assertThat(again.get(i).getJsonObject("eb_ref")).isEqualTo(first.get(i).getJsonObject("eb_ref"));
    }
    assertThat(ig.records("fp.bus.traffic.fraud.v1")).hasSize(records);
  }

  @Test
  void shouldWriteReceiptsIntoS3SegmentsByDefault() throws Exception {
    Map<String, Object> e = IgSamples.traffic(IgAdmissionHttpTest.id(), 3, 0);
    JsonObject r = ig.push(IgHarness.WSP_KEY, e);
    String receiptId = Receipts.receiptId("ADMIT", (String) e.get("event_id"));
    assertThat(r.getString("receipt_ref"))
        .matches("s3://fraud-platform/" + IgHarness.RUN + "/ig/receipts/segments/part-[0-9]{6}\\.jsonl#L[0-9]+");
    var stored = IgHarness.await(ig.evidence(dev.fp.platform.evidence.EvidenceLayout.SEGMENT)
        .read(IgHarness.RUN + "/ig/receipts", receiptId));
    assertThat(stored).isPresent();
    assertThat(stored.get().get("decision")).isEqualTo("ADMIT");
  }

  @Test
  void shouldQuarantineAndLookUpOnPostgres() throws Exception {
    Map<String, Object> e = IgSamples.traffic(IgAdmissionHttpTest.id(), 3, 0);
    e.remove("seed");
    assertThat(ig.push(IgHarness.WSP_KEY, e).getString("decision")).isEqualTo("QUARANTINE");
    JsonObject found = new JsonObject(ig.get(IgRoutes.LOOKUP + "?event_id=" + e.get("event_id"),
        IgHarness.WSP_KEY).body());
    assertThat(found.getJsonArray("quarantines").getJsonObject(0).getString("reason_detail")).isEqualTo("seed");
  }

  @Test
  void shouldRecordEachQuarantineOnceAndThePolicyActivationInTheGovernanceLog() throws Exception {
    ig.assertGovernanceOfAQuarantineSentTwice();
  }
}
