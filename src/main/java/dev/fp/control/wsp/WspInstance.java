package dev.fp.control.wsp;

import dev.fp.contract.Topics;
import dev.fp.control.wsp.store.WspStore;
import dev.fp.oraclestore.Roots;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.governance.GovernanceOutbox;
import dev.fp.platform.log.Logging;
import dev.fp.substrate.eventlog.CheckpointStore;
import dev.fp.substrate.eventlog.ConsumerOptions;
import dev.fp.substrate.eventlog.LogConsumer;
import dev.fp.substrate.eventlog.Position;
import dev.fp.substrate.eventlog.TopicPartition;
import io.vertx.core.Context;
import dev.fp.platform.Polling;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * One live WSP: the {@code sr-control-bus} consumer group {@value #GROUP_ID} (its lease makes this the only live
 * instance; a second one fails with {@code LeaseHeldException} naming the holder), the READY loop and the output
 * streams. As a daemon it polls for READYs until stopped; {@link #once} reads the control bus up to its end, handles
 * every READY due and returns (the manual {@code fp wsp once}). Run on a Vert.x context; nothing here blocks.
 */
public final class WspInstance {
  public static final String GROUP_ID = "wsp_ready_consumer";
  static final Logger LOG = Logging.component(WspVerticle.PROCESS_ID);

  /** Injection points for tests: the processes each pack has, and the environment the active run is read from. */
  record Hooks(Function<String, List<String>> expectedProcesses, Map<String, String> env) {
  }

  private final PlatformServices services;
  private final WspConfig cfg;
  private final WspStore store;
  private final WorkerExecutor readers;
  private final IgClient ig;
  private final Context context;
  private LogConsumer consumer;
  private ReadyLoop loop;
  private WspHealth health;
  private long healthTimer = -1;
  private volatile String lastRunId;

  private WspInstance(PlatformServices services, WspConfig cfg) {
    this.services = services;
    this.cfg = cfg;
    this.store = new WspStore(services.substrate().db(), services.clock());
    this.readers = services.vertx().createSharedWorkerExecutor("wsp-stream-view",
        Math.max(2, cfg.streaming().outputConcurrency()));
    this.ig = new IgClient(services.vertx(), cfg.ig());
    this.context = services.vertx().getOrCreateContext();
  }

  /**
   * Takes the consumer-group lease and, as a daemon, starts handling READYs.
   *
   * @param packProcesses pack name → the process ids it has in this build (the cross-pack gate checks them)
   */
  public static Future<WspInstance> start(PlatformServices services, WspConfig cfg, boolean daemon,
                                          Function<String, List<String>> packProcesses) {
    return start(services, cfg, daemon, new Hooks(packProcesses, System.getenv()));
  }

  static Future<WspInstance> start(PlatformServices services, WspConfig cfg, boolean daemon, Hooks hooks) {
    WspInstance w = new WspInstance(services, cfg);
    return w.onContext(() -> w.begin(daemon, hooks).map(w));
  }

  private Future<Void> begin(boolean daemon, Hooks hooks) {
    ReadyIntake intake = new ReadyIntake(store, LOG, services.clock(), cfg.ready().duplicateLogInterval().toMillis());
    ConsumerOptions options = ConsumerOptions.of(GROUP_ID, List.of(Topics.SR_CONTROL_BUS))
        .withLeaseTtl(cfg.ready().leaseTtl()).withPollInterval(cfg.ready().poll());
    return LogConsumer.start(services.vertx(), services.substrate().eventLog(), services.substrate().db(),
        services.clock(), options, intake).<Void>map(c -> {
          consumer = c;
          loop = newLoop(hooks);
          health = new WspHealth(services.vertx(), store, services.health());
          consumer.done().onFailure(err -> onLeaseLost(err));
          if (daemon) {
            loop.start();
            healthTimer = services.vertx().setPeriodic(cfg.progress().healthInterval().toMillis(), t -> exportHealth());
          }
          LOG.info("WSP consumer group {} started as {} (IG {}, push {}, output concurrency {})", GROUP_ID,
              consumer.lease().holder(), cfg.ig().url(), cfg.streaming().pushMode(),
              cfg.streaming().outputConcurrency());
          return null;
        }).recover(err -> close().transform(v -> Future.failedFuture(err)));
  }

  private ReadyLoop newLoop(Hooks hooks) {
    Vertx vertx = services.vertx();
    CheckpointStore leases = new CheckpointStore(services.substrate().db(), services.clock());
    FencedWrites writes = new FencedWrites(services.substrate().db(), leases, () -> consumer.lease());
    SessionLog session = new SessionLog(vertx, services.config().platformRoot(), services.clock(), LOG);
    StreamDeps deps = new StreamDeps(vertx, readers, store, writes, ig, cfg, LOG, session,
        new WspCounters(services.metrics().registry()), services.clock(), () -> ThreadLocalRandom.current()
        .nextDouble());
    WorldStreamer streamer = new WorldStreamer(deps);
    PackReadiness packs = new PackReadiness(vertx, services.config().platformRoot(), services.config().profile(),
        cfg.ready(), hooks.expectedProcesses(), services.clock());
    StreamPreflight preflight = new StreamPreflight(cfg.sources(),
        root -> Roots.open(root, () -> services.substrate().objectStore()));
    ReadyProcessor processor = new ReadyProcessor(new ReadyProcessor.Parts(deps,
        new FactsReader(vertx, services.substrate().objectStore()), packs, preflight, streamer,
        new ReadyLedger(services.substrate().objectStore(), services.clock()), services.substrate().objectStore(),
        services.config().runsRoot(), hooks.env(), new WspGovernance(new GovernanceOutbox(vertx, LOG))),
        h -> lastRunId = h);
    return new ReadyLoop(vertx, store, processor, streamer, services.clock(), LOG, cfg.ready().poll().toMillis());
  }

  /** Reads the control bus to its end (at most {@code catchUp}), then handles every READY due now, once. */
  public Future<List<ReadyOutcome>> once(Duration catchUp) {
    long deadline = System.nanoTime() + catchUp.toNanos();
    return onContext(() -> caughtUp(deadline).compose(v -> loop.drainOnce())
        .map(list -> list.stream().map(h -> new ReadyOutcome(h.messageId(), h.result().name(), h.reason(),
            h.emitted())).toList())
        .onComplete(ar -> exportHealth()));
  }

  /** Runs {@code work} on this instance's context, where all of its state lives. */
  private <T> Future<T> onContext(java.util.function.Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(done));
    return done.future();
  }

  private Future<Void> caughtUp(long deadlineNanos) {
    return Polling.until(services.vertx(), 100, () -> {
      List<Future<Boolean>> ends = new ArrayList<>();
      consumer.checkpoints().forEach((tp, offset) -> ends.add(atEnd(tp, offset)));
      return Future.all(ends).compose(all -> {
        if (ends.stream().allMatch(Future::result)) {
          return Future.succeededFuture(Optional.of(Boolean.TRUE));
        }
        if (System.nanoTime() > deadlineNanos) {
          return Future.failedFuture(new IllegalStateException("WSP once: " + Topics.SR_CONTROL_BUS
              + " not read to its end in time"));
        }
        return Future.succeededFuture(Optional.<Boolean>empty());
      });
    }).mapEmpty();
  }


  private Future<Boolean> atEnd(TopicPartition tp, String offset) {
    Position from = offset == null ? Position.trimHorizon() : Position.after(offset);
    return services.substrate().eventLog().read(tp.topic(), tp.partition(), from, 1)
        .map(batch -> batch.records().isEmpty());
  }

  /** Re-queues the FAILED READYs of a run (operator re-drive); returns how many. */
  public Future<Integer> requeueFailed(String platformRunId) {
    CheckpointStore leases = new CheckpointStore(services.substrate().db(), services.clock());
    return onContext(() -> new FencedWrites(services.substrate().db(), leases, () -> consumer.lease())
        .run("requeue failed READYs of " + platformRunId, (tx, token) -> store.requeueFailed(tx, platformRunId)));
  }

  /** The lease holder id of this instance. */
  public String holder() {
    return consumer == null ? null : consumer.lease().holder();
  }

  /** Interrupts the READY in progress (it checkpoints), stops consuming and releases the lease. */
  public Future<Void> stop() {
    return onContext(() -> {
      services.vertx().cancelTimer(healthTimer);
      Future<Void> loopStopped = loop == null ? Future.succeededFuture() : loop.stop();
      return loopStopped.compose(v -> exportHealth())
          .compose(v -> consumer == null ? Future.<Void>succeededFuture() : consumer.stop())
          .compose(v -> commitPendingWrites())
          .eventually(this::close);
    });
  }

  /**
   * Why: on SQLite, a statement run on the pool outside a transaction (the lease release is one) leaves its implicit
   * transaction open through the JDBC client until the connection's next transaction; closing the pool would roll
   * the release back and keep the next instance out until the lease expires. An empty transaction commits it.
   */
  private Future<Void> commitPendingWrites() {
    return services.substrate().db().withTransaction("commit WSP lease release", tx -> Future.<Void>succeededFuture())
        .otherwiseEmpty();
  }

  private Future<Void> close() {
    ig.close();
    return readers.close();
  }

  private void onLeaseLost(Throwable err) {
    LOG.error("WSP lost its consumer-group lease ({}); stopping the stream, another instance resumes it",
        err.getMessage());
    if (loop != null) {
      loop.stop();
    }
  }

  private Future<Void> exportHealth() {
    String run = lastRunId;
    if (run == null || health == null) {
      return Future.succeededFuture();
    }
    return health.export(run).<Void>mapEmpty().recover(err -> {
      LOG.warn("WSP health export for {} failed: {}", run, err.getMessage());
      return Future.succeededFuture();
    });
  }
}
