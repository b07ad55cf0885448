package dev.fp.ingress.ig;

import dev.fp.contract.CanonicalJson;
import dev.fp.ingress.ig.core.IgSamples;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.LogEndOffsets;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.platform.supervisor.RunOptions;
import dev.fp.substrate.eventlog.OutRecord;
import dev.fp.ingress.ig.core.Receipts;
import dev.fp.ingress.ig.store.AdmissionDoc;
import dev.fp.platform.evidence.EvidenceLayout;
import dev.fp.platform.evidence.EvidenceWriter;
import io.vertx.core.json.JsonObject;
import dev.fp.ingress.ig.store.IgTables;
import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.WriteBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static dev.fp.ingress.ig.IgHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * P7's gate over a real IG on the embedded substrate: it reads every admission row in IG's StateStore (not the first
 * receipt line), checks
 * the log run-scoped (this run's records at their eb_refs, not "a record in partition 0") and records the log ends.
 */
class IngestCommittedPhaseTest {
  static final String TRAFFIC = "fp.bus.traffic.fraud.v1";
  @TempDir
  Path dir;
  IgHarness h;

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  private List<GateCheck> gate() throws Exception {
    RunContext run = new RunContext(h.runtime.vertx(), h.runtime.substrate(), new RunOptions(20, "fraud", null, 0),
        Clock.systemUTC(), IgHarness.RUN);
    return await(new IngestCommittedPhase().gate(run));
  }

  private static GateCheck check(List<GateCheck> checks, String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() ->
        new AssertionError("no check " + name + " in " + checks));
  }

  private void admitTraffic(int n) throws Exception {
    List<Map<String, Object>> envelopes = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      envelopes.add(IgSamples.traffic("evt-" + i, 1000 + i, 1));
    }
    assertThat(h.batch(IgHarness.WSP_KEY, envelopes)).allSatisfy(r -> assertThat(r.getString("decision"))
        .isEqualTo("ADMIT"));
  }

  @Test
  void shouldPassTheTrafficTopicWhenItsLastEbRefHoldsThisRunsEventAndRecordTheLogEnds() throws Exception {
    h = IgHarness.start(dir, Map.of());
    admitTraffic(3);

    List<GateCheck> checks = gate();

    assertThat(check(checks, "eb_has_run_records:" + TRAFFIC).pass()).as(checks.toString()).isTrue();
    assertThat(check(checks, "eb_has_run_records:" + TRAFFIC).actual())
        .isEqualTo("3 admitted in 1 partition(s), last ones present");
    assertThat(check(checks, "eb_has_run_records:fp.bus.context.arrival_events.v1").actual())
        .isEqualTo("no admission of this run to fp.bus.context.arrival_events.v1");
    assertThat(check(checks, "ig_receipt_eb_ref").pass()).isTrue();
    assertThat(check(checks, "log_end_offsets_recorded").actual()).isEqualTo(TRAFFIC + "/0=2");
    LogEndOffsets ends = LogEndOffsets.read(h.runtime.substrate().config().platformRoot(), IgHarness.RUN).orElseThrow();
    assertThat(ends.endOf(TRAFFIC, 0)).hasValue("2");
    assertThat(ends.partitions()).hasSize(9);
  }

  @Test
  void shouldFailTheTrafficTopicWhenTheLogHoldsOnlyAnotherRunsRecords() throws Exception {
    h = IgHarness.start(dir, Map.of());
    Map<String, Object> other = new java.util.LinkedHashMap<>(IgSamples.traffic("evt-x", 1, 1));
    other.put("platform_run_id", "platform_20200101T000000Z");
    await(h.runtime.substrate().eventLog().publish(TRAFFIC, List.of(new OutRecord("k", CanonicalJson.write(other)))));

    GateCheck traffic = check(gate(), "eb_has_run_records:" + TRAFFIC);

    assertThat(traffic.pass()).isFalse();
    assertThat(traffic.actual()).isEqualTo("no admission of this run to " + TRAFFIC);
  }

  @Test
  void shouldFailTheEbRefCheckWhenAnyAdmissionLacksItNotOnlyTheFirst() throws Exception {
    h = IgHarness.start(dir, Map.of());
    admitTraffic(4);
    var store = h.state();
    var rows = await(store.scan(IgTables.ADMISSIONS, KeyRange.prefix(IgTables.runPrefix(IgHarness.RUN)), 100));
    var row = rows.stream().filter(kv -> kv.value().eventId().equals("evt-3")).findFirst().orElseThrow();
    AdmissionDoc d = row.value();
    await(store.commit(new WriteBatch().put(IgTables.ADMISSIONS, row.key(), new AdmissionDoc(d.dedupeKey(), d.state(),
        d.platformRunId(), d.eventClass(), d.eventId(), d.eventType(), d.payloadHash(), d.ebTopic(), d.ebPartition(),
        null, d.ebOffsetKind(), d.ebPublishedAtUtc(), d.admittedAtUtc(), d.receiptId(), d.receiptRef(),
        d.receiptWriteFailed(), d.stateReason(), d.claimToken(), d.createdAtUtc(), d.updatedAtUtc()))));

    GateCheck refs = check(gate(), "ig_receipt_eb_ref");

    assertThat(refs.pass()).isFalse();
    assertThat(refs.actual()).isEqualTo("1 of 4 lack one");
  }

  /**
   * Issue 9 items 9–10: an event whose publish turned ambiguous has a QUARANTINE receipt before its ADMIT receipt, and
   * an ADMIT receipt of it was already durable when the reconciliation ran (a crash before settle): the reconciliation
   * adds no second ADMIT line, and P7 reads the admission rows, so the earlier QUARANTINE receipt does not block it.
   */
  @Test
  void shouldCloseWhenAnEventsQuarantineReceiptPrecedesItsAdmitAndKeepOneAdmitLine() throws Exception {
    h = IgHarness.start(dir, Map.of());
    admitTraffic(2);
    Map<String, Object> e = IgSamples.traffic("evt-amb", 2000, 1);
    h.log.next(FaultyEventLog.Fault.APPLY_THEN_FAIL, 1);
    JsonObject first = h.push(IgHarness.WSP_KEY, e);
    assertThat(first.getJsonObject("receipt").getJsonArray("reason_codes").getString(0)).isEqualTo("PUBLISH_AMBIGUOUS");
    String key = first.getJsonObject("receipt").getString("dedupe_key");
    String admitId = Receipts.receiptId(Receipts.ADMIT, "evt-amb");
    EvidenceWriter crashed = h.evidence(EvidenceLayout.SEGMENT);
    await(crashed.write(IgHarness.RUN + "/ig/receipts", admitId, Map.of("receipt_id", admitId, "decision", "ADMIT",
        "note", "durable before the crash")));
    await(crashed.close());
    assertThat(check(gate(), "no_publish_ambiguous").pass()).isFalse();

    var r = h.post(IgRoutes.RECONCILE, IgHarness.OPERATOR_KEY,
        new JsonObject().put("dedupe_key", key).put("action", IgReconciler.CHECK).encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<GateCheck> checks = gate();

    assertThat(check(checks, "ig_receipt_eb_ref").pass()).as(checks.toString()).isTrue();
    assertThat(check(checks, "ig_receipt_eb_ref").actual()).isEqualTo("0 of 3 lack one");
    assertThat(check(checks, "no_publish_ambiguous").pass()).isTrue();
    assertThat(check(checks, "eb_has_run_records:" + TRAFFIC).pass()).isTrue();
    List<String> lines = new java.util.ArrayList<>();
    try (var segments = java.nio.file.Files.list(h.objects().resolve(IgHarness.RUN + "/ig/receipts/segments"))) {
      for (Path seg : segments.toList()) {
        lines.addAll(java.nio.file.Files.readAllLines(seg));
      }
    }
    assertThat(lines.stream().filter(l -> l.contains(admitId))).as("one ADMIT line for the event").hasSize(1);
    assertThat(lines.stream().filter(l -> l.contains(Receipts.receiptId(Receipts.QUARANTINE, "evt-amb")))).hasSize(1);
  }
}
