package dev.fp.ingress.ig;

import dev.fp.contract.EnvelopeFields;
import dev.fp.contract.PortableJson;
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
import io.vertx.core.Vertx;
import org.slf4j.Logger;

import java.time.Instant;
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
 *
 * <p>A cycle that has not finished after {@code cycle_timeout_ms} is abandoned: its envelopes are answered at once,
 * its slot and the publish lane are released, its in-flight rows are swept to PUBLISH_AMBIGUOUS (reconciled like any
 * ambiguous publish, never republished on their own), and until it does finish IG health is RED with
 * {@code ADMISSION_CYCLE_STUCK} — intake answers 503 and {@code /readyz} 503: a stuck gate never looks GREEN.
 */
final class AdmissionService {
  private static final Logger LOG = Logging.component("ig_service");
  static final Actor SYSTEM = new Actor("SYSTEM::ingestion_gate", "SYSTEM", "internal");
  /** {@code state_reason} of rows swept after their process stopped, or after their cycle timed out. */
  static final String STOPPED = "IN_FLIGHT_WHEN_IG_STOPPED";
  static final String CYCLE_TIMEOUT = "ADMISSION_CYCLE_TIMEOUT";
  private final IgParts p;
  private final AdmissionChecks checks;
  private final Context context;
  private final ArrayDeque<Item> queue = new ArrayDeque<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final Set<String> inFlightKeys = new HashSet<>();
  private volatile boolean draining;
  private volatile int running;
  private volatile int stuck;
  private Future<Void> publishLane = Future.succeededFuture();
  private Future<Integer> sweeping = Future.succeededFuture(0);
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

  /** Cycles abandoned after {@code cycle_timeout_ms} that have still not finished. */
  int stuckCycles() {
    return stuck;
  }

  /**
   * Admits the items of one request (envelopes) and completes with one outcome per item, in order. An item that is
   * not an object is answered 400 NOT_AN_OBJECT; one holding a value the platform cannot store (a lone surrogate,
   * U+0000, an infinite number; see {@link PortableJson}) 400 INVALID_UNICODE or NUMBER_OUT_OF_RANGE naming its JSON
   * path; the other items of a batch go on. Fails with {@link IgRejection} (503) before checking anything when IG is
   * draining, unhealthy or saturated.
   */
  Future<List<Outcome>> admit(List<?> items, ApiPrincipal principal, String authMode) {
    gate(items.size());
    Actor actor = Actor.of(principal, authMode);
    long now = System.nanoTime();
    List<Future<Outcome>> answers = new ArrayList<>(items.size());
    List<Item> work = new ArrayList<>(items.size());
    for (Object raw : items) {
      Object checked = check(raw, principal);
      if (checked instanceof Outcome immediate) {
        p.metrics().rejection(immediate.status(), immediate.error());
        answers.add(Future.succeededFuture(immediate));
      } else {
        Item item = new Item((Checked) checked, actor, now, Promise.promise(), AdmissionCycle.busData(checked));
        work.add(item);
        answers.add(item.answer().future());
      }
    }
    queued.addAndGet(work.size() - items.size());
    if (!work.isEmpty()) {
      context.runOnContext(v -> enqueue(work));
    }
    return onCallerContext(Future.all(answers).map(all -> all.<Outcome>list()));
  }

  /**
   * The answers complete on the cycle's context; the caller (an HTTP event loop) renders and writes its response on
   * its own thread, so the one cycle context does not do that work for every request.
   */
  private static <T> Future<T> onCallerContext(Future<T> answers) {
    Context caller = Vertx.currentContext();
    if (caller == null) {
      return answers;
    }
    Promise<T> out = Promise.promise();
    answers.onComplete(ar -> {
      if (Vertx.currentContext() == caller) {
        out.handle(ar);
      } else {
        caller.runOnContext(v -> out.handle(ar));
      }
    });
    return out.future();
  }

  /** The item's checked form, or the outcome that answers it at once (400, 403, or 500 if a check threw). */
  @SuppressWarnings("unchecked")
  private Object check(Object raw, ApiPrincipal principal) {
    if (!(raw instanceof Map<?, ?> map)) {
      return Outcome.error(400, "NOT_AN_OBJECT", "a batch item must be a JSON object (an envelope)", 0);
    }
    try {
      PortableJson.Violation bad = PortableJson.firstViolation(map);
      if (bad != null) {
        return Outcome.error(400, bad.code(), bad.detail(), 0);
      }
      Checked checked = checks.check((Map<String, Object>) map, principal);
      return checked instanceof Checked.Forbidden f ? Outcome.error(403, "FORBIDDEN", principal.principal()
          + " may not produce event class " + f.eventClass(), 0) : checked;
    } catch (RuntimeException e) {
      LOG.error("IG admission checks failed unexpectedly", e);
      return Outcome.error(500, "INTERNAL_ERROR", "internal error; see the ig_service log", 0);
    }
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

  private void start(List<Item> items) {
    running++;
    Set<String> keys = new HashSet<>();
    items.forEach(i -> {
      if (i.dedupeKey() != null) {
        keys.add(i.dedupeKey());
      }
    });
    inFlightKeys.addAll(keys);
    Promise<Void> myPublish = Promise.promise();
    Future<Void> previous = publishLane;
    publishLane = myPublish.future();
    AdmissionCycle cycle = new AdmissionCycle(p, items, previous, myPublish);
    long timeoutMs = p.cfg().cycleTimeoutMs();
    long timer = p.vertx().setTimer(timeoutMs, t -> abandon(cycle, keys, timeoutMs));
    cycle.run().onComplete(ar -> {
      p.vertx().cancelTimer(timer);
      if (cycle.isAbandoned()) {
        stuck--;
      } else {
        release(keys);
      }
    });
  }

  private void release(Set<String> keys) {
    running--;
    inFlightKeys.removeAll(keys);
    pump();
  }

  /** The cycle outlived its bound: answer it, free its slot, sweep its rows, and count it stuck until it ends. */
  private void abandon(AdmissionCycle cycle, Set<String> keys, long timeoutMs) {
    if (!cycle.abandon(timeoutMs)) {
      return;
    }
    stuck++;
    LOG.error("IG admission cycle did not finish within {} ms: its {} envelopes were answered, its in-flight rows turn "
        + "PUBLISH_AMBIGUOUS, health is RED (ADMISSION_CYCLE_STUCK) until it ends", timeoutMs, cycle.size());
    release(keys);
    sweep(p.clock().instant(), CYCLE_TIMEOUT,
        "its admission cycle did not finish within " + timeoutMs + " ms")
        .onFailure(err -> LOG.warn("IG sweep after an abandoned cycle failed (the periodic sweep retries): {}",
            err.getMessage()));
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
   * Turns in-flight rows older than {@code in_flight_stale_seconds} (left by a process that stopped mid-publish, or
   * by an abandoned cycle) into PUBLISH_AMBIGUOUS and writes their quarantine evidence through a cycle; returns how
   * many it moved.
   */
  Future<Integer> sweepStale() {
    return sweep(p.clock().instant().minusSeconds(p.cfg().inFlightStaleSeconds()), STOPPED,
        "in flight when its IG process stopped");
  }

  /**
   * Moves in-flight rows last touched before {@code staleBefore} that no running cycle owns to PUBLISH_AMBIGUOUS.
   * Sweeps run one after another, so two of them never both report (and quarantine) the same row.
   */
  private Future<Integer> sweep(Instant staleBefore, String stateReason, String why) {
    Promise<Integer> done = Promise.promise();
    context.runOnContext(v -> {
      sweeping = sweeping.transform(previous -> sweepNow(staleBefore, stateReason, why)).onComplete(done);
    });
    return done.future();
  }

  private Future<Integer> sweepNow(Instant staleBefore, String stateReason, String why) {
    Set<String> live = new HashSet<>(inFlightKeys);
    String before = Timestamps.format(staleBefore);
    return p.admissions().inFlight(before)
        .compose(candidates -> candidates.isEmpty() ? Future.succeededFuture(List.<AdmissionRow>of())
            : p.commits().submit("sweep", tx -> p.admissions().sweepStale(tx, candidates, before, live,
                Timestamps.now(p.clock()), stateReason)))
        .onSuccess(rows -> {
          if (!rows.isEmpty()) {
            LOG.warn("IG swept {} publishes left in flight ({}); they are PUBLISH_AMBIGUOUS now and wait for "
                + "POST /v1/ops/reconcile", rows.size(), why);
            queued.addAndGet(rows.size());
            enqueue(rows.stream().map(row -> ambiguityItem(row, why)).toList());
          }
        })
        .map(List::size);
  }

  private static Item ambiguityItem(AdmissionRow row, String why) {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put(EnvelopeFields.EVENT_ID, row.eventId());
    envelope.put(EnvelopeFields.EVENT_TYPE, row.eventType());
    envelope.put(EnvelopeFields.PLATFORM_RUN_ID, row.platformRunId());
    Checked rejected = new Checked.Rejected(envelope, row.eventClass(), ReasonCodes.PUBLISH_AMBIGUOUS,
        why + "; dedupe_key " + row.dedupeKey());
    return new Item(rejected, SYSTEM, System.nanoTime(), Promise.promise(), null);
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
