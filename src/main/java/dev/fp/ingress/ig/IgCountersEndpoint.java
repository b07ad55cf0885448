package dev.fp.ingress.ig;

import dev.fp.contract.PlatformRunIds;
import dev.fp.ingress.ig.core.AdmissionState;
import dev.fp.ingress.ig.store.AdmissionStore;
import dev.fp.ingress.ig.store.RunCountersStore;
import dev.fp.platform.query.IgCountersClient;
import dev.fp.substrate.state.StateStore;
import dev.fp.platform.log.Logging;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;

/**
 * Answers {@link IgCountersClient} requests at {@value IgCountersClient#ADDRESS} from IG's durable tables:
 * {@code ig_run_counters} of the run and the count of its {@code ig_unsettled} PUBLISH_AMBIGUOUS rows, read when asked.
 */
public final class IgCountersEndpoint {
  private static final Logger LOG = Logging.component("ig_counters");
  private final RunCountersStore counters;
  private final AdmissionStore admissions;
  private final String source;

  /** Over IG's tables in {@code state} (IG's own StateStore; tests reading a stopped run's tables). */
  public IgCountersEndpoint(StateStore state) {
    this.counters = new RunCountersStore(state);
    this.admissions = new AdmissionStore(state);
    this.source = state.description() + " ig_run_counters/ig_unsettled";
  }

  /**
   * Serves IG's counters from {@code state} (IG's durable tables, read-only) unless an IG in this process already
   * answers — for a reporter running without IG ({@code fp report}, a P11 closeout in a process whose IG is gone).
   * Completes with whether it registered; the registration lives as long as the process's event bus.
   */
  public static Future<Boolean> serveIfAbsent(Vertx vertx, StateStore state) {
    return vertx.eventBus().request(IgCountersClient.ADDRESS, new JsonObject().put("platform_run_id", "probe"),
            new DeliveryOptions().setSendTimeout(5_000))
        .map(answered -> false)
        .recover(err -> {
          if (!(err instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS)) {
            return Future.failedFuture(err);
          }
          LOG.info("no IG answers {} in this process: serving IG's counters from its durable tables ({})",
              IgCountersClient.ADDRESS, state.description());
          return new IgCountersEndpoint(state).register(vertx.eventBus()).completion().map(v -> true);
        });
  }

  public MessageConsumer<JsonObject> register(EventBus bus) {
    return bus.consumer(IgCountersClient.ADDRESS, this::handle);
  }

  private void handle(Message<JsonObject> msg) {
    String run = msg.body() == null ? null : msg.body().getString("platform_run_id");
    if (run == null || !PlatformRunIds.isValid(run)) {
      msg.reply(new JsonObject().put("status", "ERROR").put("code", "INVALID_REQUEST")
          .put("detail", "platform_run_id: not a platform run id: " + run));
      return;
    }
    counters.read(run).compose(c -> admissions.countUnsettled(run, AdmissionState.PUBLISH_AMBIGUOUS).map(ambiguous ->
            new JsonObject().put("status", "OK").put("platform_run_id", run)
                .put("counters", new JsonObject(new java.util.LinkedHashMap<String, Object>(c)))
                .put("publish_ambiguous_unresolved", ambiguous).put("source", source)))
        .onSuccess(msg::reply)
        .onFailure(err -> msg.reply(new JsonObject().put("status", "ERROR").put("code", "STORE_ERROR")
            .put("detail", String.valueOf(err.getMessage()))));
  }
}
