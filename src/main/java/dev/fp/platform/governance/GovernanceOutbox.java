package dev.fp.platform.governance;

import dev.fp.contract.Ids;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Governance emits for components whose own work must not wait on the log (IG's admissions, WSP's READY loop, CT and
 * AW batches): {@link #offer} queues the event and returns at once, from any thread. One emit at a time goes to the
 * writer through {@link GovernanceClient}, on the context the outbox was made on. An emit that can heal (no writer
 * yet, a timeout, a store error) is retried with back-off up to {@value #MAX_ATTEMPTS} times, then logged; an event
 * the writer refuses (400) is logged at once. Nothing of the caller's data depends on it: the governance event is a
 * record of a fact whose own evidence (receipt, quarantine record, mismatch row) is already durable.
 *
 * <p>No writer in the process (nothing answers on {@link GovernanceClient#EMIT_ADDRESS}: {@code fp bench ig} runs IG
 * without the obs_gov pack): the first event is retried as any other — the writer may only be late at start-up —
 * and when its attempts are spent the outbox says so once, at ERROR, and stops retrying: events stay queued (bounded
 * as below) and one probe every {@value #PROBE_SECONDS} s sends the oldest; when a writer answers, the queue drains
 * and nothing was lost.
 *
 * <p>Bounded: at most {@value #CAPACITY} events wait; beyond that an offer is counted and logged, never blocks. An
 * event this outbox already recorded or holds (same event id) is not queued again, so callers may offer a fact each
 * time they see it (the log's dedupe key makes a repeat harmless anyway; this saves the round trip).
 */
public final class GovernanceOutbox {
  static final int CAPACITY = 1_000;
  static final int MAX_ATTEMPTS = 8;
  static final int PROBE_SECONDS = 30;
  private static final long FIRST_BACKOFF_MS = 250;
  private static final long MAX_BACKOFF_MS = 8_000;
  /** Event ids remembered as recorded, newest last; bounded so a long run does not grow it without end. */
  private static final int REMEMBERED = 10_000;
  private final Context context;
  private final GovernanceClient client;
  private final Logger log;
  private final int maxAttempts;
  private final Duration probeEvery;
  private final ArrayDeque<GovernanceEmit> queue = new ArrayDeque<>();
  private final Set<String> queuedIds = new HashSet<>();
  private final LinkedHashSet<String> recorded = new LinkedHashSet<>();
  private final List<Promise<Void>> idleWaiters = new ArrayList<>();
  private boolean sending;
  private long overflowed;
  /** Set once an event's attempts were spent with no writer answering; cleared when one answers. */
  private boolean writerMissing;
  private boolean probeScheduled;

  /** An outbox on the current context ({@code vertx.getOrCreateContext()}), logging to {@code log}. */
  public GovernanceOutbox(Vertx vertx, Logger log) {
    this(vertx, log, MAX_ATTEMPTS, Duration.ofSeconds(PROBE_SECONDS));
  }

  /**
   * @param maxAttempts attempts per event before it is logged (with no writer: before the outbox concludes none runs)
   * @param probeEvery  how often a send is tried while no writer answers
   */
  public GovernanceOutbox(Vertx vertx, Logger log, int maxAttempts, Duration probeEvery) {
    this.context = vertx.getOrCreateContext();
    this.client = new GovernanceClient(vertx);
    this.log = log;
    this.maxAttempts = maxAttempts;
    this.probeEvery = probeEvery;
  }

  /** Whether the outbox concluded that no writer runs in this process (its events wait for one). */
  public synchronized boolean writerMissing() {
    return writerMissing;
  }

  /** Queues {@code event}; never blocks, never fails. */
  public void offer(GovernanceEmit event) {
    String id = eventId(event);
    synchronized (this) {
      if (recorded.contains(id) || !queuedIds.add(id)) {
        return;
      }
      if (queue.size() >= CAPACITY) {
        queuedIds.remove(id);
        overflowed++;
        if (overflowed == 1 || overflowed % CAPACITY == 0) {
          log.warn("governance outbox full ({} waiting): {} event(s) not recorded so far, latest {} {}", CAPACITY,
              overflowed, event.family(), event.dedupeKey());
        }
        return;
      }
      queue.addLast(event);
    }
    context.runOnContext(v -> next());
  }

  /** Completes once nothing waits or is being sent (stop, tests), or after {@code atMost} with what is left logged. */
  public Future<Void> drained(Duration atMost) {
    Promise<Void> idle = Promise.promise();
    context.runOnContext(v -> {
      if (isIdle()) {
        idle.tryComplete();
        return;
      }
      idleWaiters.add(idle);
      context.owner().setTimer(Math.max(1, atMost.toMillis()), t -> {
        if (idle.tryComplete()) {
          log.warn("governance outbox: {} event(s) still unrecorded after {} ms", waiting(), atMost.toMillis());
        }
      });
    });
    return idle.future();
  }

  /** Events waiting or being sent. */
  public synchronized int waiting() {
    return queue.size() + (sending ? 1 : 0);
  }

  private synchronized boolean isIdle() {
    return queue.isEmpty() && !sending;
  }

  /** On the context: sends the head of the queue unless a send is running or a probe for a writer is due later. */
  private void next() {
    GovernanceEmit event;
    synchronized (this) {
      if (sending || probeScheduled || queue.isEmpty()) {
        return;
      }
      event = queue.pollFirst();
      sending = true;
    }
    send(event, 1).onComplete(ar -> {
      boolean unsent = ar.succeeded() && !ar.result();
      synchronized (this) {
        sending = false;
        if (unsent) {
          queue.addFirst(event);   // no writer: the event waits for one, at the head
          probeScheduled = true;
        } else {
          queuedIds.remove(eventId(event));
        }
      }
      if (unsent) {
        context.owner().setTimer(probeEvery.toMillis(), t -> {
          synchronized (this) {
            probeScheduled = false;
          }
          next();
        });
        return;
      }
      if (isIdle()) {
        List<Promise<Void>> waiters = new ArrayList<>(idleWaiters);
        idleWaiters.clear();
        waiters.forEach(Promise::tryComplete);
      }
      next();
    });
  }

  /** Sends {@code event}: true once recorded or given up on, false when it must wait for a writer. */
  private Future<Boolean> send(GovernanceEmit event, int attempt) {
    return client.emit(event).map(r -> {
      remember(r.eventId());
      writerAnswered();
      return true;
    }).recover(err -> {
      boolean noWriter = err instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS;
      if (noWriter && (writerMissing() || attempt >= maxAttempts)) {
        noWriter(err);
        return Future.succeededFuture(false);
      }
      boolean refused = err instanceof ReplyException r && r.failureType() == ReplyFailure.RECIPIENT_FAILURE
          && r.failureCode() == 400;
      if (refused || attempt >= maxAttempts) {
        log.error("governance {} {} for {} not recorded after {} attempt(s): {}", event.family(), event.dedupeKey(),
            event.platformRunId(), attempt, err.getMessage());
        return Future.succeededFuture(true);
      }
      long backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << (attempt - 1));
      return context.owner().timer(backoff).compose(t -> send(event, attempt + 1));
    });
  }

  /** No writer answers: said once, until one answers again. */
  private void noWriter(Throwable err) {
    synchronized (this) {
      if (writerMissing) {
        return;
      }
      writerMissing = true;
    }
    log.error("no governance writer answers in this process ({}): is the obs_gov pack running here? Governance "
        + "events wait (at most {}, then dropped and counted) and are sent if a writer appears; trying again every {} "
        + "s, silently", err.getMessage(), CAPACITY, probeEvery.toSeconds());
  }

  private void writerAnswered() {
    int left;
    synchronized (this) {
      if (!writerMissing) {
        return;
      }
      writerMissing = false;
      left = queue.size();
    }
    log.info("a governance writer answers: sending the {} event(s) that waited", left);
  }

  private synchronized void remember(String id) {
    recorded.add(id);
    if (recorded.size() > REMEMBERED) {
      recorded.remove(recorded.iterator().next());
    }
  }

  private static String eventId(GovernanceEmit e) {
    return Ids.governanceEventId(e.family().name(), e.platformRunId(), e.scenarioRunId(), e.sourceComponent(),
        e.dedupeKey(), e.details());
  }
}
