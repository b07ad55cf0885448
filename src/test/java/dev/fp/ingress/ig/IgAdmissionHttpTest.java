package dev.fp.ingress.ig;

import dev.fp.ingress.ig.core.IgSamples;
import dev.fp.platform.ingest.IgAdmissionClient;
import dev.fp.substrate.eventlog.LogRecord;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** IG over real HTTP on the embedded substrate: admission, dedupe, evidence and lookup. */
class IgAdmissionHttpTest {
  @TempDir
  static Path dir;
  static IgHarness ig;

  @BeforeAll
  static void start() throws Exception {
    ig = IgHarness.start(dir, Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    ig.close();
  }

  static String id() {
    return UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
  }

  static List<Map<String, Object>> stream(int n) {
    List<Map<String, Object>> events = new ArrayList<>();
    long flow = (long) (Math.random() * 1e12);
    for (int i = 0; i < n; i++) {
      events.add(IgSamples.traffic(id(), flow + i / 2, i % 2));
    }
    return events;
  }

  @Test
  void shouldAdmitAPushWithAReceiptAndPublishIt() throws Exception {
    Map<String, Object> e = IgSamples.traffic(id(), 7, 0);
    int before = ig.records("fp.bus.traffic.fraud.v1").size();
    JsonObject r = ig.push(IgHarness.WSP_KEY, e);
    assertThat(r.getInteger("_status")).isEqualTo(200);
    assertThat(r.getString("decision")).isEqualTo("ADMIT");
    JsonObject receipt = r.getJsonObject("receipt");
    assertThat(receipt.getJsonObject("eb_ref").getString("topic")).isEqualTo("fp.bus.traffic.fraud.v1");
    assertThat(receipt.getJsonObject("eb_ref").getString("offset_kind")).isEqualTo("file_line");
    assertThat(receipt.getString("run_config_digest")).matches("[0-9a-f]{64}");
    assertThat(receipt.getJsonObject("actor").getString("principal")).isEqualTo("SYSTEM::world_stream_producer");
    assertThat(r.getString("receipt_ref")).contains(IgHarness.RUN + "/ig/receipts/segments/part-").contains("#L");
    List<LogRecord> after = ig.records("fp.bus.traffic.fraud.v1");
    assertThat(after).hasSize(before + 1);
    LogRecord published = after.get(after.size() - 1);
    assertThat(new JsonObject(published.data()).getString("event_id")).isEqualTo(e.get("event_id"));
    assertThat(published.offset()).isEqualTo(receipt.getJsonObject("eb_ref").getString("offset"));
  }

  @Test
  void shouldAnswerDuplicateForEveryResentEventWithTheOriginalEbRefAndPublishNothing() throws Exception {
    List<Map<String, Object>> events = stream(40);
    List<JsonObject> first = ig.batch(IgHarness.WSP_KEY, events);
    assertThat(first).allSatisfy(r -> assertThat(r.getString("decision")).isEqualTo("ADMIT"));
    int published = ig.records("fp.bus.traffic.fraud.v1").size();
    int calls = ig.log.publishCalls();

    List<JsonObject> again = ig.batch(IgHarness.WSP_KEY, events);
    List<JsonObject> thrice = ig.batch(IgHarness.WSP_KEY, events);
    JsonObject single = ig.push(IgHarness.WSP_KEY, events.get(3));

    assertThat(ig.records("fp.bus.traffic.fraud.v1")).hasSize(published);
    assertThat(ig.log.publishCalls()).isEqualTo(calls);
    for (int i = 0; i < events.size(); i++) {
      assertThat(again.get(i).getString("decision")).isEqualTo("DUPLICATE");
      assertThat(again.get(i).getJsonArray("reason_codes").getList()).containsExactly("DUPLICATE");
      assertThat(again.get(i).getJsonObject("eb_ref")).isEqualTo(first.get(i).getJsonObject("eb_ref"));
      assertThat(thrice.get(i).getString("receipt_ref")).as("idempotent receipt")
          .isEqualTo(again.get(i).getString("receipt_ref"));
    }
    var evidence = ig.evidence(dev.fp.platform.evidence.EvidenceLayout.SEGMENT);
    Map<String, Object> original = IgHarness.await(evidence.read(IgHarness.RUN + "/ig/receipts",
        first.get(5).getString("receipt_id"))).orElseThrow();
    Map<String, Object> duplicate = IgHarness.await(evidence.read(IgHarness.RUN + "/ig/receipts",
        again.get(5).getString("receipt_id"))).orElseThrow();
    assertThat(duplicate.get("admitted_at_utc")).isEqualTo(original.get("admitted_at_utc"));
    assertThat(duplicate.get("eb_ref")).isEqualTo(original.get("eb_ref"));
    assertThat(duplicate.get("evidence_refs"))
        .isEqualTo(List.of(Map.of("kind", "receipt_ref", "ref", first.get(5).getString("receipt_ref"))));
    assertThat(single.getString("decision")).isEqualTo("DUPLICATE");
    assertThat(single.getString("receipt_ref")).isEqualTo(again.get(3).getString("receipt_ref"));
  }

  @Test
  void shouldQuarantineTheSameIdentityWithAnotherPayload() throws Exception {
    Map<String, Object> e = IgSamples.traffic(id(), 11, 0);
    assertThat(ig.push(IgHarness.WSP_KEY, e).getString("decision")).isEqualTo("ADMIT");
    @SuppressWarnings("unchecked") Map<String, Object> payload = (Map<String, Object>) e.get("payload");
    payload.put("amount", 99.0);
    JsonObject r = ig.push(IgHarness.WSP_KEY, e);
    assertThat(r.getInteger("_status")).isEqualTo(200);
    assertThat(r.getString("decision")).isEqualTo("QUARANTINE");
    assertThat(r.getJsonObject("receipt").getJsonArray("reason_codes").getString(0)).isEqualTo("PAYLOAD_HASH_MISMATCH");
  }

  @Test
  void shouldQuarantineEachBadEnvelopeWithEvidenceAndAnswer200() throws Exception {
    Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
    cases.put("ENVELOPE_INVALID", with(IgSamples.traffic(id(), 1, 0), "ts_utc", "2026-01-01T00:00:01.123Z"));
    cases.put("ENVELOPE_INVALID ", with(IgSamples.traffic(id(), 1, 0), "ts_utc", "2026-01-01T00:00:01.000000+00:00"));
    cases.put("ENVELOPE_INVALID  ", with(IgSamples.traffic(id(), 1, 0), "ts_utc", "2026-01-01T00:00:01.000000"));
    Map<String, Object> noPins = IgSamples.traffic(id(), 1, 0);
    noPins.remove("run_id");
    noPins.remove("seed");
    cases.put("PINS_MISSING", noPins);
    cases.put("SCHEMA_POLICY_MISSING", with(IgSamples.traffic(id(), 1, 0), "event_type", "brand_new_type"));
    cases.put("SCHEMA_FAIL", with(IgSamples.traffic(id(), 1, 0), "payload", Map.of("flow_id", "x")));
    for (Map.Entry<String, Map<String, Object>> c : cases.entrySet()) {
      JsonObject r = ig.push(IgHarness.PLAIN_KEY, c.getValue());
      assertThat(r.getInteger("_status")).as(c.getKey()).isEqualTo(200);
      assertThat(r.getString("decision")).isEqualTo("QUARANTINE");
      JsonObject receipt = r.getJsonObject("receipt");
      assertThat(receipt.getJsonArray("reason_codes").getString(0)).isEqualTo(c.getKey().strip());
      String qref = receipt.getJsonArray("evidence_refs").getJsonObject(0).getString("ref");
      assertThat(qref).contains("/ig/quarantine/segments/");
      JsonObject found = new JsonObject(ig.get(IgRoutes.LOOKUP + "?event_id=" + c.getValue().get("event_id"),
          IgHarness.OPERATOR_KEY).body());
      assertThat(found.getJsonArray("quarantines")).hasSize(1);
      assertThat(found.getJsonArray("quarantines").getJsonObject(0).getString("reason_code"))
          .isEqualTo(c.getKey().strip());
    }
    JsonObject pins = ig.push(IgHarness.PLAIN_KEY, noPins);
    assertThat(pins.getString("decision")).isEqualTo("QUARANTINE");
    JsonObject lookup = new JsonObject(ig.get(IgRoutes.LOOKUP + "?event_id=" + noPins.get("event_id"),
        IgHarness.OPERATOR_KEY).body());
    assertThat(lookup.getJsonArray("quarantines").getJsonObject(0).getString("reason_detail")).isEqualTo("seed,run_id");
  }

  @Test
  void shouldStripThePayloadFromQuarantineRecords() throws Exception {
    Map<String, Object> e = with(IgSamples.traffic(id(), 1, 0), "ts_utc", "yesterday");
    ig.push(IgHarness.WSP_KEY, e);
    String quarantineId = dev.fp.contract.Ids.quarantineId((String) e.get("event_id"));
    var record = IgHarness.await(ig.evidence(dev.fp.platform.evidence.EvidenceLayout.SEGMENT).read(IgHarness.RUN + "/ig/quarantine", quarantineId));
    assertThat(record).isPresent();
    @SuppressWarnings("unchecked") Map<String, Object> env = (Map<String, Object>) record.get().get("envelope");
    assertThat(env).doesNotContainKey("payload").containsEntry("ts_utc", "yesterday");
    assertThat(record.get().get("reason_codes")).isEqualTo(List.of("ENVELOPE_INVALID"));
  }

  @Test
  void shouldAnswerEachBatchItemInOrder() throws Exception {
    List<Map<String, Object>> events = stream(3);
    List<Object> items = new ArrayList<>(events);
    items.add(1, with(IgSamples.traffic(id(), 1, 0), "ts_utc", "bad"));
    items.add(2, "not an envelope");
    items.add(3, IgSamples.decision(id()));
    HttpResponse<String> r = ig.post(IgRoutes.BATCH, IgHarness.WSP_KEY, io.vertx.core.json.Json.encode(items));
    assertThat(r.statusCode()).isEqualTo(200);
    var results = new JsonObject(r.body()).getJsonArray("results");
    assertThat(results).hasSize(6);
    assertThat(results.getJsonObject(0).getString("decision")).isEqualTo("ADMIT");
    assertThat(results.getJsonObject(1).getString("decision")).isEqualTo("QUARANTINE");
    assertThat(results.getJsonObject(2).getInteger("status")).isEqualTo(400);
    assertThat(results.getJsonObject(2).getString("error")).isEqualTo("NOT_AN_OBJECT");
    assertThat(results.getJsonObject(3).getInteger("status")).isEqualTo(403);
    assertThat(results.getJsonObject(3).getString("error")).isEqualTo("FORBIDDEN");
    assertThat(results.getJsonObject(4).getString("decision")).isEqualTo("ADMIT");
    assertThat(results.getJsonObject(5).getString("decision")).isEqualTo("ADMIT");
  }

  @Test
  void shouldLookUpAnAdmissionByEventIdDedupeKeyAndReceiptId() throws Exception {
    Map<String, Object> e = IgSamples.traffic(id(), 5, 1);
    JsonObject r = ig.push(IgHarness.WSP_KEY, e);
    String eventId = (String) e.get("event_id");
    JsonObject byEvent = new JsonObject(ig.get(IgRoutes.LOOKUP + "?event_id=" + eventId + "&event_class=traffic_fraud",
        IgHarness.WSP_KEY).body());
    assertThat(byEvent.getJsonObject("admission").getString("state")).isEqualTo("ADMITTED");
    assertThat(byEvent.getJsonObject("admission").getString("receipt_ref")).isEqualTo(r.getString("receipt_ref"));
    assertThat(byEvent.getJsonObject("admission").getString("receipt_id"))
        .isEqualTo(r.getJsonObject("receipt").getString("receipt_id"));
    String key = r.getJsonObject("receipt").getString("dedupe_key");
    JsonObject byKey = new JsonObject(ig.get(IgRoutes.LOOKUP + "?dedupe_key=" + key, IgHarness.WSP_KEY).body());
    assertThat(byKey.getJsonObject("admission").getString("event_id")).isEqualTo(eventId);
    String receiptId = r.getJsonObject("receipt").getString("receipt_id");
    JsonObject byReceipt = new JsonObject(ig.get(IgRoutes.LOOKUP + "?receipt_id=" + receiptId, IgHarness.WSP_KEY).body());
    assertThat(byReceipt.getJsonObject("receipt")).isEqualTo(r.getJsonObject("receipt"));
    ig.push(IgHarness.WSP_KEY, e);
    String dupId = dev.fp.ingress.ig.core.Receipts.receiptId("DUPLICATE", eventId);
    JsonObject byDup = new JsonObject(ig.get(IgRoutes.LOOKUP + "?receipt_id=" + dupId, IgHarness.WSP_KEY).body());
    assertThat(byDup.getJsonArray("receipts").getJsonObject(0).getString("decision")).isEqualTo("DUPLICATE");
    HttpResponse<String> none = ig.get(IgRoutes.LOOKUP, IgHarness.WSP_KEY);
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(none.body()).getString("error")).isEqualTo("MISSING_QUERY");
  }

  @Test
  void shouldServeHealthAndMetricsWithAKey() throws Exception {
    HttpResponse<String> h = ig.get(IgRoutes.HEALTH, IgHarness.WSP_KEY);
    assertThat(h.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(h.body()).getString("state")).isIn("GREEN", "AMBER");
    ig.push(IgHarness.WSP_KEY, IgSamples.traffic(id(), 3, 0));
    String metrics = ig.get("/metrics", null).body();
    assertThat(metrics).contains("fp_ig_decisions_total{").contains("fp_ig_admission_seconds")
        .contains("fp_ig_admission_queue_events");
  }

  @Test
  void shouldAdmitThroughTheInProcessServiceWithTheSameRules() throws Exception {
    IgAdmissionClient df = new IgAdmissionClient(ig.runtime.vertx(), "SYSTEM::decision_fabric");
    JsonObject ok = IgHarness.await(df.admit(IgSamples.decision(id())));
    assertThat(ok.getInteger("status")).isEqualTo(200);
    assertThat(ok.getString("decision")).isEqualTo("ADMIT");
    assertThat(ok.getJsonObject("receipt").getJsonObject("eb_ref").getString("topic")).isEqualTo("fp.bus.rtdl.v1");
    assertThat(ok.getJsonObject("receipt").getJsonObject("actor").getString("auth_mode")).isEqualTo("in_process");
    JsonObject forbidden = IgHarness.await(df.admit(IgSamples.traffic(id(), 1, 0)));
    assertThat(forbidden.getInteger("status")).isEqualTo(403);
    JsonObject unknown = IgHarness.await(new IgAdmissionClient(ig.runtime.vertx(), "SYSTEM::nobody")
        .admit(IgSamples.decision(id())));
    assertThat(unknown.getInteger("status")).isEqualTo(401);
    JsonObject batch = IgHarness.await(df.admitBatch(List.of(IgSamples.decision(id()), IgSamples.decision(id()))));
    assertThat(batch.getJsonArray("results")).hasSize(2);
  }

  @Test
  void shouldWriteHealthArtifactsForTheActiveRun() throws Exception {
    Path health = dir.resolve("runs/fraud-platform/" + IgHarness.RUN + "/ingestion_gate/health/last_health.json");
    long deadline = System.currentTimeMillis() + 20_000;
    while (!Files.exists(health) && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertThat(health).exists();
    JsonObject h = new JsonObject(Files.readString(health));
    assertThat(h.getString("platform_run_id")).isEqualTo(IgHarness.RUN);
    assertThat(h.getString("health_state")).isIn("GREEN", "AMBER");
  }

  static Map<String, Object> with(Map<String, Object> e, String field, Object value) {
    e.put(field, value);
    return e;
  }

  @Test
  void shouldRecordEachQuarantineOnceAndThePolicyActivationInTheGovernanceLog() throws Exception {
    ig.assertGovernanceOfAQuarantineSentTwice();
  }
}
