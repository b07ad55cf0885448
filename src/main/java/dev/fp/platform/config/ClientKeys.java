package dev.fp.platform.config;

import com.fasterxml.jackson.annotation.JsonIgnoreType;

import java.util.Map;
import java.util.Optional;

/**
 * The keys of the key file by principal, for this platform's own clients (WSP, the supervisor's P4 probe) when their
 * config names no key. Never serialised (config digests, JSON) and never printed: {@link #toString} names principals.
 */
@JsonIgnoreType
public final class ClientKeys {
  public static final ClientKeys NONE = new ClientKeys(Map.of());
  private final Map<String, String> byPrincipal;

  public ClientKeys(Map<String, String> byPrincipal) {
    this.byPrincipal = Map.copyOf(byPrincipal);
  }

  public Optional<String> keyOf(String principal) {
    return Optional.ofNullable(byPrincipal.get(principal));
  }

  public boolean isEmpty() {
    return byPrincipal.isEmpty();
  }

  @Override
  public String toString() {
    return "ClientKeys" + byPrincipal.keySet();
  }
}
