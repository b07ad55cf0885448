package dev.fp.ingress.ig.store;

import dev.fp.ingress.ig.core.AdmissionRow;
import dev.fp.ingress.ig.core.AdmissionState;
import dev.fp.ingress.ig.store.IgTables.RowKey;
import dev.fp.ingress.ig.store.IgTables.UnsettledDoc;
import dev.fp.ingress.ig.store.IgTables.UnsettledKey;
import dev.fp.substrate.eventlog.EbRef;
import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.StateStore;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Table {@code ig_admissions}, IG's dedupe authority (states in {@link AdmissionState}), with its companion
 * {@code ig_unsettled} (every row that is not ADMITTED) kept in the same batch. Writes go through an {@link IgTx}
 * (one unit of IG's group commit); every state change is guarded by the state it leaves (and the claim token for
 * in-flight rows), so a stale writer changes nothing. Reads without a transaction see committed batches.
 */
public final class AdmissionStore {
  private final StateStore store;

  public AdmissionStore(StateStore store) {
    this.store = store;
  }

  /** The rows of these keys of one run that exist, by key, as the batch being built sees them. */
  public Future<Map<String, AdmissionRow>> find(IgTx tx, String platformRunId, List<String> keys) {
    return docs(tx, platformRunId, keys).map(docs -> {
      Map<String, AdmissionRow> out = new LinkedHashMap<>();
      docs.forEach((k, d) -> out.put(k, d.row()));
      return out;
    });
  }

  private Future<Map<String, AdmissionDoc>> docs(IgTx tx, String run, List<String> keys) {
    List<RowKey> rowKeys = keys.stream().map(k -> new RowKey(run, k)).toList();
    return tx.multiGet(IgTables.ADMISSIONS, rowKeys).map(found -> {
      Map<String, AdmissionDoc> out = new LinkedHashMap<>();
      found.forEach((k, d) -> out.put(k.dedupeKey(), d));
      return out;
    });
  }

  /** The committed row of this key of the run. */
  public Future<Optional<AdmissionRow>> get(String platformRunId, String key) {
    return store.get(IgTables.ADMISSIONS, new RowKey(platformRunId, key)).map(d -> Optional.ofNullable(d)
        .map(AdmissionDoc::row));
  }

  /** The committed row of this dedupe key in whichever run holds it (a dedupe key names its run). */
  public Future<Optional<AdmissionRow>> locate(String key) {
    return Scans.runs(store).compose(runs -> store.multiGet(IgTables.ADMISSIONS,
            runs.stream().map(r -> new RowKey(r, key)).toList()))
        .map(found -> found.values().stream().findFirst().map(AdmissionDoc::row));
  }

  /** Inserts PUBLISH_IN_FLIGHT rows; returns the keys this call inserted (others already had a row). */
  public Future<Set<String>> insertInFlight(IgTx tx, List<Claim> claims) {
    if (claims.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    Map<String, List<Claim>> byRun = new LinkedHashMap<>();
    claims.forEach(c -> byRun.computeIfAbsent(c.platformRunId(), r -> new ArrayList<>()).add(c));
    Set<String> inserted = new HashSet<>();
    List<Future<?>> runs = new ArrayList<>();
    byRun.forEach((run, ofRun) -> runs.add(docs(tx, run, ofRun.stream().map(Claim::dedupeKey).toList())
        .onSuccess(existing -> {
          IgTables.seen(tx, run, ofRun.get(0).atUtc());
          for (Claim c : ofRun) {
            if (!existing.containsKey(c.dedupeKey()) && inserted.add(c.dedupeKey())) {
              write(tx, null, AdmissionDoc.inFlight(c));
            }
          }
        })));
    return Future.all(runs).map(inserted);
  }

  /** Claims PUBLISH_RELEASED rows again (operator or recovery released them); returns the keys claimed. */
  public Future<Set<String>> reclaim(IgTx tx, List<Claim> claims) {
    if (claims.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    Set<String> claimed = new HashSet<>();
    List<Future<?>> reads = new ArrayList<>();
    for (Claim c : claims) {
      reads.add(tx.get(IgTables.ADMISSIONS, new RowKey(c.platformRunId(), c.dedupeKey())).onSuccess(doc -> {
        if (doc != null && doc.is(AdmissionState.PUBLISH_RELEASED)) {
          write(tx, doc, doc.claimed(c.topic(), c.claimToken(), c.atUtc()));
          claimed.add(c.dedupeKey());
        }
      }));
    }
    return Future.all(reads).map(claimed);
  }

  /** Settles the claimer's in-flight rows: ADMITTED with eb_ref and receipt, or PUBLISH_AMBIGUOUS (one read). */
  public Future<Void> settle(IgTx tx, List<Settlement> settlements) {
    if (settlements.isEmpty()) {
      return Future.succeededFuture();
    }
    List<RowKey> keys = settlements.stream().map(s -> new RowKey(s.platformRunId(), s.dedupeKey())).toList();
    return tx.multiGet(IgTables.ADMISSIONS, keys).map(docs -> {
      for (int i = 0; i < settlements.size(); i++) {
        Settlement s = settlements.get(i);
        AdmissionDoc doc = docs.get(keys.get(i));
        if (doc == null || !doc.is(AdmissionState.PUBLISH_IN_FLIGHT) || !s.claimToken().equals(doc.claimToken())) {
          continue;
        }
        write(tx, doc, s.isAdmitted()
            ? doc.admitted(s.ebRef(), s.admittedAtUtc(), s.receiptId(), s.receiptRef(), null, s.atUtc())
            : doc.moved(AdmissionState.PUBLISH_AMBIGUOUS, s.ambiguousReason(), s.atUtc()));
      }
      return null;
    });
  }

  /** A receipt written later for an ADMITTED row that had none (receipt_write_failed back-fill). */
  public record Backfill(String platformRunId, String dedupeKey, String receiptId, String receiptRef) {
  }

  /** Records back-filled ADMIT receipts on rows that still lack one. */
  public Future<Void> backfillReceipts(IgTx tx, List<Backfill> backfills, String atUtc) {
    List<Future<?>> each = new ArrayList<>();
    for (Backfill b : backfills) {
      each.add(tx.get(IgTables.ADMISSIONS, new RowKey(b.platformRunId(), b.dedupeKey())).onSuccess(doc -> {
        if (doc != null && doc.is(AdmissionState.ADMITTED) && doc.receiptRef() == null) {
          write(tx, doc, doc.withReceipt(b.receiptId(), b.receiptRef(), atUtc));
        }
      }));
    }
    return Future.all(each).mapEmpty();
  }

  /** Every committed PUBLISH_IN_FLIGHT row of every run last touched before {@code staleBeforeUtc} (null: all). */
  public Future<List<AdmissionRow>> inFlight(String staleBeforeUtc) {
    return Scans.runs(store).compose(runs -> {
      List<RowKey> keys = new ArrayList<>();
      List<Future<Void>> scans = new ArrayList<>();
      for (String run : runs) {
        scans.add(Scans.forEach(store, IgTables.UNSETTLED,
            KeyRange.prefix(IgTables.runPrefix(run, AdmissionState.PUBLISH_IN_FLIGHT.name())), kv -> {
              if (staleBeforeUtc == null || kv.value().updatedAtUtc().compareTo(staleBeforeUtc) < 0) {
                keys.add(new RowKey(run, kv.key().dedupeKey()));
              }
            }));
      }
      return Future.all(scans).compose(v -> keys.isEmpty() ? Future.succeededFuture(Map.<RowKey, AdmissionDoc>of())
          : store.multiGet(IgTables.ADMISSIONS, keys));
    }).map(docs -> docs.values().stream().filter(d -> d.is(AdmissionState.PUBLISH_IN_FLIGHT)).map(AdmissionDoc::row)
        .toList());
  }

  /**
   * Moves in-flight rows that are still in flight and last touched before {@code staleBeforeUtc} (their IG process
   * stopped mid-publish, or their cycle was abandoned) to PUBLISH_AMBIGUOUS, skipping {@code live} keys; returns the
   * rows it moved.
   */
  public Future<List<AdmissionRow>> sweepStale(IgTx tx, List<AdmissionRow> candidates, String staleBeforeUtc,
                                               Set<String> live, String atUtc, String reason) {
    List<AdmissionRow> moved = new ArrayList<>();
    List<Future<?>> each = new ArrayList<>();
    for (AdmissionRow r : candidates) {
      if (live.contains(r.dedupeKey())) {
        continue;
      }
      each.add(tx.get(IgTables.ADMISSIONS, new RowKey(r.platformRunId(), r.dedupeKey())).onSuccess(doc -> {
        if (doc != null && doc.is(AdmissionState.PUBLISH_IN_FLIGHT)
            && doc.updatedAtUtc().compareTo(staleBeforeUtc) < 0) {
          write(tx, doc, doc.moved(AdmissionState.PUBLISH_AMBIGUOUS, reason, atUtc));
          moved.add(doc.row());
        }
      }));
    }
    return Future.all(each).map(moved);
  }

  /**
   * Reconciliation: a row in state {@code from} (PUBLISH_AMBIGUOUS, or PUBLISH_IN_FLIGHT at start-up) whose record
   * was found in the log becomes ADMITTED with that eb_ref and receipt. False when the row was not in {@code from}.
   */
  public Future<Boolean> resolveFound(IgTx tx, AdmissionState from, String platformRunId, String key, EbRef eb,
                                      String admittedAtUtc, String receiptId, String receiptRef, String reason,
                                      String atUtc) {
    return tx.get(IgTables.ADMISSIONS, new RowKey(platformRunId, key)).map(doc -> {
      if (doc == null || !doc.is(from)) {
        return false;
      }
      write(tx, doc, doc.admitted(eb, admittedAtUtc, receiptId, receiptRef, reason, atUtc));
      return true;
    });
  }

  /**
   * Reconciliation: a row in state {@code from} whose record is not in the log becomes PUBLISH_RELEASED, so the next
   * push of the event publishes it (once). False when the row was not in {@code from}.
   */
  public Future<Boolean> release(IgTx tx, AdmissionState from, String platformRunId, String key, String reason,
                                 String atUtc) {
    return tx.get(IgTables.ADMISSIONS, new RowKey(platformRunId, key)).map(doc -> {
      if (doc == null || !doc.is(from)) {
        return false;
      }
      write(tx, doc, doc.moved(AdmissionState.PUBLISH_RELEASED, reason, atUtc));
      return true;
    });
  }

  /** Rows of a run in a non-ADMITTED state, oldest first, at most {@code limit}. */
  public Future<List<AdmissionRow>> unsettled(String platformRunId, AdmissionState state, int limit) {
    List<RowKey> keys = new ArrayList<>();
    return Scans.forEach(store, IgTables.UNSETTLED, KeyRange.prefix(IgTables.runPrefix(platformRunId, state.name())),
            kv -> keys.add(new RowKey(platformRunId, kv.key().dedupeKey())))
        .compose(v -> keys.isEmpty() ? Future.succeededFuture(Map.<RowKey, AdmissionDoc>of())
            : store.multiGet(IgTables.ADMISSIONS, keys))
        .map(docs -> docs.values().stream().filter(d -> d.is(state))
            .sorted(java.util.Comparator.comparing(AdmissionDoc::updatedAtUtc)).limit(limit).map(AdmissionDoc::row)
            .toList());
  }

  /** How many rows of the run are in {@code state} (never ADMITTED: that count is kept in the run counters). */
  public Future<Long> countUnsettled(String platformRunId, AdmissionState state) {
    long[] n = {0};
    return Scans.forEach(store, IgTables.UNSETTLED, KeyRange.prefix(IgTables.runPrefix(platformRunId, state.name())),
        kv -> n[0]++).map(v -> n[0]);
  }

  /**
   * As {@link #countUnsettled(String, AdmissionState)}, counting only rows whose event type is one of
   * {@code eventTypes} (P7 gates what WSP streamed; the decision lane's own admissions are P9's).
   */
  public Future<Long> countUnsettled(String platformRunId, AdmissionState state, Set<String> eventTypes) {
    List<IgTables.RowKey> keys = new ArrayList<>();
    return Scans.forEach(store, IgTables.UNSETTLED, KeyRange.prefix(IgTables.runPrefix(platformRunId, state.name())),
            kv -> keys.add(new IgTables.RowKey(platformRunId, kv.key().dedupeKey())))
        .compose(v -> keys.isEmpty() ? Future.succeededFuture(Map.<IgTables.RowKey, AdmissionDoc>of())
            : store.multiGet(IgTables.ADMISSIONS, keys))
        .map(rows -> rows.values().stream().filter(d -> eventTypes.contains(d.eventType())).count());
  }

  /** A run's admissions to one partition: how many, and the one at the highest offset. */
  public record LastAdmitted(String topic, int partition, long admitted, String offset, String eventId) {
  }

  /**
   * A run's ADMITTED rows: how many, how many lack an eb_ref of {@code offsetKind} or a receipt ref, and per topic
   * and partition the count and last record (P7).
   */
  public record Admitted(long admitted, long unreferenced, List<LastAdmitted> last) {
  }

  /** Reads every admission row of the run once (P7 checks all of them, not a sample). */
  public Future<Admitted> admitted(String platformRunId, String offsetKind) {
    long[] counts = {0, 0};
    Map<String, LastAdmitted> last = new LinkedHashMap<>();
    return Scans.forEach(store, IgTables.ADMISSIONS, KeyRange.prefix(IgTables.runPrefix(platformRunId)), kv -> {
      AdmissionDoc d = kv.value();
      if (!d.is(AdmissionState.ADMITTED)) {
        return;
      }
      counts[0]++;
      if (d.ebPartition() == null || d.ebOffset() == null || !offsetKind.equals(d.ebOffsetKind())
          || d.receiptRef() == null) {
        counts[1]++;
      }
      if (d.ebPartition() != null && d.ebOffset() != null) {
        last.merge(d.ebTopic() + "\n" + d.ebPartition(),
            new LastAdmitted(d.ebTopic(), d.ebPartition(), 1, d.ebOffset(), d.eventId()), AdmissionStore::later);
      }
    }).map(v -> new Admitted(counts[0], counts[1], new ArrayList<>(last.values())));
  }

  /** Offsets are decimal integers: the longer is later, then the greater as text. */
  private static LastAdmitted later(LastAdmitted a, LastAdmitted b) {
    boolean bLater = b.offset().length() != a.offset().length() ? b.offset().length() > a.offset().length()
        : b.offset().compareTo(a.offset()) > 0;
    LastAdmitted at = bLater ? b : a;
    return new LastAdmitted(a.topic(), a.partition(), a.admitted() + b.admitted(), at.offset(), at.eventId());
  }

  /** Writes {@code next} over {@code previous} (null: a new row), keeping {@code ig_unsettled} in step. */
  private static void write(IgTx tx, AdmissionDoc previous, AdmissionDoc next) {
    tx.put(IgTables.ADMISSIONS, new RowKey(next.platformRunId(), next.dedupeKey()), next);
    if (previous != null && !previous.is(AdmissionState.ADMITTED)) {
      tx.delete(IgTables.UNSETTLED, new UnsettledKey(previous.platformRunId(), previous.state(), previous.dedupeKey()));
    }
    if (!next.is(AdmissionState.ADMITTED)) {
      tx.put(IgTables.UNSETTLED, new UnsettledKey(next.platformRunId(), next.state(), next.dedupeKey()),
          new UnsettledDoc(next.updatedAtUtc(), next.claimToken()));
    }
  }
}
