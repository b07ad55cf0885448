package dev.fp.ops;

import dev.fp.platform.auth.ApiKeys;
import dev.fp.platform.auth.ApiPrincipal;
import dev.fp.platform.http.OpsHttpServer;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** The operator-role check of every {@code /v1/ops} operator route: 401 without a known key, 403 without the role. */
final class OperatorKey {
  static final String HEADER = RunsApi.KEY_HEADER;

  private OperatorKey() {
  }

  static Handler<RoutingContext> required(ApiKeys keys) {
    return rc -> {
      ApiPrincipal p = keys.authenticate(rc.request().getHeader(HEADER)).orElse(null);
      if (p == null) {
        OpsHttpServer.error(rc, 401, "UNAUTHORIZED", "missing or unknown " + HEADER);
      } else if (!p.hasRole(ApiPrincipal.OPERATOR)) {
        OpsHttpServer.error(rc, 403, "FORBIDDEN", "the key has no operator role");
      } else {
        rc.next();
      }
    };
  }
}
