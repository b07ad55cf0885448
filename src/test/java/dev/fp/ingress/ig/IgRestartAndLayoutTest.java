package dev.fp.ingress.ig;

import dev.fp.ingress.ig.core.IgSamples;
import dev.fp.ingress.ig.core.Receipts;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Durable dedupe across an IG restart, the final health export on stop, and the object evidence layout. */
class IgRestartAndLayoutTest {
  @TempDir
  Path dir;

  @Test
  void shouldRememberAdmissionsAcrossARestartAndExportHealthOnStop() throws Exception {
    try (IgHarness ig = IgHarness.start(dir, Map.of("health_export_interval_ms", 600_000))) {
      List<Map<String, Object>> events = IgAdmissionHttpTest.stream(6);
      List<JsonObject> first = ig.batch(IgHarness.WSP_KEY, events);
      ig.restartIg();
      Path health = dir.resolve("runs/fraud-platform/" + IgHarness.RUN + "/ingestion_gate/health/last_health.json");
      assertThat(health).exists();
      assertThat(dir.resolve("runs/fraud-platform/" + IgHarness.RUN + "/ingestion_gate/metrics/last_metrics.json"))
          .exists();
      assertThat(new JsonObject(Files.readString(health)).getJsonObject("metrics").getLong("decision.ADMIT"))
          .isEqualTo(6L);
      List<JsonObject> again = ig.batch(IgHarness.WSP_KEY, events);
      for (int i = 0; i < events.size(); i++) {
        assertThat(again.get(i).getString("decision")).isEqualTo("DUPLICATE");
        assertThat(again.get(i).getJsonObject("eb_ref")).isEqualTo(first.get(i).getJsonObject("eb_ref"));
      }
      JsonObject fresh = ig.push(IgHarness.WSP_KEY, IgSamples.traffic(IgAdmissionHttpTest.id(), 9, 0));
      assertThat(fresh.getString("receipt_ref")).doesNotContain("part-000001.jsonl");
    }
  }

  @Test
  void shouldWriteOneObjectPerReceiptAtTheReferencePathInTheObjectLayout() throws Exception {
    try (IgHarness ig = IgHarness.start(dir, Map.of("evidence_layout", "object"))) {
      Map<String, Object> e = IgSamples.traffic(IgAdmissionHttpTest.id(), 4, 0);
      JsonObject r = ig.push(IgHarness.WSP_KEY, e);
      String receiptId = Receipts.receiptId("ADMIT", (String) e.get("event_id"));
      Path object = ig.objects().resolve(IgHarness.RUN + "/ig/receipts/" + receiptId + ".json");
      assertThat(r.getString("receipt_ref")).isEqualTo(object.toString());
      assertThat(new JsonObject(Files.readString(object)).getString("receipt_id")).isEqualTo(receiptId);
      e.put("ts_utc", "bad");
      JsonObject q = ig.push(IgHarness.WSP_KEY, e);
      assertThat(q.getString("decision")).isEqualTo("QUARANTINE");
      String quarantineId = dev.fp.contract.Ids.quarantineId((String) e.get("event_id"));
      assertThat(ig.objects().resolve(IgHarness.RUN + "/ig/quarantine/" + quarantineId + ".json")).exists();
    }
  }
}
