package dev.fp.ops;

import dev.fp.config.ConfigException;
import dev.fp.platform.OperatorRefusal;
import dev.fp.platform.RunService;
import dev.fp.platform.http.OpsHttpServer;
import io.vertx.ext.web.RoutingContext;

/**
 * How a refused or failed operator action is answered: a refusal keeps its reason code (409, or 400 for a malformed
 * request), a run in progress is 409 {@code RUN_IN_PROGRESS} with {@code Retry-After}, a bad value 400, a changed
 * configuration 409 {@code CONFIG_CHANGED}; anything else is the server's 500.
 */
final class OperatorErrors {
  /** Seconds an operator waits before asking again while a run or the reporter is busy. */
  static final String RETRY_AFTER_SECONDS = "30";

  private OperatorErrors() {
  }

  static void answer(RoutingContext rc, Throwable err) {
    if (err instanceof OperatorRefusal r) {
      if (r.code().equals("REPORTER_RUNNING")) {
        rc.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
      }
      OpsHttpServer.error(rc, r.badRequest() ? 400 : 409, r.code(), r.getMessage());
    } else if (err instanceof RunService.RunBusyException) {
      rc.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
      OpsHttpServer.error(rc, 409, "RUN_IN_PROGRESS", err.getMessage());
    } else if (err instanceof IllegalArgumentException) {
      OpsHttpServer.error(rc, 400, "BAD_REQUEST", err.getMessage());
    } else if (err instanceof ConfigException) {
      OpsHttpServer.error(rc, 409, "CONFIG_CHANGED", err.getMessage());
    } else {
      rc.fail(err);
    }
  }
}
