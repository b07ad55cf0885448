package dev.fp.platform.evidence;

import dev.fp.contract.Hashing;
import dev.fp.substrate.objectstore.ConditionFailedException;
import dev.fp.substrate.objectstore.ObjectStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link EvidenceLayout#SEGMENT}: writes are buffered and flushed in batches (when {@code flushRecords} are pending, at
 * the latest after {@code flushIntervalMs}, or on {@link #flush()}). A flush writes one new, write-once segment object
 * per prefix holding the batch's new records as JSONL lines, then indexes them in one StateStore batch (first write
 * wins), then completes the writes. Write-once: an id already indexed is settled against its first record and not
 * appended again. The index is the authority: a line whose id was indexed by a concurrent writer meanwhile stays
 * unindexed, and so does every line of a segment whose index batch never committed (a crash
 * between the two: those records were not acknowledged and are written again; numbering skips over the segment).
 *
 * <p>Two writes of one id while the first is buffered or being flushed settle against the first (identical = no-op,
 * different = drift); an id already indexed is compared by digest. State lives on the creating context.
 */
final class SegmentEvidenceWriter implements EvidenceWriter {
  private static final int MAX_SEGMENT_ATTEMPTS = 16;
  private final Vertx vertx;
  private final Context context;
  private final ObjectStore store;
  private final EvidenceIndex index;
  private final EvidenceSettings settings;
  private final Map<String, Future<long[]>> nextSegment = new HashMap<>();
  private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
  private final Map<String, Pending> writing = new HashMap<>();
  private int running;
  private boolean flushWanted;
  private boolean closed;
  private long timer = -1;

  private record Pending(String prefix, String id, byte[] line, String digest, Promise<EvidenceRef> promise) {
    String slot() {
      return prefix + "\n" + id;
    }
  }

  SegmentEvidenceWriter(Vertx vertx, ObjectStore store, EvidenceIndex index, EvidenceSettings settings) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.store = store;
    this.index = index;
    this.settings = settings;
  }

  @Override
  public Future<EvidenceRef> write(String prefix, String id, Map<String, ?> record) {
    EvidenceKeys.check(prefix, id);
    byte[] line = EvidenceJson.line(record);
    Pending p = new Pending(prefix, id, line, Hashing.sha256Hex(line), Promise.promise());
    onContext(() -> enqueue(p));
    return p.promise().future();
  }

  @Override
  public Future<Optional<Map<String, Object>>> read(String prefix, String id) {
    EvidenceKeys.check(prefix, id);
    return index.find(prefix, List.of(id)).compose(found -> {
      EvidenceIndex.Entry e = found.get(id);
      if (e == null) {
        return Future.succeededFuture(Optional.empty());
      }
      String key = EvidenceKeys.segmentKey(prefix, e.segmentSeq());
      return store.get(settings.bucket(), key).map(buf -> Optional.of(line(key, buf.getBytes(), e.lineNo())));
    });
  }

  @Override
  public Future<Optional<String>> locate(String prefix, String id) {
    EvidenceKeys.check(prefix, id);
    return index.find(prefix, List.of(id)).map(found -> Optional.ofNullable(found.get(id)).map(e -> ref(prefix, e)));
  }

  @Override
  public Future<Void> flush() {
    Promise<Void> done = Promise.promise();
    onContext(() -> {
      List<Future<EvidenceRef>> settling = new ArrayList<>();
      pending.values().forEach(p -> settling.add(p.promise().future()));
      writing.values().forEach(p -> settling.add(p.promise().future()));
      flushNow();
      Future.join(settling).onComplete(ar -> done.complete());
    });
    return done.future();
  }

  @Override
  public EvidenceLayout layout() {
    return EvidenceLayout.SEGMENT;
  }

  @Override
  public Future<Void> close() {
    return flush().onComplete(ar -> onContext(() -> {
      closed = true;
      cancelTimer();
    }));
  }

  private void enqueue(Pending p) {
    if (closed) {
      p.promise().fail(new IllegalStateException("evidence writer closed: " + p.prefix() + "/" + p.id()));
      return;
    }
    Pending first = pending.containsKey(p.slot()) ? pending.get(p.slot()) : writing.get(p.slot());
    if (first != null) {
      follow(first, p);
      return;
    }
    pending.put(p.slot(), p);
    if (pending.size() >= settings.flushRecords()) {
      flushNow();
    } else if (timer < 0) {
      timer = vertx.setTimer(settings.flushIntervalMs(), t -> {
        timer = -1;
        flushNow();
      });
    }
  }

  private static void follow(Pending first, Pending p) {
    first.promise().future().onComplete(ar -> {
      if (ar.failed()) {
        p.promise().fail(ar.cause());
      } else if (first.digest().equals(p.digest())) {
        p.promise().complete(new EvidenceRef(p.id(), ar.result().ref(), false));
      } else {
        p.promise().fail(new EvidenceDriftException(p.prefix(), p.id(), ar.result().ref()));
      }
    });
  }

  private void flushNow() {
    cancelTimer();
    if (pending.isEmpty()) {
      return;
    }
    if (running >= settings.flushConcurrency()) {
      flushWanted = true;
      return;
    }
    List<Pending> batch = new ArrayList<>(pending.values());
    pending.clear();
    batch.forEach(p -> writing.put(p.slot(), p));
    running++;
    flushBatch(batch).onComplete(ar -> {
      running--;
      batch.forEach(p -> writing.remove(p.slot()));
      if (flushWanted || pending.size() >= settings.flushRecords()) {
        flushWanted = false;
        flushNow();
      } else if (!pending.isEmpty() && timer < 0) {
        timer = vertx.setTimer(settings.flushIntervalMs(), t -> {
          timer = -1;
          flushNow();
        });
      }
    });
  }

  private Future<Void> flushBatch(List<Pending> batch) {
    Map<String, List<Pending>> byPrefix = new LinkedHashMap<>();
    batch.forEach(p -> byPrefix.computeIfAbsent(p.prefix(), k -> new ArrayList<>()).add(p));
    List<Future<Void>> flushes = new ArrayList<>();
    byPrefix.forEach((prefix, records) -> flushes.add(flushPrefix(prefix, records)));
    return Future.join(flushes).transform(ar -> Future.succeededFuture());
  }

  /**
   * Ids already indexed (a re-write: a retried receipt, a reconciliation run again) are settled against the index
   * first and never appended again, so a segment holds each record once; only new ids are written.
   */
  private Future<Void> flushPrefix(String prefix, List<Pending> records) {
    return index.find(prefix, records.stream().map(Pending::id).toList()).compose(indexed -> {
      List<Pending> fresh = new ArrayList<>(records.size());
      List<Pending> rewrites = new ArrayList<>();
      records.forEach(p -> (indexed.containsKey(p.id()) ? rewrites : fresh).add(p));
      settle(prefix, rewrites, new Written(null, indexed));
      if (fresh.isEmpty()) {
        return Future.<Void>succeededFuture();
      }
      return writeSegment(prefix, fresh, 1).<Void>map(written -> {
        settle(prefix, fresh, written);
        return null;
      });
    }).onFailure(err -> records.forEach(p -> p.promise().tryFail(err)));
  }

  /** Settles the flushed records: new ones at their line, ids indexed earlier against their first record. */
  private void settle(String prefix, List<Pending> records, Written written) {
    for (int i = 0; i < records.size(); i++) {
      Pending p = records.get(i);
      EvidenceIndex.Entry e = written.earlier().get(p.id());
      if (e == null) {
        p.promise().complete(new EvidenceRef(p.id(), EvidenceKeys.lineRef(written.uri(), i + 1), true));
      } else if (e.digest().equals(p.digest())) {
        p.promise().complete(new EvidenceRef(p.id(), ref(prefix, e), false));
      } else {
        p.promise().fail(new EvidenceDriftException(prefix, p.id(), ref(prefix, e)));
      }
    }
  }

  /** A written and indexed segment: its URI and the ids that were already indexed elsewhere. */
  private record Written(String uri, Map<String, EvidenceIndex.Entry> earlier) {
  }

  private Future<Written> writeSegment(String prefix, List<Pending> records, int attempt) {
    return allocate(prefix).compose(seq -> {
      String key = EvidenceKeys.segmentKey(prefix, seq);
      Buffer content = Buffer.buffer(records.size() * 1024);
      records.forEach(p -> content.appendBytes(p.line()));
      return store.putIfAbsent(settings.bucket(), key, content)
          .compose(meta -> index.insert(prefix, seq, entries(seq, records)))
          .map(earlier -> new Written(store.uri(settings.bucket(), key), earlier))
          .recover(err -> err instanceof ConditionFailedException && attempt < MAX_SEGMENT_ATTEMPTS
              ? writeSegment(prefix, records, attempt + 1) : Future.failedFuture(err));
    });
  }

  private static List<EvidenceIndex.Entry> entries(long seq, List<Pending> records) {
    List<EvidenceIndex.Entry> entries = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      entries.add(new EvidenceIndex.Entry(records.get(i).id(), seq, i + 1, records.get(i).digest()));
    }
    return entries;
  }

  /** Next free segment number of the prefix; the first call per prefix reads the index. */
  private Future<Long> allocate(String prefix) {
    Future<long[]> counter = nextSegment.computeIfAbsent(prefix, p -> index.maxSegment(p).map(max -> new long[] {max + 1}));
    return counter.map(c -> c[0]++).onFailure(err -> nextSegment.remove(prefix));
  }

  private String ref(String prefix, EvidenceIndex.Entry e) {
    return EvidenceKeys.lineRef(store.uri(settings.bucket(), EvidenceKeys.segmentKey(prefix, e.segmentSeq())), e.lineNo());
  }

  private static Map<String, Object> line(String key, byte[] segment, int lineNo) {
    int start = 0;
    for (int n = 1; n < lineNo; n++) {
      start = indexOf(segment, start) + 1;
      if (start <= 0) {
        throw new IllegalStateException("evidence " + key + ": no line " + lineNo);
      }
    }
    int end = indexOf(segment, start);
    return EvidenceJson.parse(key + "#L" + lineNo, segment, start, (end < 0 ? segment.length : end) - start);
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void cancelTimer() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }
}
