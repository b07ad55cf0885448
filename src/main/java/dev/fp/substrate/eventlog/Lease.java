package dev.fp.substrate.eventlog;

/**
 * A held consumer-group lease: {@code fencingToken} grows with every acquisition of the group, so writes carrying an
 * older token are refused.
 */
public record Lease(String groupId, String holder, long fencingToken, long expiresAtMs) {
  public Lease withExpiresAtMs(long at) {
    return new Lease(groupId, holder, fencingToken, at);
  }
}
