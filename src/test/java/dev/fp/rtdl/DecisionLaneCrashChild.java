package dev.fp.rtdl;

import dev.fp.ingress.ig.IgVerticle;
import dev.fp.platform.Catalog;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.stream.CountersTable;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.rtdl.al.ActionLayer;
import dev.fp.rtdl.al.ActionLayerVerticle;
import dev.fp.rtdl.al.AlConfig;
import dev.fp.rtdl.al.core.AlCounters;
import dev.fp.rtdl.df.DecisionFabric;
import dev.fp.rtdl.df.DecisionFabricVerticle;
import dev.fp.rtdl.df.DfConfig;
import dev.fp.rtdl.df.core.DfCounters;
import dev.fp.rtdl.dla.DecisionLogAudit;
import dev.fp.rtdl.dla.DecisionLogAuditVerticle;
import dev.fp.rtdl.dla.DlaConfig;
import dev.fp.rtdl.dla.core.DlaCounters;
import dev.fp.substrate.state.StateStore;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Test-only child process of {@link DecisionLaneCrashTest}: a platform process running IG, DF, AL and DLA for one run
 * on the profile {@code t} of the given folder. Args: config folder, platform_run_id, crash point — {@code none} or
 * {@code <df|al|dla>:<before|after>:<n>}: at that component's n-th batch with effects, before its effects run (DF:
 * decided and stored, not published; AL: intents executed, outcomes not recorded; DLA: chains built, nothing written)
 * or after they returned (IG answered / the audit written and published) and before the commit, it prints
 * {@code AT <point>} and leaves the batch hanging until the parent kills the process. Every 50 ms it prints
 * {@code PROGRESS <df settled> <al settled> <dla audit records>} from the durable counters. The killed predecessor's
 * leases block the start until they expire, so each deployment is retried (as a pack restart would be).
 */
public final class DecisionLaneCrashChild {
  private DecisionLaneCrashChild() {
  }

  public static void main(String[] args) throws Exception {
    PlatformConfig cfg = ConfigLoader.load("t", Path.of(args[0]), Map.of());
    String run = args[1];
    String point = args[2];
    PlatformRuntime rt = get(PlatformRuntime.start(cfg, Clock.systemUTC(), Catalog.NONE));
    PlatformServices s = rt.services();
    deploy(rt, () -> new IgVerticle(s));
    deploy(rt, () -> new ActionLayerVerticle(s, run, AlConfig.from(cfg.components().section("al")),
        crashAt("al", point)));
    deploy(rt, () -> new DecisionLogAuditVerticle(s, run, DlaConfig.from(cfg.components().section("dla")),
        crashAt("dla", point)));
    deploy(rt, () -> new DecisionFabricVerticle(s, run, DfConfig.from(cfg.components().section("df")),
        crashAt("df", point)));
    StateStore store = get(rt.substrate().stateStore());
    while (true) {
      long df = settled(store, run, DecisionFabric.NAME, DfCounters.PUBLISH_ADMIT, DfCounters.PUBLISH_DUPLICATE);
      long al = settled(store, run, ActionLayer.NAME, AlCounters.PUBLISH_ADMIT, AlCounters.PUBLISH_DUPLICATE);
      long dla = settled(store, run, DecisionLogAudit.NAME, DlaCounters.AUDIT_RECORDS);
      print("PROGRESS " + df + " " + al + " " + dla);
      Thread.sleep(50);
    }
  }

  /** The crash hook of {@code component}, or none when the point names another one. */
  static <E> UnaryOperator<EffectRunner<E>> crashAt(String component, String point) {
    String[] p = point.split(":");
    if (!p[0].equals(component)) {
      return UnaryOperator.identity();
    }
    boolean before = p[1].equals("before");
    int n = Integer.parseInt(p[2]);
    AtomicInteger rounds = new AtomicInteger();
    return real -> (effects, batch) -> {
      if (effects.isEmpty() || rounds.incrementAndGet() != n) {
        return real.run(effects, batch);
      }
      Future<Void> ran = before ? Future.succeededFuture() : real.run(effects, batch);
      return ran.compose(v -> {
        print("AT " + point);
        return Promise.<Void>promise().future();
      });
    };
  }

  private static long settled(StateStore store, String run, String component, String... counters)
      throws Exception {
    var c = get(CountersTable.read(store, run, component, List.of(counters)));
    long sum = 0;
    for (String name : counters) {
      sum += c.get(name);
    }
    return sum;
  }

  private static void deploy(PlatformRuntime rt, Supplier<Deployable> verticle) throws Exception {
    for (int attempt = 0; ; attempt++) {
      try {
        get(rt.vertx().deployVerticle(verticle.get()));
        return;
      } catch (ExecutionException e) {
        if (attempt > 100) {
          e.printStackTrace();
          System.exit(1);
        }
        Thread.sleep(200);
      }
    }
  }

  private static synchronized void print(String line) {
    System.out.println(line);
    System.out.flush();
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
