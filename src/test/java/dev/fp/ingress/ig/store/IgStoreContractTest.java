package dev.fp.ingress.ig.store;

import dev.fp.ingress.ig.core.AdmissionRow;
import dev.fp.ingress.ig.core.AdmissionState;
import dev.fp.substrate.eventlog.EbRef;
import dev.fp.substrate.state.StateSettings;
import dev.fp.substrate.state.StateStore;
import dev.fp.substrate.state.StateStores;
import dev.fp.substrate.state.WriteBatch;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** IG's StateStore tables and queries, on each adapter (the adapter test only supplies the settings). */
abstract class IgStoreContractTest {
  Vertx vertx;
  StateStore store;
  AdmissionStore admissions;
  OpsIndexStore ops;
  RunCountersStore counters;
  /** A run of its own per test: the PostgreSQL schema is shared by the class. */
  String run;

  protected abstract StateSettings settings();

  @BeforeEach
  void open() throws Exception {
    vertx = Vertx.vertx();
    store = await(StateStores.create(vertx, settings(), Clock.systemUTC()));
    await(store.ensureTables(IgTables.ALL));
    admissions = new AdmissionStore(store);
    ops = new OpsIndexStore(store);
    counters = new RunCountersStore(store);
    run = "platform_2026010" + (int) (Math.random() * 10) + "T" + String.format("%06d", (int) (Math.random() * 1e6)) + "Z";
  }

  @AfterEach
  void close() throws Exception {
    await(store.close());
    await(vertx.close());
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Runs one unit in a batch of its own and commits it. */
  <T> T tx(Function<IgTx, Future<T>> unit) throws Exception {
    WriteBatch batch = new WriteBatch();
    T result = await(unit.apply(new IgTx(store, batch)));
    await(store.commit(batch));
    return result;
  }

  Claim claim(String key, String token) {
    return new Claim(key, run, "traffic_fraud", "e-" + key, "s3_event_stream_with_fraud_6B", "h-" + key,
        "fp.bus.traffic.fraud.v1", token, "2026-01-01T00:00:00.000000Z");
  }

  static String key() {
    return UUID.randomUUID().toString();
  }

  AdmissionRow row(String key) throws Exception {
    return await(admissions.get(run, key)).orElseThrow();
  }

  @Test
  void shouldInsertInFlightRowsOnceAndReportWhichWereNew() throws Exception {
    String a = key();
    String b = key();
    Set<String> first = tx(t -> admissions.insertInFlight(t, List.of(claim(a, "t1"))));
    Set<String> second = tx(t -> admissions.insertInFlight(t, List.of(claim(a, "t2"), claim(b, "t2"))));
    assertThat(first).containsExactly(a);
    assertThat(second).containsExactly(b);
    Map<String, AdmissionRow> rows = tx(t -> admissions.find(t, run, List.of(a, b, key())));
    assertThat(rows).containsOnlyKeys(a, b);
    assertThat(rows.get(a).state()).isEqualTo(AdmissionState.PUBLISH_IN_FLIGHT);
    assertThat(rows.get(a).ebTopic()).isEqualTo("fp.bus.traffic.fraud.v1");
    assertThat(await(admissions.countUnsettled(run, AdmissionState.PUBLISH_IN_FLIGHT))).isEqualTo(2);
  }

  @Test
  void shouldSeeItsOwnBatchesWritesBeforeTheyAreCommitted() throws Exception {
    String a = key();
    Set<String>[] twice = new Set[2];
    tx(t -> admissions.insertInFlight(t, List.of(claim(a, "t1"))).compose(first -> {
      twice[0] = first;
      return admissions.insertInFlight(t, List.of(claim(a, "t2")));
    }).map(second -> twice[1] = second));
    assertThat(twice[0]).containsExactly(a);
    assertThat(twice[1]).as("the second unit sees the first's claim").isEmpty();
  }

  @Test
  void shouldFindManyKeysAndLocateAKeyWithoutItsRun() throws Exception {
    List<Claim> claims = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      claims.add(claim(key(), "t"));
    }
    Set<String> inserted = tx(t -> admissions.insertInFlight(t, claims));
    assertThat(inserted).hasSize(700);
    List<String> keys = claims.stream().map(Claim::dedupeKey).toList();
    assertThat(this.<Map<String, AdmissionRow>>tx(t -> admissions.find(t, run, keys))).hasSize(700);
    assertThat(await(admissions.locate(keys.get(699))).orElseThrow().platformRunId()).isEqualTo(run);
    assertThat(await(admissions.locate("absent"))).isEmpty();
  }

  @Test
  void shouldSettleOnlyWithTheClaimToken() throws Exception {
    String a = key();
    String b = key();
    tx(t -> admissions.insertInFlight(t, List.of(claim(a, "mine"), claim(b, "mine"))));
    EbRef eb = new EbRef("fp.bus.traffic.fraud.v1", 0, "17", "file_line", "2026-01-01T00:00:01.000000Z");
    tx(t -> admissions.settle(t, List.of(Settlement.admitted(run, a, "stale", eb, "t1", "r", "ref", "t1"),
        Settlement.ambiguous(run, b, "stale", "PUBLISH_FAILED", "t1"))));
    assertThat(row(a).state()).isEqualTo(AdmissionState.PUBLISH_IN_FLIGHT);
    tx(t -> admissions.settle(t, List.of(
        Settlement.admitted(run, a, "mine", eb, "2026-01-01T00:00:02.000000Z", "rid", "ref-a", "t2"),
        Settlement.ambiguous(run, b, "mine", "PUBLISH_FAILED", "t2"))));
    AdmissionRow ra = row(a);
    assertThat(ra.state()).isEqualTo(AdmissionState.ADMITTED);
    assertThat(ra.ebRef()).isEqualTo(eb);
    assertThat(ra.receiptRef()).isEqualTo("ref-a");
    assertThat(ra.admittedAtUtc()).isEqualTo("2026-01-01T00:00:02.000000Z");
    AdmissionRow rb = row(b);
    assertThat(rb.state()).isEqualTo(AdmissionState.PUBLISH_AMBIGUOUS);
    assertThat(rb.stateReason()).isEqualTo("PUBLISH_FAILED");
    assertThat(await(admissions.countUnsettled(run, AdmissionState.PUBLISH_AMBIGUOUS))).isEqualTo(1);
    assertThat(await(admissions.countUnsettled(run, AdmissionState.PUBLISH_IN_FLIGHT))).isZero();
    assertThat(await(admissions.unsettled(run, AdmissionState.PUBLISH_AMBIGUOUS, 10)))
        .extracting(AdmissionRow::dedupeKey).containsExactly(b);
  }

  @Test
  void shouldReleaseAndReclaimAnAmbiguousRow() throws Exception {
    String a = key();
    tx(t -> admissions.insertInFlight(t, List.of(claim(a, "t1"))));
    tx(t -> admissions.settle(t, List.of(Settlement.ambiguous(run, a, "t1", "X", "t"))));
    assertThat(this.<Boolean>tx(t -> admissions.release(t, AdmissionState.PUBLISH_AMBIGUOUS, run, a, "RELEASED_BY op", "t")))
        .isTrue();
    assertThat(this.<Boolean>tx(t -> admissions.release(t, AdmissionState.PUBLISH_AMBIGUOUS, run, a, "RELEASED_BY op", "t")))
        .isFalse();
    Set<String> reclaimed = tx(t -> admissions.reclaim(t, List.of(claim(a, "t2"))));
    assertThat(reclaimed).containsExactly(a);
    assertThat(row(a).state()).isEqualTo(AdmissionState.PUBLISH_IN_FLIGHT);
    assertThat(await(admissions.countUnsettled(run, AdmissionState.PUBLISH_RELEASED))).isZero();
  }

  @Test
  void shouldResolveAnAmbiguousRowFoundInTheLog() throws Exception {
    String a = key();
    tx(t -> admissions.insertInFlight(t, List.of(claim(a, "t1"))));
    tx(t -> admissions.settle(t, List.of(Settlement.ambiguous(run, a, "t1", "X", "t"))));
    EbRef eb = new EbRef("fp.bus.traffic.fraud.v1", 0, "3", "file_line", "p");
    assertThat(this.<Boolean>tx(t -> admissions.resolveFound(t, AdmissionState.PUBLISH_IN_FLIGHT, run, a, eb, "at", "rid", "ref",
        "RECONCILED_FOUND_IN_LOG", "t"))).as("only from the named state").isFalse();
    assertThat(this.<Boolean>tx(t -> admissions.resolveFound(t, AdmissionState.PUBLISH_AMBIGUOUS, run, a, eb, "at", "rid", "ref",
        "RECONCILED_FOUND_IN_LOG", "t"))).isTrue();
    AdmissionRow row = row(a);
    assertThat(row.state()).isEqualTo(AdmissionState.ADMITTED);
    assertThat(row.stateReason()).isEqualTo("RECONCILED_FOUND_IN_LOG");
    assertThat(await(admissions.countUnsettled(run, AdmissionState.PUBLISH_AMBIGUOUS))).isZero();
  }

  @Test
  void shouldSweepStaleInFlightRowsButNotLiveOnes() throws Exception {
    String stale = key();
    String live = key();
    tx(t -> admissions.insertInFlight(t, List.of(claim(stale, "t"), claim(live, "t"))));
    String before = "2026-01-01T00:00:01.000000Z";
    List<AdmissionRow> candidates = await(admissions.inFlight(before));
    assertThat(candidates).extracting(AdmissionRow::dedupeKey).contains(stale, live);
    List<AdmissionRow> swept = tx(t -> admissions.sweepStale(t, candidates, before, Set.of(live),
        "2026-01-01T00:01:00.000000Z", "IN_FLIGHT_AT_RESTART"));
    assertThat(swept).extracting(AdmissionRow::dedupeKey).contains(stale).doesNotContain(live);
    assertThat(row(stale).state()).isEqualTo(AdmissionState.PUBLISH_AMBIGUOUS);
    assertThat(row(live).state()).isEqualTo(AdmissionState.PUBLISH_IN_FLIGHT);
  }

  @Test
  void shouldCountAdmittedRowsAndTheirLastOffsetPerPartition() throws Exception {
    List<String> keys = List.of(key(), key(), key());
    tx(t -> admissions.insertInFlight(t, keys.stream().map(k -> claim(k, "t")).toList()));
    List<Settlement> settled = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      EbRef eb = new EbRef("fp.bus.traffic.fraud.v1", 0, String.valueOf(9 + i), "file_line", "p");
      settled.add(Settlement.admitted(run, keys.get(i), "t", eb, "at", "rid", i == 0 ? null : "ref", "t"));
    }
    tx(t -> admissions.settle(t, settled));
    AdmissionStore.Admitted a = await(admissions.admitted(run, "file_line"));
    assertThat(a.admitted()).isEqualTo(3);
    assertThat(a.unreferenced()).as("the one without a receipt").isEqualTo(1);
    assertThat(a.last()).containsExactly(new AdmissionStore.LastAdmitted("fp.bus.traffic.fraud.v1", 0, 3, "11",
        "e-" + keys.get(2)));
  }

  @Test
  void shouldIndexReceiptsOnceAndFindThemById() throws Exception {
    tx(t -> admissions.insertInFlight(t, List.of(claim(key(), "t"))));
    ReceiptRow r = new ReceiptRow("rid1" + key().substring(0, 8), run, "e1", "t", "traffic_fraud", "dk", "ADMIT",
        "fp.bus.traffic.fraud.v1", 0, "1", "file_line", "ig_policy", "v0", "d", "2026-01-01T00:00:00.000000Z", "ref",
        "{}", "[]", "[]");
    ReceiptRow later = new ReceiptRow(r.receiptId(), run, "e1", "t", "traffic_fraud", "dk", "ADMIT",
        "fp.bus.traffic.fraud.v1", 0, "2", "file_line", "ig_policy", "v0", "d", "2026-01-01T00:00:09.000000Z", "ref2",
        "{}", "[]", "[]");
    tx(t -> ops.insertReceipts(t, List.of(r)));
    tx(t -> ops.insertReceipts(t, List.of(later)));
    assertThat(await(ops.receipts(List.of(r.receiptId(), "other")))).as("first write wins").containsExactly(r);
    QuarantineRow q = new QuarantineRow("qid" + key().substring(0, 8), run, "e1", "t", null, "PINS_MISSING", "seed",
        "ig_policy", "v0", "d", "2026-01-01T00:00:00.000000Z", "ref", "{}");
    tx(t -> ops.insertQuarantines(t, List.of(q)));
    assertThat(await(ops.quarantines(q.quarantineId()))).containsExactly(q);
  }

  @Test
  void shouldAccumulateRunCountersAcrossUnitsOfOneBatch() throws Exception {
    tx(t -> counters.add(t, Map.of(run, Map.of("decision.ADMIT", 3L))));
    tx(t -> counters.add(t, Map.of(run, Map.of("decision.ADMIT", 2L, "reason.X", 1L)))
        .compose(v -> counters.add(t, Map.of(run, Map.of("decision.ADMIT", 4L)))));
    assertThat(await(counters.read(run))).containsEntry("decision.ADMIT", 9L).containsEntry("reason.X", 1L);
  }
}
