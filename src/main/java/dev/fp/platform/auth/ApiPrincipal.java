package dev.fp.platform.auth;

import java.util.Set;

/**
 * An authenticated caller of the platform's HTTP API (or an in-process producer named by its principal): the actor id
 * stamped on receipts, the event classes it may produce and its roles. {@code anyClass} is the reference meaning of a
 * plain key line: every event class.
 */
public record ApiPrincipal(String principal, boolean anyClass, Set<String> classes, Set<String> roles) {
  public static final String OPERATOR = "operator";
  private static final String HUMAN_PREFIX = "HUMAN::";

  public ApiPrincipal {
    classes = Set.copyOf(classes);
    roles = Set.copyOf(roles);
  }

  /** May this caller produce events of {@code eventClass}? (403 otherwise.) */
  public boolean mayProduce(String eventClass) {
    return anyClass || classes.contains(eventClass);
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  /** {@code HUMAN} for {@code HUMAN::…} principals, else {@code SYSTEM} (receipt {@code actor.source_type}). */
  public String sourceType() {
    return principal.startsWith(HUMAN_PREFIX) ? "HUMAN" : "SYSTEM";
  }
}
