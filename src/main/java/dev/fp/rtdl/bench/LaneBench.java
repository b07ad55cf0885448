package dev.fp.rtdl.bench;

import dev.fp.contract.Json;
import dev.fp.contract.PlatformRunIds;
import dev.fp.ingress.ig.IgVerticle;
import dev.fp.ingress.ig.bench.BenchEnvelopes;
import dev.fp.platform.Catalog;
import dev.fp.platform.FileTrees;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.SubstrateBootstrap;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.ingest.IgAdmissionClient;
import dev.fp.platform.stream.CountersTable;
import dev.fp.rtdl.al.ActionLayerVerticle;
import dev.fp.rtdl.df.DecisionFabric;
import dev.fp.rtdl.df.DecisionFabricVerticle;
import dev.fp.rtdl.df.core.DfCounters;
import dev.fp.rtdl.dl.DegradeLadderVerticle;
import dev.fp.rtdl.dla.DecisionLogAudit;
import dev.fp.rtdl.dla.DecisionLogAuditVerticle;
import dev.fp.rtdl.dla.core.DlaCounters;
import dev.fp.substrate.state.StateStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@code fp bench lane}: the RTDL decision lane — IG, DL, DF, AL and DLA, without the RTDL core projectors (no CSFB,
 * OFP or IEG answers: every decision takes the missing-context path, as in the crash tests) — on fresh state of the
 * chosen profile (a temp runs root; on parity a fresh PostgreSQL schema). Traffic events (WSP-shaped, {@link
 * BenchEnvelopes}) are admitted through IG's in-process admission as principal {@code SYSTEM::world_stream_producer},
 * in batches, either as fast as IG takes them or at a fixed rate. After an unreported warm-up (the JIT compiles the
 * lane), the measured events' decisions/s and audit records/s come from the lane's durable counters, the process CPU
 * per decision from the JVM's CPU time, and the latencies from the publish times the event log stored: traffic event
 * (IG's publish) → its decision_response → its audit record.
 */
public final class LaneBench {
  static final String WSP = "SYSTEM::world_stream_producer";
  private final Options o;

  /**
   * @param profile      embedded or local_parity
   * @param confDir      folder with the profile yaml and policies (null: ./conf or the bundled copy)
   * @param warmupEvents traffic events decided before the measurement (JIT warm-up), not reported
   * @param events       measured traffic events
   * @param rate         traffic events/s of the feed, 0 = as fast as IG admits them
   * @param batchSize    traffic events per admission request
   */
  public record Options(String profile, Path confDir, long warmupEvents, long events, int rate, int batchSize) {
  }

  public LaneBench(Options options) {
    this.o = options;
  }

  public JsonObject run() throws Exception {
    Path state = Files.createTempDirectory("fp-bench-lane-");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("FP_RUNS_ROOT", state.resolve("runs").toString());
    env.put("FP_HTTP_PORT", "0");
    String schema = "bench_lane_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    env.put("FP_PG_SCHEMA", schema);
    Path keys = state.resolve("keys.txt");
    Files.writeString(keys, String.join("\n",
        "bench-wsp principal=" + WSP + " classes=traffic_fraud,traffic_baseline",
        "bench-df principal=SYSTEM::decision_fabric classes=rtdl_decision,rtdl_action_intent",
        "bench-al principal=SYSTEM::action_layer classes=rtdl_action_outcome") + "\n");
    env.put("FP_API_KEYS_FILE", keys.toString());
    PlatformConfig cfg = ConfigLoader.load(o.profile(), o.confDir(), env);
    String run = new PlatformRunIds(Clock.systemUTC()).mint();
    PlatformRunIds.pin(cfg.runsRoot(), run);
    PlatformRuntime rt = await(PlatformRuntime.start(cfg, Clock.systemUTC(), Catalog.NONE));
    List<String> deployed = new ArrayList<>();
    try {
      await(new SubstrateBootstrap(rt.substrate()).bootstrap());
      var s = rt.services();
      deployed.add(await(rt.vertx().deployVerticle(new IgVerticle(s))));
      deployed.add(await(rt.vertx().deployVerticle(new DegradeLadderVerticle(s, run))));
      deployed.add(await(rt.vertx().deployVerticle(new ActionLayerVerticle(s, run))));
      deployed.add(await(rt.vertx().deployVerticle(new DecisionLogAuditVerticle(s, run))));
      deployed.add(await(rt.vertx().deployVerticle(new DecisionFabricVerticle(s, run))));
      StateStore store = await(rt.substrate().stateStore());
      IgAdmissionClient ig = new IgAdmissionClient(rt.vertx(), WSP);
      String prefix = UUID.randomUUID().toString().substring(0, 8);
      if (o.warmupEvents() > 0) {
        feed(rt, ig, run, "w-" + prefix + "-", o.warmupEvents(), 0);
        waitForAudit(store, run, o.warmupEvents());
        System.out.println("warm-up (not reported): " + o.warmupEvents() + " traffic events decided and audited");
      }
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      Future<Long> fed = feedAsync(rt, ig, run, "m-" + prefix + "-", o.events(), o.rate());
      long[] done = waitForAudit(store, run, o.warmupEvents() + o.events());
      long feedNanos = await(fed) - t0;
      long cpu = processCpuNanos() - cpu0;
      JsonObject r = new JsonObject()
          .put("events", o.events())
          .put("feed", o.rate() == 0 ? "as fast as IG admits" : o.rate() + " events/s")
          .put("fed_per_second", Math.round(o.events() / (feedNanos / 1e9)))
          .put("decisions_per_second", Math.round(o.events() / ((done[0] - t0) / 1e9)))
          .put("audit_records_per_second", Math.round(o.events() / ((done[1] - t0) / 1e9)))
          .put("cpu_us_per_decision", Math.round(cpu / 1e3 / o.events()))
          .put("seconds", Math.round((done[1] - t0) / 1e8) / 10.0);
      r.mergeIn(LaneLatencies.read(rt.substrate().eventLog(), run, "m-" + prefix + "-").summary());
      return r;
    } finally {
      // the lane first (consumers before IG), so nothing writes to the store while the runtime closes it
      for (int i = deployed.size() - 1; i >= 0; i--) {
        await(rt.vertx().undeploy(deployed.get(i)));
      }
      if ("postgres".equals(rt.substrate().db().dialect().name())) {
        await(rt.substrate().db().query("DROP SCHEMA IF EXISTS " + schema + " CASCADE",
            io.vertx.sqlclient.Tuple.tuple()));
      }
      await(rt.shutdown());
      FileTrees.delete(state);   // ~600 MB per 20 000-event run
    }
  }

  private void feed(PlatformRuntime rt, IgAdmissionClient ig, String run, String prefix, long n, int rate)
      throws Exception {
    await(feedAsync(rt, ig, run, prefix, n, rate));
  }

  /**
   * Admits {@code n} traffic events through IG on a timer: as fast as possible, 4 batches in flight; or {@code rate}
   * events/s in 10 ms ticks. A batch IG did not answer, or answered retryably (409, 429, 5xx), is sent again after
   * 500 ms as WSP would (what landed comes back DUPLICATE). Completes with {@link System#nanoTime()} once IG took
   * the last one; fails on a refusal.
   */
  @SuppressWarnings("unchecked")
  private Future<Long> feedAsync(PlatformRuntime rt, IgAdmissionClient ig, String run, String prefix, long n,
                                 int rate) {
    Promise<Long> done = Promise.promise();
    AtomicLong sent = new AtomicLong();
    AtomicLong admitted = new AtomicLong();
    long start = System.nanoTime();
    Runnable[] pump = new Runnable[1];
    int[] inFlight = {0};
    Consumer<List<Map<String, Object>>>[] send = new Consumer[1];
    send[0] = batch -> ig.admitBatch(batch).onComplete(ar -> {
      String answer = ar.failed() ? "RETRY" : answer(ar.result());
      if (answer.equals("RETRY")) {
        rt.vertx().setTimer(500, id -> send[0].accept(batch));
      } else if (answer.equals("OK")) {
        inFlight[0]--;
        if (admitted.addAndGet(batch.size()) == n) {
          done.tryComplete(System.nanoTime());
        } else if (rate == 0) {
          pump[0].run();
        }
      } else {
        done.tryFail("IG refused the bench's traffic: " + answer);
      }
    });
    pump[0] = () -> {
      long due = rate == 0 ? n : Math.min(n, (System.nanoTime() - start) * rate / 1_000_000_000L + 1);
      while (sent.get() < due && (rate > 0 || inFlight[0] < 4)) {
        long first = sent.get();
        int size = (int) Math.min(o.batchSize(), due - first);
        sent.addAndGet(size);
        inFlight[0]++;
        send[0].accept(batch(prefix, first, size, run));
      }
    };
    rt.vertx().runOnContext(v -> {
      if (rate == 0) {
        pump[0].run();
      } else {
        long timer = rt.vertx().setPeriodic(10, id -> pump[0].run());
        done.future().onComplete(x -> rt.vertx().cancelTimer(timer));
      }
    });
    return done.future();
  }

  private static List<Map<String, Object>> batch(String prefix, long first, int size, String run) {
    List<Map<String, Object>> out = new ArrayList<>(size);
    for (long i = first; i < first + size; i++) {
      try {
        out.add(Json.readObject(BenchEnvelopes.envelope(prefix + i, i, run)));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  /** OK when IG took every event (ADMIT or DUPLICATE), RETRY when it asked for a retry, else its refusal. */
  private static String answer(JsonObject answer) {
    var results = answer.getJsonArray("results");
    if (results == null) {
      return retryable(answer.getInteger("status", 500)) ? "RETRY" : answer.encode();
    }
    for (int i = 0; i < results.size(); i++) {
      JsonObject item = results.getJsonObject(i);
      if (retryable(item.getInteger("status", 500))) {
        return "RETRY";
      }
      if (!"ADMIT".equals(item.getString("decision")) && !"DUPLICATE".equals(item.getString("decision"))) {
        return item.encode();
      }
    }
    return "OK";
  }

  private static boolean retryable(int status) {
    return status == 409 || status == 429 || status >= 500;
  }

  /**
   * Polls the durable counters every 100 ms until DLA wrote {@code total} audit records; returns the
   * {@link System#nanoTime()} when DF had settled {@code total} decisions with IG and when DLA reached {@code total}.
   */
  private static long[] waitForAudit(StateStore store, String run, long total) throws Exception {
    long decided = 0;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
    while (System.nanoTime() < deadline) {
      long df = settled(store, run, DecisionFabric.NAME, DfCounters.PUBLISH_ADMIT, DfCounters.PUBLISH_DUPLICATE);
      long now = System.nanoTime();
      if (decided == 0 && df >= total) {
        decided = now;
      }
      if (settled(store, run, DecisionLogAudit.NAME, DlaCounters.AUDIT_RECORDS) >= total) {
        return new long[] {decided == 0 ? now : decided, now};
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the lane did not audit " + total + " traffic events within 30 min");
  }

  private static long settled(StateStore store, String run, String component, String... counters) throws Exception {
    var c = await(CountersTable.read(store, run, component, List.of(counters)));
    long sum = 0;
    for (String name : counters) {
      sum += c.get(name);
    }
    return sum;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }
}
