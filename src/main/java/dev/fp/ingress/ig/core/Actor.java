package dev.fp.ingress.ig.core;

import dev.fp.platform.auth.ApiPrincipal;

import java.util.LinkedHashMap;
import java.util.Map;

/** Who pushed an event, as stamped on receipts: {@code actor{actor_id, source_type, auth_mode, principal}}. */
public record Actor(String principal, String sourceType, String authMode) {
  public static final String API_KEY = "api_key";
  public static final String IN_PROCESS = "in_process";

  public static Actor of(ApiPrincipal p, String authMode) {
    return new Actor(p.principal(), p.sourceType(), authMode);
  }

  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("actor_id", principal);
    m.put("source_type", sourceType);
    m.put("auth_mode", authMode);
    m.put("principal", principal);
    return m;
  }
}
