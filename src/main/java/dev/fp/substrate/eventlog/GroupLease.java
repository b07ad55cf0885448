package dev.fp.substrate.eventlog;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The lease of one consumer group, held by this instance (ARCHITECTURE §6): taken by {@link #acquire} (failing with
 * {@link LeaseHeldException}, which names the live holder), renewed every third of its TTL on the context that
 * acquired it, handed to every fenced write through {@link #current()}, released by {@link #release()}. When a
 * renewal finds the group taken over, renewals stop and {@code onLost} runs once. Shared by {@link LogConsumer}
 * (checkpoints in the SQL store) and the stream-processor shell (checkpoints in the StateStore).
 */
public final class GroupLease {
  private static final Logger LOG = LoggerFactory.getLogger(GroupLease.class);

  private final Vertx vertx;
  private final CheckpointStore store;
  private final Duration ttl;
  private final Consumer<LeaseLostException> onLost;
  private volatile Lease lease;
  private long timer = -1;
  private boolean ended;

  private GroupLease(Vertx vertx, CheckpointStore store, Lease lease, Duration ttl,
                     Consumer<LeaseLostException> onLost) {
    this.vertx = vertx;
    this.store = store;
    this.lease = lease;
    this.ttl = ttl;
    this.onLost = onLost;
  }

  /** Takes the lease of {@code groupId} for {@code holder}; call on the context that will use it. */
  public static Future<GroupLease> acquire(Vertx vertx, CheckpointStore store, String groupId, String holder,
                                           Duration ttl, Consumer<LeaseLostException> onLost) {
    return store.acquire(groupId, holder, ttl).map(l -> {
      GroupLease g = new GroupLease(vertx, store, l, ttl, onLost);
      g.timer = vertx.setPeriodic(Math.max(1, ttl.toMillis() / 3), t -> g.renew());
      return g;
    });
  }

  /** The lease as last renewed: its fencing token guards every checkpoint write. */
  public Lease current() {
    return lease;
  }

  private void renew() {
    if (ended) {
      return;
    }
    store.renew(lease, ttl).onComplete(ar -> {
      if (ar.succeeded()) {
        lease = ar.result();
      } else if (ar.cause() instanceof LeaseLostException lost) {
        if (!ended) {
          end();
          onLost.accept(lost);
        }
      } else {
        LOG.warn("consumer group {}: lease renewal failed, retrying: {}", lease.groupId(), ar.cause().toString());
      }
    });
  }

  private void end() {
    ended = true;
    vertx.cancelTimer(timer);
  }

  /** Stops renewing and lets the next instance in at once (a no-op on the store when the lease was taken over). */
  public Future<Void> release() {
    end();
    return store.release(lease);
  }
}
