package dev.fp.caselabels.ls.core;

import dev.fp.contract.Ids;
import dev.fp.contract.Json;
import dev.fp.contract.LabelAssertions;
import dev.fp.contract.LabelTaxonomy;
import dev.fp.testing.SamplePins;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer boundary's decisions for one request, without a store (the shell commits the plan as one batch). */
class WriterBoundaryTest {
  static final String RUN = "platform_20261206T120000Z";
  static final String T1 = "2026-01-01T00:00:01.000000Z";
  static final String NOW = "2026-12-06T12:00:00.000000Z";

  static WriterBoundary boundary() throws Exception {
    LabelTaxonomy taxonomy = LabelTaxonomy.parse(Json.readYamlObject(Files.readAllBytes(Path.of(
        "conf/ls/taxonomy_v0.yaml"))));
    return new WriterBoundary(RUN, taxonomy, (run, id) -> "ref:" + run + "/" + id);
  }

  static Map<String, Object> label(String eventId, String value) {
    Map<String, Object> pins = SamplePins.of(RUN, 7);
    String timelineId = Ids.caseTimelineEventId(Ids.caseId(RUN, "traffic_fraud", eventId), "CASE_TRIGGERED", "x");
    return LabelAssertions.build(new LabelAssertions.Draft(timelineId, RUN, eventId, pins, "fraud_disposition",
        value, T1, T1, "AUTO", null, List.of(Map.of("ref_type", "CASE_EVENT", "ref_id", timelineId)), null));
  }

  @Test
  void shouldDecideTheSameIdTwiceInOneRequestAsNewThenReplay() throws Exception {
    Map<String, Object> a = label("evt_1", "FRAUD_SUSPECTED");

    WriterBoundary.Plan plan = boundary().plan(List.of(a, a, label("evt_1", "LEGIT_CONFIRMED")), Map.of(),
        Map.of(), NOW);

    assertThat(plan.results()).extracting(WriteResult::reasonCode).containsExactly(WriterBoundary.COMMITTED_NEW,
        WriterBoundary.REPLAY_MATCH, WriterBoundary.PAYLOAD_HASH_MISMATCH);
    assertThat(plan.timeline()).hasSize(1);
    LedgerEntry row = plan.ledger().get((String) a.get("label_assertion_id"));
    assertThat(row.replayCount()).isEqualTo(1);
    assertThat(row.mismatchCount()).isEqualTo(1);
    assertThat(row.payloadHash()).isEqualTo(a.get("payload_hash"));
    assertThat(row.assertionRef()).isEqualTo("ref:" + RUN + "/" + a.get("label_assertion_id"));
    assertThat(plan.mismatches()).singleElement().satisfies(m -> assertThat(m.seq()).isEqualTo(1));
    assertThat(plan.counters()).containsEntry(LsCounters.ACCEPTED, 1L).containsEntry(LsCounters.DUPLICATE, 1L)
        .containsEntry(LsCounters.REJECTED, 1L).containsEntry(LsCounters.WRITE_BATCHES, 1L);
  }

  @Test
  void shouldNumberRejectionsAfterTheStoredCountAndKeepTheBody() throws Exception {
    WriterBoundary.Plan plan = boundary().plan(List.of("not an object", Map.of("label_assertion_id", "x")),
        Map.of(), Map.of(LsCounters.REJECTED, 5L, LsCounters.WRITE_BATCHES, 9L), NOW);

    assertThat(plan.results()).extracting(WriteResult::reasonCode)
        .containsExactly("CONTRACT_INVALID:assertion", "CONTRACT_INVALID:label_assertion_id");
    assertThat(plan.rejections()).extracting(WriterBoundary.Rejection::seq).containsExactly(6L, 7L);
    assertThat(plan.rejections().get(0).assertion()).isEqualTo("not an object");
    assertThat(plan.rejections().get(1).labelAssertionId()).isEqualTo("x");
    assertThat(plan.ledger()).isEmpty();
    assertThat(plan.counters()).containsEntry(LsCounters.CONTRACT_INVALID, 2L).containsEntry(LsCounters.REJECTED, 7L)
        .containsEntry(LsCounters.WRITE_BATCHES, 10L);
  }

  @Test
  void shouldAcceptAReplayOfAStoredAssertionWithoutANewTimelineRow() throws Exception {
    Map<String, Object> a = label("evt_1", "FRAUD_SUSPECTED");
    String id = (String) a.get("label_assertion_id");
    LedgerEntry stored = new LedgerEntry(RUN, "evt_1", "fraud_disposition", (String) a.get("payload_hash"), a, 2, 0,
        T1, T1, "ref:" + id);

    WriterBoundary.Plan plan = boundary().plan(List.of(a), Map.of(id, stored), Map.of(), NOW);

    assertThat(plan.results()).singleElement().satisfies(r -> {
      assertThat(r.accepted()).isTrue();
      assertThat(r.replayCount()).isEqualTo(3);
    });
    assertThat(plan.timeline()).isEmpty();
    assertThat(plan.ledger().get(id).lastCommittedAtUtc()).isEqualTo(NOW);
  }
}
