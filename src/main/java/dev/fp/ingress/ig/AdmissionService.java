package dev.fp.ingress.ig;

import dev.fp.contract.EnvelopeFields;
import dev.fp.contract.ReasonCodes;
import dev.fp.contract.Timestamps;
import dev.fp.ingress.ig.core.Actor;
import dev.fp.ingress.ig.core.AdmissionChecks;
import dev.fp.ingress.ig.core.AdmissionRow;
import dev.fp.ingress.ig.core.Checked;
import dev.fp.ingress.ig.core.Outcome;
import dev.fp.platform.auth.ApiPrincipal;
import dev.fp.platform.log.Logging;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The admission service behind HTTP and the event bus: gate (503 when draining, health RED or the bounded queue is
 * full), the pure checks on the caller's thread, then a queue drained by at most {@code max_cycles_in_flight}
 * concurrent {@link AdmissionCycle}s of up to {@code cycle_max_events} envelopes each — concurrent single pushes
 * share cycles, so their SQL, publishes and evidence are batched too. An envelope whose identity is already in a
 * running cycle waits for the next one (it then sees the settled row: DUPLICATE instead of a conflict). Queue and
 * cycles live on one Vert.x context.
 */
final class AdmissionService {
  private static final Logger LOG = Logging.component("ig_service");
  static final Actor SYSTEM = new Actor("SYSTEM::ingestion_gate", "SYSTEM", "internal");
  private final IgParts p;
  private final AdmissionChecks checks;
  private final Context context;
  private final ArrayDeque<Item> queue = new ArrayDeque<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final Set<String> inFlightKeys = new HashSet<>();
  private volatile boolean draining;
  private volatile int running;
  private Future<Void> publishLane = Future.succeededFuture();
  private Promise<Void> drained;

  AdmissionService(IgParts p, AdmissionChecks checks, Context context) {
    this.p = p;
    this.checks = checks;
    this.context = context;
  }

  /** Answers 503 early (before a body is read) when IG is draining, unhealthy or its queue is full. */
  void precheck() {
    gate(0);
  }

  int queuedEvents() {
    return queued.get();
  }

  int cyclesInFlight() {
    return running;
  }

  /**
   * Admits the items of one request (envelopes; anything else is answered 400 NOT_AN_OBJECT) and completes with one
   * outcome per item, in order. Fails with {@link IgRejection} (503) before checking anything when IG is draining,
   * unhealthy or saturated.
   */
  Future<List<Outcome>> admit(List<?> items, ApiPrincipal principal, String authMode) {
    gate(items.size());
    Actor actor = Actor.of(principal, authMode);
    long now = System.nanoTime();
    List<Future<Outcome>> answers = new ArrayList<>(items.size());
    List<Item> work = new ArrayList<>(items.size());
    for (Object raw : items) {
      Outcome immediate = null;
      if (raw instanceof Map<?, ?> map) {
        @SuppressWarnings("unchecked") Checked checked = checks.check((Map<String, Object>) map, principal);
        if (checked instanceof Checked.Forbidden f) {
          immediate = Outcome.error(403, "FORBIDDEN", principal.principal() + " may not produce event class "
              + f.eventClass(), 0);
        } else {
          Item item = new Item(checked, actor, now, Promise.promise());
          work.add(item);
          answers.add(item.answer().future());
        }
      } else {
        immediate = Outcome.error(400, "NOT_AN_OBJECT", "a batch item must be a JSON object (an envelope)", 0);
      }
      if (immediate != null) {
        p.metrics().rejection(immediate.status(), immediate.error());
        answers.add(Future.succeededFuture(immediate));
      }
    }
    queued.addAndGet(work.size() - items.size());
    if (!work.isEmpty()) {
      context.runOnContext(v -> enqueue(work));
    }
    return Future.all(answers).map(all -> all.<Outcome>list());
  }

  private void gate(int n) {
    if (draining) {
      throw new IgRejection(503, "IG_DRAINING", "the ingestion gate is shutting down", 1);
    }
    if (p.health().isRed()) {
      throw new IgRejection(503, "IG_UNHEALTHY", "health is RED: " + p.health().report().reasons(),
          Math.max(1, p.cfg().healthProbeIntervalMs() / 1000));
    }
    int bound = p.cfg().admissionQueueEvents();
    if (queued.get() + Math.max(n, 1) > bound) {
      throw saturated(bound);
    }
    if (n > 0 && queued.addAndGet(n) > bound) {
      queued.addAndGet(-n);
      throw saturated(bound);
    }
  }

  private static IgRejection saturated(int bound) {
    return new IgRejection(503, "IG_SATURATED", "admission queue full (" + bound + " envelopes); retry", 1);
  }

  private void enqueue(List<Item> items) {
    queue.addAll(items);
    pump();
  }

  private void pump() {
    while (running < p.cfg().maxCyclesInFlight() && !queue.isEmpty()) {
      List<Item> cycle = takeCycle();
      if (cycle.isEmpty()) {
        break;
      }
      start(cycle);
    }
    if (drained != null && queue.isEmpty() && running == 0) {
      drained.tryComplete();
    }
  }

  private void start(List<Item> cycle) {
    running++;
    Set<String> keys = new HashSet<>();
    cycle.forEach(i -> {
      if (i.dedupeKey() != null) {
        keys.add(i.dedupeKey());
      }
    });
    inFlightKeys.addAll(keys);
    Promise<Void> myPublish = Promise.promise();
    Future<Void> previous = publishLane;
    publishLane = myPublish.future();
    new AdmissionCycle(p, cycle, previous, myPublish).run().onComplete(ar -> {
      running--;
      inFlightKeys.removeAll(keys);
      pump();
    });
  }

  /** Up to cycle_max_events items in arrival order, skipping (and keeping queued) identities already in flight. */
  private List<Item> takeCycle() {
    List<Item> taken = new ArrayList<>();
    List<Item> deferred = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    while (!queue.isEmpty() && taken.size() < p.cfg().cycleMaxEvents()) {
      Item item = queue.poll();
      String key = item.dedupeKey();
      if (key != null && (inFlightKeys.contains(key) || !keys.add(key))) {
        deferred.add(item);
      } else {
        taken.add(item);
      }
    }
    for (int i = deferred.size() - 1; i >= 0; i--) {
      queue.addFirst(deferred.get(i));
    }
    queued.addAndGet(-taken.size());
    return taken;
  }

  /**
   * Turns in-flight rows older than {@code in_flight_stale_seconds} (left by a process that stopped mid-publish) into
   * PUBLISH_AMBIGUOUS and writes their quarantine evidence through a cycle; returns how many it moved.
   */
  Future<Integer> sweepStale() {
    Promise<Integer> done = Promise.promise();
    context.runOnContext(v -> {
      String staleBefore = Timestamps.format(p.clock().instant().minusSeconds(p.cfg().inFlightStaleSeconds()));
      Set<String> live = new HashSet<>(inFlightKeys);
      p.db().withTransaction("ig sweep", conn -> p.admissions().sweepStale(conn, staleBefore, live,
              Timestamps.now(p.clock()), "IN_FLIGHT_WHEN_IG_STOPPED"))
          .onSuccess(rows -> {
            if (!rows.isEmpty()) {
              LOG.warn("IG found {} publishes left in flight by a stopped process; they are PUBLISH_AMBIGUOUS now and "
                  + "wait for POST /v1/ops/reconcile", rows.size());
              queued.addAndGet(rows.size());
              enqueue(rows.stream().map(AdmissionService::ambiguityItem).toList());
            }
          })
          .map(List::size).onComplete(done);
    });
    return done.future();
  }

  private static Item ambiguityItem(AdmissionRow row) {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put(EnvelopeFields.EVENT_ID, row.eventId());
    envelope.put(EnvelopeFields.EVENT_TYPE, row.eventType());
    envelope.put(EnvelopeFields.PLATFORM_RUN_ID, row.platformRunId());
    Checked rejected = new Checked.Rejected(envelope, row.eventClass(), ReasonCodes.PUBLISH_AMBIGUOUS,
        "in flight when its IG process stopped; dedupe_key " + row.dedupeKey());
    return new Item(rejected, SYSTEM, System.nanoTime(), Promise.promise());
  }

  /** Stops intake (503 IG_DRAINING) and completes once queued and running cycles are done. */
  Future<Void> drain() {
    draining = true;
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      drained = done;
      pump();
    });
    return done.future();
  }
}
