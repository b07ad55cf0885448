package dev.fp.ingress.ig.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The IG load generator, run as its own process by {@code fp bench ig} so the load does not share the platform's
 * JVM. Modes: {@code batch} (C concurrent clients each posting B-envelope batches until N envelopes are sent),
 * {@code rate} (single pushes at a fixed rate, open loop: latency counts from the scheduled send time, so a stall is
 * not hidden) and {@code single} (C concurrent clients pushing one envelope at a time for S seconds). Prints one JSON
 * line: envelopes, seconds, envelopes per second, HTTP statuses, decisions and latency percentiles.
 *
 * <p>Usage: {@code IgLoad <mode> <url> <key> <platform_run_id> <prefix> <n|seconds> <batch|rate> <concurrency>}.
 */
public final class IgLoad {
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  private final HttpClient client;
  private final String host;
  private final int port;
  private final String key;
  private final String run;
  private final String prefix;
  private final Latencies latencies = new Latencies();
  private final Map<String, Integer> statuses = new TreeMap<>();
  private final Map<String, Integer> decisions = new TreeMap<>();
  private long sent;

  /** Path before {@code /v1/ingest/…}: empty for IG, {@link NullRoute#BASE} for the baseline. */
  private final String base;

  IgLoad(String url, String key, String run, String prefix, int connections) {
    java.net.URI u = java.net.URI.create(url);
    this.host = u.getHost();
    this.port = u.getPort();
    this.base = u.getPath() == null ? "" : u.getPath();
    this.key = key;
    this.run = run;
    this.prefix = prefix;
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(connections));
  }

  public static void main(String[] a) throws Exception {
    IgLoad load = new IgLoad(a[1], a[2], a[3], a[4], Integer.parseInt(a[7]));
    JsonObject result = switch (a[0]) {
      case "batch" -> load.batch(Long.parseLong(a[5]), Integer.parseInt(a[6]), Integer.parseInt(a[7]));
      case "rate" -> load.rate(Integer.parseInt(a[5]), Integer.parseInt(a[6]));
      case "single" -> load.single(Integer.parseInt(a[5]), Integer.parseInt(a[7]));
      default -> throw new IllegalArgumentException("mode must be batch, rate or single: " + a[0]);
    };
    System.out.println(result.encode());
    load.vertx.close().await();
  }

  JsonObject batch(long events, int batchSize, int concurrency) throws InterruptedException {
    long t0 = System.nanoTime();
    CountDownLatch done = new CountDownLatch(concurrency);
    vertx.runOnContext(v -> {
      for (int i = 0; i < concurrency; i++) {
        nextBatch(events, batchSize, done);
      }
    });
    done.await(30, TimeUnit.MINUTES);
    return result("batch", System.nanoTime() - t0);
  }

  private void nextBatch(long events, int batchSize, CountDownLatch done) {
    if (sent >= events) {
      done.countDown();
      return;
    }
    int n = (int) Math.min(batchSize, events - sent);
    long first = sent;
    sent += n;
    long start = System.nanoTime();
    post("/v1/ingest/batch", BenchEnvelopes.batch(prefix, first, n, run)).onComplete(ar -> {
      record(ar, start, true);
      nextBatch(events, batchSize, done);
    });
  }

  /**
   * Pushes at {@code perSecond}, open loop, for {@code seconds}, after {@link #WARM_UP_SECONDS} at the same rate that
   * are not recorded (this process's own JIT and connection pool warm up, so the recorded latencies are the gate's).
   */
  JsonObject rate(int seconds, int perSecond) throws InterruptedException {
    pushAtRate(prefix + "warm-", WARM_UP_SECONDS, perSecond, false);
    long t0 = System.nanoTime();
    sent = pushAtRate(prefix, seconds, perSecond, true);
    return result("rate", System.nanoTime() - t0).put("target_per_second", perSecond);
  }

  /** Latency counts from each push's scheduled send time, so a stall is not hidden; returns the pushes sent. */
  private long pushAtRate(String idPrefix, int seconds, int perSecond, boolean recorded) throws InterruptedException {
    long t0 = System.nanoTime();
    long total = (long) seconds * perSecond;
    CountDownLatch done = new CountDownLatch(1);
    long[] scheduled = {0};
    long[] answered = {0};
    vertx.setPeriodic(1, 1, id -> {
      long due = Math.min(total, (System.nanoTime() - t0) * perSecond / 1_000_000_000L);
      for (; scheduled[0] < due; scheduled[0]++) {
        long seq = scheduled[0];
        long intended = t0 + seq * 1_000_000_000L / perSecond;
        post("/v1/ingest/push", BenchEnvelopes.envelope(idPrefix + seq, seq, run)).onComplete(ar -> {
          if (recorded) {
            record(ar, intended, false);
          }
          if (++answered[0] == total) {
            done.countDown();
          }
        });
      }
      if (scheduled[0] >= total) {
        vertx.cancelTimer(id);
      }
    });
    done.await(seconds + 120L, TimeUnit.SECONDS);
    return scheduled[0];
  }

  JsonObject single(int seconds, int concurrency) throws InterruptedException {
    long t0 = System.nanoTime();
    long end = t0 + seconds * 1_000_000_000L;
    CountDownLatch done = new CountDownLatch(concurrency);
    vertx.runOnContext(v -> {
      for (int i = 0; i < concurrency; i++) {
        nextSingle(end, done);
      }
    });
    done.await(seconds + 120L, TimeUnit.SECONDS);
    return result("single", System.nanoTime() - t0);
  }

  private void nextSingle(long end, CountDownLatch done) {
    if (System.nanoTime() >= end) {
      done.countDown();
      return;
    }
    long seq = sent++;
    long start = System.nanoTime();
    post("/v1/ingest/push", BenchEnvelopes.envelope(prefix + seq, seq, run)).onComplete(ar -> {
      record(ar, start, false);
      nextSingle(end, done);
    });
  }

  private Future<JsonObject> post(String path, String body) {
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port).setURI(base + path)
        .putHeader("X-IG-Api-Key", key).putHeader("content-type", "application/json");
    Promise<JsonObject> answer = Promise.promise();
    client.request(o).compose(req -> req.send(Buffer.buffer(body)))
        .compose(resp -> resp.body().map(b -> new JsonObject().put("status", resp.statusCode()).put("body", b)))
        .onComplete(answer);
    return answer.future();
  }

  private void record(io.vertx.core.AsyncResult<JsonObject> ar, long start, boolean batch) {
    latencies.add((System.nanoTime() - start) / 1000);
    if (ar.failed()) {
      statuses.merge("transport_error", 1, Integer::sum);
      return;
    }
    statuses.merge(Integer.toString(ar.result().getInteger("status")), 1, Integer::sum);
    if (ar.result().getInteger("status") != 200) {
      return;
    }
    String body = ar.result().getBuffer("body").toString();
    for (String decision : DECISIONS) {
      int n = occurrences(body, "\"decision\":\"" + decision + "\"");
      if (n > 0) {
        // a push answer names its decision twice (top level and receipt); a batch item once
        decisions.merge(decision, batch ? n : 1, Integer::sum);
      }
    }
  }

  /** Decisions are counted by scanning the compact answer, not parsing it: the load process stays light. */
  private static int occurrences(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }

  static final int WARM_UP_SECONDS = 5;
  private static final String[] DECISIONS = {"ADMIT", "DUPLICATE", "QUARANTINE"};

  private JsonObject result(String mode, long nanos) {
    double seconds = nanos / 1e9;
    int admitted = decisions.getOrDefault("ADMIT", 0);
    return new JsonObject().put("mode", mode).put("envelopes", sent).put("seconds", Math.round(seconds * 1000) / 1000.0)
        .put("admitted_per_second", Math.round(admitted / seconds)).put("requests", latencies.count())
        .put("statuses", new JsonObject(new java.util.LinkedHashMap<>(statuses)))
        .put("decisions", new JsonObject(new java.util.LinkedHashMap<>(decisions)))
        .put("latency_ms", new JsonObject(new java.util.LinkedHashMap<>(latencies.summaryMs())));
  }
}
