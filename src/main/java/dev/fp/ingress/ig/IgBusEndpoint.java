package dev.fp.ingress.ig;

import dev.fp.ingress.ig.core.Actor;
import dev.fp.ingress.ig.core.Outcome;
import dev.fp.ingress.ig.core.RateLimiter;
import dev.fp.platform.auth.ApiKeys;
import dev.fp.platform.auth.ApiPrincipal;
import dev.fp.platform.ingest.IgAdmissionClient;
import dev.fp.platform.log.Logging;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;

import java.util.List;

/**
 * The in-process admission service at {@link IgAdmissionClient#ADDRESS}: request an {@link IgAdmissionClient.Request}
 * (principal, envelopes as plain JSON values IG owns, batch or single), answered as documented on
 * {@link IgAdmissionClient}. The principal is looked up in the API key file (401 when unknown), rate-limited and authorized like an HTTP key.
 */
final class IgBusEndpoint {
  private static final Logger LOG = Logging.component("ig_service");
  private final ApiKeys keys;
  private final RateLimiter limiter;
  private final AdmissionService service;
  private final IgMetrics metrics;

  IgBusEndpoint(ApiKeys keys, RateLimiter limiter, AdmissionService service, IgMetrics metrics) {
    this.keys = keys;
    this.limiter = limiter;
    this.service = service;
    this.metrics = metrics;
  }

  MessageConsumer<IgAdmissionClient.Request> register(Vertx vertx) {
    IgAdmissionClient.registerCodec(vertx);
    return vertx.eventBus().consumer(IgAdmissionClient.ADDRESS, this::handle);
  }

  private void handle(Message<IgAdmissionClient.Request> msg) {
    IgAdmissionClient.Request body = msg.body();
    ApiPrincipal principal = keys.principalNamed(body.principal()).orElse(null);
    boolean batch = body.batch();
    try {
      if (principal == null) {
        throw new IgRejection(401, "UNAUTHORIZED", "unknown principal " + body.principal(), 0);
      }
      List<?> items = body.envelopes();
      int wait = limiter.acquire(principal.principal(), items.size());
      if (wait > 0) {
        throw new IgRejection(429, "RATE_LIMITED", principal.principal() + " is over its rate", wait);
      }
      service.admit(items, principal, Actor.IN_PROCESS).onComplete(ar -> {
        if (ar.succeeded()) {
          msg.reply(batch ? batchReply(ar.result()) : new JsonObject(ar.result().get(0).batchItem()));
        } else {
          msg.reply(error(ar.cause()));
        }
      });
    } catch (RuntimeException e) {
      msg.reply(error(e));
    }
  }

  private JsonObject error(Throwable err) {
    if (err instanceof IgRejection r) {
      metrics.rejection(r.status(), r.code());
      return new JsonObject(Outcome.error(r.status(), r.code(), r.detail(), r.retryAfterSeconds()).batchItem());
    }
    LOG.error("IG in-process admission failed", err);
    return new JsonObject(Outcome.error(500, "INTERNAL_ERROR", "internal error; see the ig_service log", 0)
        .batchItem());
  }

  private static JsonObject batchReply(List<Outcome> outcomes) {
    JsonArray results = new JsonArray();
    outcomes.forEach(o -> results.add(new JsonObject(o.batchItem())));
    return new JsonObject().put("results", results);
  }
}
