package dev.fp.control.sr.store;

/**
 * A held SR lease ({@code sr_run_leases} row): {@code fencingToken} grows with every acquisition of the key, so a
 * holder whose lease was taken over finds out at its next {@link LeaseStore#renew} ({@code LEASE_LOST}).
 *
 * @param leaseKey the SR run id, or {@code reemit:<run_id>:<kind>} for a re-emit
 */
public record SrLease(String leaseKey, String ownerId, String leaseToken, long fencingToken, long expiresAtMs) {
  public SrLease withExpiresAtMs(long at) {
    return new SrLease(leaseKey, ownerId, leaseToken, fencingToken, at);
  }
}
