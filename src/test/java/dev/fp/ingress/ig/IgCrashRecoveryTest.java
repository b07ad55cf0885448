package dev.fp.ingress.ig;

import dev.fp.contract.Ids;
import dev.fp.ingress.ig.core.IgSamples;
import dev.fp.ingress.ig.core.Receipts;
import dev.fp.ingress.ig.store.RunCountersStore;
import dev.fp.platform.evidence.EvidenceLayout;
import dev.fp.substrate.eventlog.LogRecord;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real crash between publish and settle: a child JVM ({@link IgCrashChild}) halts inside the publish, leaving its
 * admission PUBLISH_IN_FLIGHT; IG started again on the same folder reconciles the row against the log before intake
 * opens — present: ADMITTED with that eb_ref and one ADMIT receipt; absent: released, and the producer's retry is
 * admitted once.
 */
class IgCrashRecoveryTest {
  static final String TOPIC = "fp.bus.traffic.fraud.v1";
  @TempDir
  Path dir;

  @Test
  void aRecordPublishedBeforeTheCrashIsAdmittedAtStartWithItsEbRefAndOneReceipt() throws Exception {
    String eventId = IgAdmissionHttpTest.id();
    crash(FaultyEventLog.Fault.APPLY_THEN_HALT, eventId);
    try (IgHarness ig = IgHarness.start(dir, Map.of())) {
      List<LogRecord> copies = copies(ig, eventId);
      assertThat(copies).as("published once, before the crash").hasSize(1);
      JsonObject row = admission(ig, eventId);
      assertThat(row.getString("state")).isEqualTo("ADMITTED");
      assertThat(row.getString("state_reason")).isEqualTo(InFlightRecovery.FOUND);
      assertThat(row.getJsonObject("eb_ref").getString("offset")).isEqualTo(copies.get(0).offset());
      assertThat(row.getJsonObject("eb_ref").getInteger("partition")).isEqualTo(copies.get(0).partition());
      String receiptId = Receipts.receiptId(Receipts.ADMIT, eventId);
      assertThat(row.getString("receipt_id")).isEqualTo(receiptId);
      assertThat(IgHarness.await(ig.evidence(EvidenceLayout.SEGMENT).read(IgHarness.RUN + "/ig/receipts", receiptId)))
          .isPresent();
      Map<String, Long> counters = IgHarness.await(new RunCountersStore(ig.state()).read(IgHarness.RUN));
      assertThat(counters).containsEntry("decision.ADMIT", 1L).containsEntry("recovered_admitted", 1L);

      JsonObject retry = ig.push(IgHarness.WSP_KEY, IgSamples.traffic(eventId, 7, 0));
      assertThat(retry.getString("decision")).isEqualTo("DUPLICATE");
      assertThat(copies(ig, eventId)).hasSize(1);
    }
  }

  @Test
  void aRecordNotPublishedBeforeTheCrashIsReleasedAndTheRetryIsAdmittedOnce() throws Exception {
    String eventId = IgAdmissionHttpTest.id();
    crash(FaultyEventLog.Fault.HALT_BEFORE_APPLY, eventId);
    try (IgHarness ig = IgHarness.start(dir, Map.of())) {
      assertThat(copies(ig, eventId)).isEmpty();
      JsonObject row = admission(ig, eventId);
      assertThat(row.getString("state")).isEqualTo("PUBLISH_RELEASED");
      assertThat(row.getString("state_reason")).isEqualTo(InFlightRecovery.RELEASED);

      JsonObject retry = ig.push(IgHarness.WSP_KEY, IgSamples.traffic(eventId, 7, 0));
      assertThat(retry.getString("decision")).isEqualTo("ADMIT");
      JsonObject again = ig.push(IgHarness.WSP_KEY, IgSamples.traffic(eventId, 7, 0));
      assertThat(again.getString("decision")).isEqualTo("DUPLICATE");
      assertThat(copies(ig, eventId)).hasSize(1);
      assertThat(admission(ig, eventId).getString("state")).isEqualTo("ADMITTED");
    }
  }

  private void crash(FaultyEventLog.Fault fault, String eventId) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), IgCrashChild.class.getName(), dir.toString(), fault.name(), eventId)
        .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child ends").isTrue();
    assertThat(child.exitValue()).as("halted inside the publish (see child.log)").isEqualTo(137);
  }

  private static List<LogRecord> copies(IgHarness ig, String eventId) throws Exception {
    return ig.records(TOPIC).stream().filter(r -> r.data().contains(eventId)).toList();
  }

  private static JsonObject admission(IgHarness ig, String eventId) throws Exception {
    String key = Ids.dedupeKey(IgHarness.RUN, "traffic_fraud", eventId);
    return new JsonObject(ig.get(IgRoutes.LOOKUP + "?dedupe_key=" + key, IgHarness.OPERATOR_KEY).body())
        .getJsonObject("admission");
  }
}
