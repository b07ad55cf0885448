package dev.fp.obsgov.report;

import dev.fp.obsgov.ObsGovConfig;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.log.Logging;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;

import java.lang.management.ManagementFactory;

/**
 * The obs_gov pack's reporter worker for one run (process {@code platform_run_reporter}): holds the run's
 * {@link ReporterLock} from start to stop — so while it runs, a manual {@code fp report} is refused and names it —
 * rewrites the interim report every {@code components.obs_gov.reporter_poll_seconds} until a closeout is written, and
 * writes the closeout when P11 asks ({@link #CLOSEOUT_ADDRESS}, body {@code {platform_run_id}}). Ticks and closeouts run one at a time; a
 * failed tick is logged with its cause and the next one tries again.
 */
public final class ReporterWorkerVerticle extends VerticleBase {
  public static final String PROCESS_ID = "platform_run_reporter";
  /** P11's request for the closeout of the worker's run; the reply is the closeout's refs. */
  public static final String CLOSEOUT_ADDRESS = "fp.obsgov.reporter.closeout";
  private static final Logger LOG = Logging.component(PROCESS_ID);
  private final PlatformServices services;
  private final String runId;
  private ReporterLock.Lease lease;
  private MessageConsumer<JsonObject> consumer;
  private long timer = -1;
  private Future<?> tail = Future.succeededFuture();
  /** Set by a written closeout: the report is final (a P11 retry asks for a new closeout), no interim overwrites it. */
  private boolean closedOut;

  public ReporterWorkerVerticle(PlatformServices services, String runId) {
    this.services = services;
    this.runId = runId;
  }

  /** {@code fp platform_run_reporter pid@host}: how a refused reporter names this one. */
  public static String holderName(String what) {
    return "fp " + what + " " + ManagementFactory.getRuntimeMXBean().getName();
  }

  @Override
  public Future<?> start() {
    ObsGovConfig cfg = ObsGovConfig.from(services.config());
    RunReporter reporter = new RunReporter(vertx, services.substrate(), services.clock());
    return ReporterLock.of(vertx, services.substrate()).acquire(runId, holderName(PROCESS_ID)).compose(l -> {
      lease = l;
      consumer = vertx.eventBus().consumer(CLOSEOUT_ADDRESS, msg -> {
        String asked = msg.body().getString("platform_run_id");
        if (!runId.equals(asked)) {
          msg.fail(409, "the reporter worker serves " + runId + ", not " + asked);
          return;
        }
        serially(() -> reporter.closeout(runId)).onComplete(ar -> {
          if (ar.succeeded()) {
            closedOut = true;
            msg.reply(new JsonObject().put("refs", new JsonObject(new java.util.LinkedHashMap<>(ar.result().refs()))));
          } else {
            LOG.error("closeout report of {} failed: {}", runId, ar.cause().getMessage(), ar.cause());
            msg.fail(500, ar.cause().getMessage());
          }
        });
      });
      timer = vertx.setPeriodic(cfg.reporterPollSeconds() * 1000L, id -> serially(() -> closedOut
          ? Future.succeededFuture() : reporter.interim(runId))
          .onFailure(err -> LOG.warn("interim report of {} failed: {}", runId, err.getMessage())));
      return consumer.completion();
    });
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
    return unregistered.compose(v -> tail.transform(ar -> lease == null ? Future.succeededFuture() : lease.release()));
  }

  private <T> Future<T> serially(java.util.function.Supplier<Future<T>> work) {
    Future<T> next = tail.transform(ignored -> work.get());
    tail = next;
    return next;
  }
}
