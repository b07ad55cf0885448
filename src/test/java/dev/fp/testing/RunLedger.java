package dev.fp.testing;

import dev.fp.contract.Topics;
import dev.fp.platform.Substrate;
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

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run left in durable evidence, counted per event: how often each of the run's events is on the event bus,
 * and how many ADMIT receipts each has (either evidence layout). The crash test and {@code scripts/soak-crash.sh}
 * judge a killed-and-resumed run by it: nothing lost, nothing doubled.
 *
 * @param onBus         event id → records of this run on the traffic and context topics
 * @param admitReceipts event id → ADMIT receipts of this run
 */
public record RunLedger(Map<String, Integer> onBus, Map<String, Integer> admitReceipts) {
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

  public static Future<RunLedger> read(Substrate substrate, String runId) {
    Map<String, Integer> bus = new HashMap<>();
    Map<String, Integer> receipts = new HashMap<>();
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
    chain = chain.compose(v -> substrate.objectStore().list(BUCKET, runId + "/ig/receipts/")).compose(objects -> {
      Future<Void> each = Future.succeededFuture();
      for (ObjectMeta o : objects) {
        each = each.compose(x -> substrate.objectStore().get(BUCKET, o.key()).map(buf -> {
          countAdmits(buf.toString(), receipts);
          return null;
        }));
      }
      return each;
    });
    return chain.map(v -> new RunLedger(Map.copyOf(bus), Map.copyOf(receipts)));
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

  /** A receipt object holds one JSON document (object layout) or one per line (segment layout). */
  private static void countAdmits(String text, Map<String, Integer> receipts) {
    String trimmed = text.strip();
    List<String> docs = isOneDocument(trimmed) ? List.of(trimmed) : trimmed.lines().filter(l -> !l.isBlank()).toList();
    for (String doc : docs) {
      JsonObject r = new JsonObject(doc);
      JsonObject eb = r.getJsonObject("eb_ref");
      if ("ADMIT".equals(r.getString("decision")) && eb != null && STREAMED.contains(eb.getString("topic"))) {
        receipts.merge(r.getString("event_id"), 1, Integer::sum);
      }
    }
  }

  private static boolean isOneDocument(String text) {
    try {
      new JsonObject(text);
      return true;
    } catch (io.vertx.core.json.DecodeException e) {
      return false;
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
        RunLedger l = Await.await(read(substrate, args[1]));
        System.out.println("lost=" + l.lost(Long.parseLong(args[2])) + " doubled=" + l.doubled() + " on_bus="
            + l.onBus().size() + " admit_receipts=" + l.admitReceipts().values().stream().mapToInt(i -> i).sum());
      } finally {
        Await.await(substrate.close());
      }
    } finally {
      Await.await(vertx.close());
      dev.fp.platform.log.ProcessLogs.drain();
    }
  }
}
