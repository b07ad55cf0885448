package dev.fp.substrate.eventlog;

import java.time.Instant;

/** Another live instance holds the consumer group's lease (the second instance refuses to start). */
public class LeaseHeldException extends RuntimeException {
  private final String groupId;
  private final String holder;
  private final long expiresAtMs;

  public LeaseHeldException(String groupId, String holder, long expiresAtMs) {
    super("consumer group " + groupId + " is held by " + holder + " until " + Instant.ofEpochMilli(expiresAtMs)
        + " (one live instance per group; stop it or wait for its lease to expire)");
    this.groupId = groupId;
    this.holder = holder;
    this.expiresAtMs = expiresAtMs;
  }

  public String groupId() { return groupId; }

  public String holder() { return holder; }

  public long expiresAtMs() { return expiresAtMs; }
}
