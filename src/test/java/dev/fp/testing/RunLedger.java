package dev.fp.testing;

import dev.fp.contract.Topics;
import dev.fp.platform.Substrate;
import dev.fp.platform.evidence.EvidenceLayout;
import dev.fp.platform.evidence.EvidenceSettings;
import dev.fp.platform.evidence.EvidenceWriter;
import dev.fp.platform.evidence.EvidenceWriters;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.substrate.eventlog.EventLog;
import dev.fp.substrate.eventlog.LogRecord;
import dev.fp.substrate.eventlog.Position;
import dev.fp.substrate.eventlog.ReadBatch;
import dev.fp.substrate.objectstore.ObjectMeta;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run left in durable evidence, counted per event: how often each of the run's events is on the event bus,
 * and how many ADMIT receipts each has (either evidence layout). The crash test and {@code scripts/soak-crash.sh}
 * judge a killed-and-resumed run by it: nothing lost, nothing doubled.
 *
 * <p>A segment line counts only where the evidence index places that receipt: a segment written just before a kill
 * whose index batch never committed holds lines that are not evidence (the receipt was never acknowledged and
 * is written again; ARCHITECTURE §6: segments are located through the index). Such lines are counted apart, in
 * {@code orphanLines}, so a reader of the raw objects knows how many there are.
 *
 * @param onBus         event id → records of this run on the traffic and context topics
 * @param admitReceipts event id → ADMIT receipts of this run (as the evidence index locates them)
 * @param orphanLines   ADMIT receipt lines in segments the index does not point to
 */
public record RunLedger(Map<String, Integer> onBus, Map<String, Integer> admitReceipts, int orphanLines) {
  private static final String BUCKET = "fraud-platform";

  /** Events of the run that are on the bus more than once, or have more than one ADMIT receipt. */
  public long doubled() {
    return onBus.values().stream().filter(n -> n > 1).count()
        + admitReceipts.values().stream().filter(n -> n > 1).count();
  }

  /** Of {@code expected} events, how many are not on the bus (an event without ADMIT receipt counts too). */
  public long lost(long expected) {
    long missingReceipt = onBus.keySet().stream().filter(id -> !admitReceipts.containsKey(id)).count();
    return Math.max(0, expected - onBus.size()) + missingReceipt;
  }

  /** The topics WSP streams to (through IG): traffic and context; the decision lane's rtdl and audit are not counted. */
  static final List<String> STREAMED = Topics.EVENT_BUS.stream()
      .filter(t -> !List.of(Topics.RTDL, Topics.CASE, Topics.AUDIT).contains(t)).toList();

  public static Future<RunLedger> read(Vertx vertx, Substrate substrate, String runId) {
    Map<String, Integer> bus = new HashMap<>();
    Map<String, Integer> receipts = new HashMap<>();
    List<ReceiptLine> lines = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (String topic : STREAMED) {
      chain = chain.compose(v -> substrate.eventLog().partitions(topic).compose(n -> {
        Future<Void> each = Future.succeededFuture();
        for (int p = 0; p < n; p++) {
          int partition = p;
          each = each.compose(x -> readAll(substrate.eventLog(), topic, partition, Position.trimHorizon(), runId, bus));
        }
        return each;
      }));
    }
    String prefix = runId + "/ig/receipts";
    chain = chain.compose(v -> substrate.objectStore().list(BUCKET, prefix + "/")).compose(objects -> {
      Future<Void> each = Future.succeededFuture();
      for (ObjectMeta o : objects) {
        each = each.compose(x -> substrate.objectStore().get(BUCKET, o.key()).map(buf -> {
          admits(o.key(), buf.toString(), lines);
          return null;
        }));
      }
      return each;
    });
    EvidenceWriter index = EvidenceWriters.create(vertx, substrate.objectStore(), substrate.stateStore(),
        EvidenceSettings.of(EvidenceLayout.SEGMENT, BUCKET));
    int[] orphans = {0};
    return chain.compose(v -> {
      Future<Void> each = Future.succeededFuture();
      for (ReceiptLine l : lines) {
        each = each.compose(x -> l.lineNo() == 0 ? Future.succeededFuture(true)
            : index.locate(prefix, l.receiptId()).map(at -> at.filter(ref -> ref.endsWith(l.key() + "#L" + l.lineNo()))
            .isPresent())).map(indexed -> {
              if (indexed) {
                receipts.merge(l.eventId(), 1, Integer::sum);
              } else {
                orphans[0]++;
              }
              return null;
            });
      }
      return each;
    }).eventually(index::close).map(v -> new RunLedger(Map.copyOf(bus), Map.copyOf(receipts), orphans[0]));
  }

  /** An ADMIT receipt of a streamed event: its object, its line there (0: the object is the receipt) and ids. */
  private record ReceiptLine(String key, int lineNo, String receiptId, String eventId) {
  }

  private static Future<Void> readAll(EventLog log, String topic, int partition, Position from, String runId,
                                      Map<String, Integer> bus) {
    return log.read(topic, partition, from, 1000).compose(batch -> {
      if (batch.records().isEmpty()) {
        return Future.succeededFuture();
      }
      for (LogRecord r : batch.records()) {
        JsonObject env = new JsonObject(r.data());
        if (runId.equals(env.getString("platform_run_id"))) {
          bus.merge(env.getString("event_id"), 1, Integer::sum);
        }
      }
      return readAll(log, topic, partition, next(batch), runId, bus);
    });
  }

  private static Position next(ReadBatch batch) {
    return batch.next() != null ? batch.next()
        : Position.after(batch.records().get(batch.records().size() - 1).offset());
  }

  /** A receipt object holds one JSON document (object layout) or one per line (segment layout, lines from 1). */
  private static void admits(String key, String text, List<ReceiptLine> out) {
    boolean one = !key.contains("/segments/part-");
    List<String> docs = one ? List.of(text.strip()) : text.lines().toList();
    for (int i = 0; i < docs.size(); i++) {
      if (docs.get(i).isBlank()) {
        continue;
      }
      JsonObject r = new JsonObject(docs.get(i));
      JsonObject eb = r.getJsonObject("eb_ref");
      if ("ADMIT".equals(r.getString("decision")) && eb != null && STREAMED.contains(eb.getString("topic"))) {
        out.add(new ReceiptLine(key, one ? 0 : i + 1, r.getString("receipt_id"), r.getString("event_id")));
      }
    }
  }

  /**
   * {@code java -cp fraud-platform.jar:test-classes dev.fp.testing.RunLedger <profile> <run> <expected>}: prints
   * {@code lost=… doubled=… on_bus=… admit_receipts=…} for the run (from the current folder's configuration).
   */
  public static void main(String[] args) throws Exception {
    PlatformConfig cfg = ConfigLoader.load(args[0], null, System.getenv());
    Vertx vertx = Vertx.vertx();
    try {
      Substrate substrate = Await.await(Substrate.open(vertx, cfg));
      try {
        RunLedger l = Await.await(read(vertx, substrate, args[1]));
        System.out.println("lost=" + l.lost(Long.parseLong(args[2])) + " doubled=" + l.doubled() + " on_bus="
            + l.onBus().size() + " admit_receipts=" + l.admitReceipts().values().stream().mapToInt(i -> i).sum()
            + " orphan_segment_lines=" + l.orphanLines());
      } finally {
        Await.await(substrate.close());
      }
    } finally {
      Await.await(vertx.close());
      dev.fp.platform.log.ProcessLogs.drain();
    }
  }
}
