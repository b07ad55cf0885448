package dev.fp.ingress.ig.store;

import dev.fp.ingress.ig.core.AdmissionRow;
import dev.fp.ingress.ig.core.AdmissionState;
import dev.fp.substrate.eventlog.EbRef;
import dev.fp.substrate.sql.Db;
import dev.fp.substrate.sql.SqlConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** IG's tables and queries, on each dialect (the dialect test only supplies the configuration). */
abstract class IgStoreContractTest {
  static final String RUN = "platform_20260101T000000Z";
  Vertx vertx;
  Db db;
  AdmissionStore admissions;
  OpsIndexStore ops;
  RunCountersStore counters;
  String run;

  protected abstract SqlConfig config();

  @BeforeEach
  void open() throws Exception {
    vertx = Vertx.vertx();
    db = await(Db.open(vertx, config()));
    admissions = new AdmissionStore(db);
    ops = new OpsIndexStore(db);
    counters = new RunCountersStore(db);
    run = "platform_2026010" + (int) (Math.random() * 10) + "T" + String.format("%06d", (int) (Math.random() * 1e6)) + "Z";
  }

  @AfterEach
  void close() throws Exception {
    await(db.close());
    await(vertx.close());
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static Claim claim(String key, String token) {
    return new Claim(key, RUN, "traffic_fraud", "e-" + key, "s3_event_stream_with_fraud_6B", "h-" + key,
        "fp.bus.traffic.fraud.v1", token, "2026-01-01T00:00:00.000000Z");
  }

  static String key() {
    return UUID.randomUUID().toString();
  }

  @Test
  void shouldInsertInFlightRowsOnceAndReportWhichWereNew() throws Exception {
    String a = key();
    String b = key();
    Set<String> first = await(db.withTransaction("t", c -> admissions.insertInFlight(c, List.of(claim(a, "t1")))));
    Set<String> second = await(db.withTransaction("t", c -> admissions.insertInFlight(c,
        List.of(claim(a, "t2"), claim(b, "t2")))));
    assertThat(first).containsExactly(a);
    assertThat(second).containsExactly(b);
    Map<String, AdmissionRow> rows = await(admissions.find(db.pool(), List.of(a, b, key())));
    assertThat(rows).containsOnlyKeys(a, b);
    assertThat(rows.get(a).state()).isEqualTo(AdmissionState.PUBLISH_IN_FLIGHT);
    assertThat(rows.get(a).ebTopic()).isEqualTo("fp.bus.traffic.fraud.v1");
  }

  @Test
  void shouldFindManyKeysAcrossChunks() throws Exception {
    List<Claim> claims = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      claims.add(claim(key(), "t"));
    }
    Set<String> inserted = await(db.withTransaction("t", c -> admissions.insertInFlight(c, claims)));
    assertThat(inserted).hasSize(700);
    List<String> keys = claims.stream().map(Claim::dedupeKey).toList();
    assertThat(await(admissions.find(db.pool(), keys))).hasSize(700);
  }

  @Test
  void shouldSettleOnlyWithTheClaimToken() throws Exception {
    String a = key();
    String b = key();
    await(db.withTransaction("t", c -> admissions.insertInFlight(c, List.of(claim(a, "mine"), claim(b, "mine")))));
    EbRef eb = new EbRef("fp.bus.traffic.fraud.v1", 0, "17", "file_line", "2026-01-01T00:00:01.000000Z");
    await(db.withTransaction("t", c -> admissions.settle(c, List.of(
        Settlement.admitted(a, "stale", eb, "t1", "r", "ref", "t1"),
        Settlement.ambiguous(b, "stale", "PUBLISH_FAILED", "t1")))));
    assertThat(await(admissions.get(db.pool(), a)).orElseThrow().state()).isEqualTo(AdmissionState.PUBLISH_IN_FLIGHT);
    await(db.withTransaction("t", c -> admissions.settle(c, List.of(
        Settlement.admitted(a, "mine", eb, "2026-01-01T00:00:02.000000Z", "rid", "ref-a", "t2"),
        Settlement.ambiguous(b, "mine", "PUBLISH_FAILED", "t2")))));
    AdmissionRow ra = await(admissions.get(db.pool(), a)).orElseThrow();
    assertThat(ra.state()).isEqualTo(AdmissionState.ADMITTED);
    assertThat(ra.ebRef()).isEqualTo(eb);
    assertThat(ra.receiptRef()).isEqualTo("ref-a");
    assertThat(ra.admittedAtUtc()).isEqualTo("2026-01-01T00:00:02.000000Z");
    AdmissionRow rb = await(admissions.get(db.pool(), b)).orElseThrow();
    assertThat(rb.state()).isEqualTo(AdmissionState.PUBLISH_AMBIGUOUS);
    assertThat(rb.stateReason()).isEqualTo("PUBLISH_FAILED");
    assertThat(await(admissions.countUnsettled(db.pool(), RUN, AdmissionState.PUBLISH_AMBIGUOUS))).isGreaterThanOrEqualTo(1);
  }

  @Test
  void shouldReleaseAndReclaimAnAmbiguousRow() throws Exception {
    String a = key();
    await(db.withTransaction("t", c -> admissions.insertInFlight(c, List.of(claim(a, "t1")))));
    await(db.withTransaction("t", c -> admissions.settle(c, List.of(Settlement.ambiguous(a, "t1", "X", "t")))));
    assertThat(await(admissions.release(db.pool(), a, "HUMAN::operator", "t"))).isTrue();
    assertThat(await(admissions.release(db.pool(), a, "HUMAN::operator", "t"))).isFalse();
    Set<String> reclaimed = await(db.withTransaction("t", c -> admissions.reclaim(c, List.of(claim(a, "t2")))));
    assertThat(reclaimed).containsExactly(a);
    assertThat(await(admissions.get(db.pool(), a)).orElseThrow().state()).isEqualTo(AdmissionState.PUBLISH_IN_FLIGHT);
  }

  @Test
  void shouldResolveAnAmbiguousRowFoundInTheLog() throws Exception {
    String a = key();
    await(db.withTransaction("t", c -> admissions.insertInFlight(c, List.of(claim(a, "t1")))));
    await(db.withTransaction("t", c -> admissions.settle(c, List.of(Settlement.ambiguous(a, "t1", "X", "t")))));
    EbRef eb = new EbRef("fp.bus.traffic.fraud.v1", 0, "3", "file_line", "p");
    assertThat(await(admissions.resolveFound(db.pool(), a, eb, "at", "rid", "ref", "t"))).isTrue();
    AdmissionRow row = await(admissions.get(db.pool(), a)).orElseThrow();
    assertThat(row.state()).isEqualTo(AdmissionState.ADMITTED);
    assertThat(row.stateReason()).isEqualTo("RECONCILED_FOUND_IN_LOG");
  }

  @Test
  void shouldSweepStaleInFlightRowsButNotLiveOnes() throws Exception {
    String stale = key();
    String live = key();
    await(db.withTransaction("t", c -> admissions.insertInFlight(c, List.of(claim(stale, "t"), claim(live, "t")))));
    List<AdmissionRow> swept = await(db.withTransaction("t", c -> admissions.sweepStale(c,
        "2026-01-01T00:00:01.000000Z", Set.of(live), "2026-01-01T00:01:00.000000Z", "IN_FLIGHT_AT_RESTART")));
    assertThat(swept).extracting(AdmissionRow::dedupeKey).contains(stale).doesNotContain(live);
    assertThat(await(admissions.get(db.pool(), stale)).orElseThrow().state()).isEqualTo(AdmissionState.PUBLISH_AMBIGUOUS);
    assertThat(await(admissions.get(db.pool(), live)).orElseThrow().state()).isEqualTo(AdmissionState.PUBLISH_IN_FLIGHT);
  }

  @Test
  void shouldIndexReceiptsOnceAndFindThemById() throws Exception {
    ReceiptRow r = new ReceiptRow("rid1" + key().substring(0, 8), run, "e1", "t", "traffic_fraud", "dk", "ADMIT",
        "fp.bus.traffic.fraud.v1", 0, "1", "file_line", "ig_policy", "v0", "d", "2026-01-01T00:00:00.000000Z", "ref",
        "{}", "[]", "[]");
    await(db.withTransaction("t", c -> ops.insertReceipts(c, List.of(r, r))));
    assertThat(await(ops.receipts(db.pool(), List.of(r.receiptId(), "other")))).containsExactly(r);
    QuarantineRow q = new QuarantineRow("qid" + key().substring(0, 8), run, "e1", "t", null, "PINS_MISSING", "seed",
        "ig_policy", "v0", "d", "2026-01-01T00:00:00.000000Z", "ref", "{}");
    await(db.withTransaction("t", c -> ops.insertQuarantines(c, List.of(q))));
    assertThat(await(ops.quarantines(db.pool(), q.quarantineId()))).containsExactly(q);
  }

  @Test
  void shouldAccumulateRunCounters() throws Exception {
    await(db.withTransaction("t", c -> counters.add(c, Map.of(run, Map.of("decision.ADMIT", 3L)))));
    await(db.withTransaction("t", c -> counters.add(c, Map.of(run, Map.of("decision.ADMIT", 2L, "reason.X", 1L)))));
    assertThat(await(counters.read(db.pool(), run))).containsEntry("decision.ADMIT", 5L).containsEntry("reason.X", 1L);
  }
}
