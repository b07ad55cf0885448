package dev.fp.rtdl.bench;

import dev.fp.contract.Json;
import dev.fp.contract.Topics;
import dev.fp.substrate.eventlog.EventLog;
import dev.fp.substrate.eventlog.LogRecord;
import dev.fp.substrate.eventlog.Position;
import dev.fp.substrate.eventlog.ReadBatch;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The decision lane's latencies from the publish times the event log stored (durable, both profiles): a
 * decision_response carries its traffic event's publish time ({@code source_event.eb_ref.published_at_utc}, IG's
 * admission), its own record's publish time is IG's admission of the decision, and the audit record's is DLA's
 * publish on the audit topic. Only decisions of traffic events whose id starts with the measured prefix count.
 */
final class LaneLatencies {
  private final Map<String, Long> admittedByDecision = new HashMap<>();
  private long[] toDecision = new long[1 << 16];
  private long[] toAudit = new long[1 << 16];
  private int decisions;
  private int audits;

  private LaneLatencies() {
  }

  @SuppressWarnings("unchecked")
  static LaneLatencies read(EventLog log, String run, String prefix) throws Exception {
    LaneLatencies l = new LaneLatencies();
    scan(log, Topics.RTDL, rec -> {
      Map<String, Object> e = parse(rec);
      if (!run.equals(e.get("platform_run_id")) || !"decision_response".equals(e.get("event_type"))) {
        return;
      }
      Map<String, Object> p = (Map<String, Object>) e.get("payload");
      Map<String, Object> source = (Map<String, Object>) p.get("source_event");
      if (!String.valueOf(source.get("event_id")).startsWith(prefix)) {
        return;
      }
      long admitted = micros(String.valueOf(((Map<String, Object>) source.get("eb_ref")).get("published_at_utc")));
      l.admittedByDecision.put(String.valueOf(p.get("decision_id")), admitted);
      l.toDecision = add(l.toDecision, l.decisions++, micros(rec.publishedAtUtc()) - admitted);
    });
    scan(log, Topics.AUDIT, rec -> {
      Map<String, Object> e = parse(rec);
      Long admitted = run.equals(e.get("platform_run_id"))
          ? l.admittedByDecision.remove(String.valueOf(((Map<String, Object>) e.get("payload")).get("decision_id")))
          : null;
      if (admitted != null) {
        l.toAudit = add(l.toAudit, l.audits++, micros(rec.publishedAtUtc()) - admitted);
      }
    });
    return l;
  }

  /** {@code latency_ms}: p50/p90/p99/max of admission → decision and admission → audit record, with their counts. */
  JsonObject summary() {
    return new JsonObject().put("latency_ms", new JsonObject()
        .put("traffic_to_decision", percentiles(toDecision, decisions))
        .put("traffic_to_audit", percentiles(toAudit, audits)));
  }

  private static JsonObject percentiles(long[] micros, int n) {
    long[] sorted = Arrays.copyOf(micros, n);
    Arrays.sort(sorted);
    JsonObject out = new JsonObject().put("n", n);
    for (double q : new double[] {0.5, 0.9, 0.99}) {
      out.put("p" + Math.round(q * 100), n == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(q * n) - 1)] / 1000.0);
    }
    return out.put("max", n == 0 ? 0 : sorted[n - 1] / 1000.0);
  }

  private static void scan(EventLog log, String topic, Consumer<LogRecord> each) throws Exception {
    int partitions = LaneBench.await(log.partitions(topic));
    for (int p = 0; p < partitions; p++) {
      Position from = Position.trimHorizon();
      for (ReadBatch b = LaneBench.await(log.read(topic, p, from, 1000)); !b.records().isEmpty();
           b = LaneBench.await(log.read(topic, p, from, 1000))) {
        b.records().forEach(each);
        from = b.next();
      }
    }
  }

  private static Map<String, Object> parse(LogRecord rec) {
    try {
      return Json.readObject(rec.data());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a record of " + rec.topic() + " is not JSON: " + e.getMessage(), e);
    }
  }

  private static long micros(String utc) {
    Instant t = Instant.parse(utc);
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }

  private static long[] add(long[] values, int at, long value) {
    long[] out = at == values.length ? Arrays.copyOf(values, at * 2) : values;
    out[at] = value;
    return out;
  }
}
