package dev.fp.control.wsp;

import dev.fp.contract.OperatorRequests;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.pack.Readiness;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;

import java.util.List;
import java.util.function.Function;

/**
 * The World Stream Producer daemon, process {@value #PROCESS_ID} of pack {@code control_ingress}: consumes READYs
 * from {@code sr-control-bus} and streams each READY's world from the oracle stream views to IG (control_ingress §4).
 * Start takes the consumer-group lease (a second instance anywhere on the same substrate fails to deploy, naming
 * the holder); stop interrupts the stream, which checkpoints, and releases the lease. Its log lines go to the pack's
 * {@code logs/wsp_ready_consumer.log}, the seed's P6 evidence. Ready while it holds the lease. While it runs it
 * answers {@link OperatorRequests#WSP_RETRY_FAILED_READIES} (the operator's READY re-drive, done under its lease).
 */
public final class WspVerticle extends VerticleBase implements Readiness {
  public static final String PROCESS_ID = "wsp_ready_consumer";

  private final PlatformServices services;
  private final WspConfig cfg;
  private final WspInstance.Hooks hooks;
  private volatile WspInstance instance;
  private MessageConsumer<String> retries;

  /**
   * The pack's constructor: configuration from {@code components.wsp}, IG at this process's HTTP server.
   *
   * @param packProcesses pack name → the process ids it has in this build (the cross-pack gate checks them)
   */
  public WspVerticle(PlatformServices services, Function<String, List<String>> packProcesses) {
    this(services, WspConfig.from(services.config().components().section("wsp"), services.config()),
        packProcesses);
  }

  public WspVerticle(PlatformServices services, WspConfig cfg, Function<String, List<String>> packProcesses) {
    this(services, cfg, new WspInstance.Hooks(packProcesses, System.getenv()));
  }

  WspVerticle(PlatformServices services, WspConfig cfg, WspInstance.Hooks hooks) {
    this.services = services;
    this.cfg = cfg;
    this.hooks = hooks;
  }

  @Override
  public Future<?> start() {
    return WspInstance.start(services, cfg, true, hooks).onSuccess(i -> {
      instance = i;
      retries = vertx.eventBus().consumer(OperatorRequests.WSP_RETRY_FAILED_READIES, this::retryFailed);
    });
  }

  private void retryFailed(Message<String> request) {
    WspInstance i = instance;
    if (i == null) {
      request.fail(503, "WSP is stopping");
      return;
    }
    i.requeueFailed(request.body()).onComplete(ar -> {
      if (ar.succeeded()) {
        WspInstance.LOG.info("operator re-drive: re-queued {} FAILED READY(s) of {}", ar.result(), request.body());
        request.reply(ar.result());
      } else {
        request.fail(500, ar.cause().getMessage());
      }
    });
  }

  @Override
  public Future<?> stop() {
    WspInstance i = instance;
    instance = null;
    Future<Void> unregistered = retries == null ? Future.succeededFuture() : retries.unregister();
    return unregistered.compose(v -> i == null ? Future.succeededFuture() : i.stop());
  }

  @Override
  public Future<Result> readiness() {
    WspInstance i = instance;
    return Future.succeededFuture(i == null ? new Result(false, "lease_not_held")
        : new Result(true, "lease_held_by:" + i.holder()));
  }
}
