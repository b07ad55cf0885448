package dev.fp.control.wsp;

import dev.fp.contract.EnvelopeValidator;
import dev.fp.contract.Ids;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test double of IG's ingestion contract one layer up (STYLE.md: fakes only of our own interfaces): {@code POST
 * /v1/ingest/batch} (JSON array → per-item results in order) and {@code POST /v1/ingest/push}, API key checked,
 * envelopes validated against the canonical schema (invalid → QUARANTINE), run-scoped dedupe on (platform_run_id,
 * event_id) with payload-hash check (ADMIT, then DUPLICATE; a different payload → QUARANTINE). Faults can be queued:
 * a status (with Retry-After), a dropped connection before or after the batch was applied. Thread-safe for readers.
 */
final class FakeIg {
  /** One queued fault: answer {@code status}, or close the connection ({@code DROP}, {@code APPLY_THEN_DROP}). */
  record Fault(Kind kind, int status, String retryAfter, int decided) {
    enum Kind { STATUS, DROP, APPLY_THEN_DROP, PARTIAL }

    static Fault status(int status) {
      return new Fault(Kind.STATUS, status, status == 409 || status == 503 || status == 429 ? "0" : null, 0);
    }

    static Fault drop() {
      return new Fault(Kind.DROP, 0, null, 0);
    }

    static Fault applyThenDrop() {
      return new Fault(Kind.APPLY_THEN_DROP, 0, null, 0);
    }

    /** A 200 batch answer deciding only the first {@code decided} items; the rest carry {@code itemStatus}. */
    static Fault partial(int decided, int itemStatus) {
      return new Fault(Kind.PARTIAL, itemStatus, null, decided);
    }
  }

  /** What IG decided for one envelope, in arrival order. */
  record Arrival(String eventType, String eventId, String decision, String reason) {
  }

  private final Vertx vertx;
  private final String apiKey;
  private final ArrayDeque<Fault> faults = new ArrayDeque<>();
  private final Map<String, String> admitted = new HashMap<>();
  private final List<Arrival> arrivals = new ArrayList<>();
  private HttpServer server;
  private Integer failAlways;
  private long delayMs;
  private int requests;
  private int batches;
  private int pushes;

  private FakeIg(Vertx vertx, String apiKey) {
    this.vertx = vertx;
    this.apiKey = apiKey;
  }

  static Future<FakeIg> start(Vertx vertx, String apiKey) {
    FakeIg ig = new FakeIg(vertx, apiKey);
    return vertx.createHttpServer().requestHandler(ig::handle).listen(0, "127.0.0.1").map(s -> {
      ig.server = s;
      return ig;
    });
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Forgets every admission, arrival, fault and counter (a fresh IG on the same port). */
  synchronized void reset() {
    faults.clear();
    admitted.clear();
    arrivals.clear();
    failAlways = null;
    delayMs = 0;
    requests = 0;
    batches = 0;
    pushes = 0;
  }

  synchronized void failNext(Fault... next) {
    faults.addAll(List.of(next));
  }

  synchronized void failAlways(Integer status) {
    failAlways = status;
  }

  synchronized void delay(long ms) {
    delayMs = ms;
  }

  synchronized List<Arrival> arrivals() {
    return List.copyOf(arrivals);
  }

  synchronized List<Arrival> arrivals(String eventType) {
    return arrivals.stream().filter(a -> a.eventType().equals(eventType)).toList();
  }

  synchronized int requests() {
    return requests;
  }

  synchronized int batches() {
    return batches;
  }

  synchronized int pushes() {
    return pushes;
  }

  synchronized int pendingFaults() {
    return faults.size();
  }

  Future<Void> close() {
    return server.close();
  }

  private void handle(HttpServerRequest req) {
    req.body().onSuccess(body -> {
      Fault fault;
      long delay;
      synchronized (this) {
        requests++;
        fault = failAlways != null ? Fault.status(failAlways) : faults.poll();
        delay = delayMs;
      }
      if (!apiKey.equals(req.getHeader("X-IG-Api-Key"))) {
        reply(req, 401, null, "{\"error\":\"UNAUTHORIZED\"}");
      } else if (fault != null && fault.kind() == Fault.Kind.STATUS) {
        reply(req, fault.status(), fault.retryAfter(), "{\"error\":\"INJECTED\",\"detail\":\"status "
            + fault.status() + "\"}");
      } else if (fault != null && fault.kind() == Fault.Kind.DROP) {
        req.connection().close();
      } else if (fault != null && fault.kind() == Fault.Kind.PARTIAL) {
        reply(req, 200, null, partial(body, fault));
      } else {
        String answer = ingest(req.path(), body);
        if (fault != null) {
          req.connection().close();
        } else if (delay > 0) {
          vertx.setTimer(delay, t -> reply(req, 200, null, answer));
        } else {
          reply(req, 200, null, answer);
        }
      }
    });
  }

  private String ingest(String path, Buffer body) {
    Object parsed = Json.decodeValue(body);
    if (path.equals("/v1/ingest/batch") && parsed instanceof JsonArray items) {
      JsonArray out = new JsonArray();
      synchronized (this) {
        batches++;
      }
      for (Object item : items) {
        out.add(decide(item));
      }
      return out.encode();
    }
    synchronized (this) {
      pushes++;
    }
    return decide(parsed).encode();
  }

  private String partial(Buffer body, Fault fault) {
    JsonArray items = (JsonArray) Json.decodeValue(body);
    JsonArray out = new JsonArray();
    synchronized (this) {
      batches++;
    }
    for (int i = 0; i < items.size(); i++) {
      out.add(i < fault.decided() ? decide(items.getValue(i)) : new JsonObject().put("status", fault.status())
          .put("error", "PUBLISH_IN_FLIGHT_RETRY"));
    }
    return new JsonObject().put("results", out).encode();
  }

  private synchronized JsonObject decide(Object item) {
    Map<String, Object> env = item instanceof JsonObject o ? o.getMap() : Map.of();
    String eventId = String.valueOf(env.get("event_id"));
    String eventType = String.valueOf(env.get("event_type"));
    var validation = EnvelopeValidator.validate(item instanceof JsonObject o ? o.getMap() : item);
    String decision;
    String reason = null;
    if (!validation.isValid()) {
      decision = "QUARANTINE";
      reason = validation.reasonCode();
    } else {
      String key = env.get("platform_run_id") + ":" + eventId;
      String hash = Ids.payloadHash(eventType, (String) env.get("schema_version"), env.get("payload"));
      String known = admitted.putIfAbsent(key, hash);
      decision = known == null ? "ADMIT" : known.equals(hash) ? "DUPLICATE" : "QUARANTINE";
      reason = decision.equals("QUARANTINE") ? "PAYLOAD_HASH_MISMATCH" : null;
    }
    arrivals.add(new Arrival(eventType, eventId, decision, reason));
    return new JsonObject().put("event_id", eventId).put("decision", decision)
        .put("receipt_id", Ids.receiptId(decision, eventId)).put("reason_code", reason);
  }

  private static void reply(HttpServerRequest req, int status, String retryAfter, String body) {
    var resp = req.response().setStatusCode(status).putHeader("content-type", "application/json");
    if (retryAfter != null) {
      resp.putHeader("Retry-After", retryAfter);
    }
    resp.end(body);
  }
}
