package dev.fp.platform.http;

import dev.fp.platform.auth.ApiKeys;
import dev.fp.platform.auth.ApiPrincipal;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** The operator-role check of every {@code /v1/ops} operator route: 401 without a known key, 403 without the role. */
public final class OperatorKey {
  public static final String HEADER = "X-IG-Api-Key";

  private OperatorKey() {
  }

  public static Handler<RoutingContext> required(ApiKeys keys) {
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
