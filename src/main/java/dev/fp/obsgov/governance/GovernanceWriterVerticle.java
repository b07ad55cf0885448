package dev.fp.obsgov.governance;

import dev.fp.platform.Substrate;
import dev.fp.platform.VertxJson;
import dev.fp.platform.governance.GovernanceClient;
import dev.fp.platform.governance.GovernanceEmit;
import dev.fp.platform.log.Logging;
import dev.fp.substrate.objectstore.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;

import java.util.Map;

/**
 * The one governance writer of this process ({@code obs_gov} pack, process {@code governance_writer}): answers
 * {@link GovernanceClient#EMIT_ADDRESS} requests through one {@link GovernanceLog}, so every emitter of the process
 * (supervisor, reporter, WSP, IG, CT …) goes through a single serialised appender. A bad request is answered 400 with
 * the reason; a store failure 500 with the store's error (the caller sees it; nothing is swallowed).
 */
public final class GovernanceWriterVerticle extends VerticleBase {
  public static final String PROCESS_ID = "governance_writer";
  private static final Logger LOG = Logging.component(PROCESS_ID);
  private final ObjectStore store;
  private final String environment;
  private final java.time.Clock clock;
  private MessageConsumer<JsonObject> consumer;
  private MessageConsumer<JsonObject> projector;

  public GovernanceWriterVerticle(Substrate substrate, java.time.Clock clock) {
    this(substrate.objectStore(), substrate.config().profile(), clock);
  }

  /** Writing to {@code store}, stamping {@code environment} (the profile) on provenance. */
  public GovernanceWriterVerticle(ObjectStore store, String environment, java.time.Clock clock) {
    this.store = store;
    this.environment = environment;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    GovernanceLog log = new GovernanceLog(vertx, store, clock, environment, releaseId());
    consumer = vertx.eventBus().consumer(GovernanceClient.EMIT_ADDRESS, msg -> handle(log, msg));
    projector = vertx.eventBus().consumer(GovernanceClient.PROJECT_ADDRESS, msg -> {
      String run = msg.body().getString("platform_run_id");
      log.project(run).onComplete(ar -> {
        if (ar.succeeded()) {
          msg.reply(new JsonObject().put("summary", ar.result().summary()));
        } else {
          msg.fail(500, "governance projection of " + run + " not repaired: " + ar.cause().getMessage());
        }
      });
    });
    return Future.all(consumer.completion(), projector.completion());
  }

  @Override
  public Future<?> stop() {
    return Future.all(consumer == null ? Future.succeededFuture() : consumer.unregister(),
        projector == null ? Future.succeededFuture() : projector.unregister());
  }

  @SuppressWarnings("unchecked")
  private void handle(GovernanceLog log, Message<JsonObject> msg) {
    GovernanceEmit event;
    try {
      event = GovernanceEmit.fromMap((Map<String, Object>) VertxJson.plain(msg.body()));
    } catch (IllegalArgumentException | ClassCastException e) {
      msg.fail(400, "GOVERNANCE_EVENT_INVALID: " + e.getMessage());
      return;
    }
    log.emit(event).onComplete(ar -> {
      if (ar.succeeded()) {
        msg.reply(new JsonObject().put("event_id", ar.result().eventId()).put("created", ar.result().created()));
      } else {
        LOG.error("governance {} for {} not recorded: {}", event.family(), event.platformRunId(),
            ar.cause().getMessage());
        msg.fail(500, ar.cause().getMessage());
      }
    });
  }

  /** SERVICE_RELEASE_ID from the environment, else {@code dev-local} (reference runtime_provenance). */
  static String releaseId() {
    String env = System.getenv("SERVICE_RELEASE_ID");
    return env == null || env.isBlank() ? "dev-local" : env;
  }
}
