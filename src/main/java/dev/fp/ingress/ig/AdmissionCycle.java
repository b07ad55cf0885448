package dev.fp.ingress.ig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fp.contract.Timestamps;
import dev.fp.ingress.ig.core.AdmissionRow;
import dev.fp.ingress.ig.core.Outcome;
import dev.fp.ingress.ig.core.Resolution;
import dev.fp.ingress.ig.store.Claim;
import dev.fp.platform.log.Logging;
import dev.fp.substrate.eventlog.EbRef;
import dev.fp.substrate.eventlog.OutRecord;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import dev.fp.ingress.ig.store.IgTx;
import org.slf4j.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One admission cycle over a batch of checked envelopes (control_ingress.md §5.4 steps 6–10, batched):
 * <ol>
 *   <li>claim — one StateStore batch unit: look up every identity, apply the existing-row rules, insert PUBLISH_IN_FLIGHT rows
 *       for new ones (tagged with this cycle's claim token);</li>
 *   <li>publish — one {@code EventLog.publish} per topic, after the previous cycle's publish (keeps arrival order);
 *       a failure makes those rows ambiguous, never retried;</li>
 *   <li>evidence — receipts and quarantine records through the {@code EvidenceWriter} ({@link CycleEvidence});</li>
 *   <li>commit — one batch unit: settle the claimed rows, ops index rows, run counters ({@link CycleCommit});</li>
 *   <li>answer every envelope ({@link CycleAnswers}).</li>
 * </ol>
 * Every step runs guarded: a synchronous throw or failed future of one step is logged and handled where it happened
 * (claim: nothing published, 503; publish: the claimed, unpublished events turn PUBLISH_AMBIGUOUS; evidence: the
 * events without evidence are answered 500 RECEIPT_WRITE_FAILED; commit: 500), so the cycle always finishes, releases
 * the publish lane and answers every envelope. A cycle the admission service {@linkplain #abandon abandoned} (it
 * outlived {@code cycle_timeout_ms}) stops after its current step: its envelopes were answered and its rows are the
 * sweep's.
 *
 * <p>Runs on the admission service's context; the returned future always succeeds.
 */
final class AdmissionCycle {
  private static final Logger LOG = Logging.component("ig_service");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROCESS = UUID.randomUUID().toString().substring(0, 8);
  private static final java.util.concurrent.atomic.AtomicLong TOKENS = new java.util.concurrent.atomic.AtomicLong();
  private final IgParts p;
  private final List<Work> works;
  private final Future<Void> previousPublish;
  private final Promise<Void> publishDone;
  /** Claim token: unique per cycle and process; short, since every in-flight row stores it. */
  private final String token = Long.toString(TOKENS.incrementAndGet(), 36) + "-" + PROCESS;
  private final String startedAtUtc;
  private boolean claimFailed;
  private boolean commitFailed;
  private boolean finished;
  private boolean abandoned;

  AdmissionCycle(IgParts p, List<Item> items, Future<Void> previousPublish, Promise<Void> publishDone) {
    this.p = p;
    this.works = items.stream().map(Work::new).toList();
    this.previousPublish = previousPublish;
    this.publishDone = publishDone;
    this.startedAtUtc = Timestamps.now(p.clock());
  }

  Future<Void> run() {
    p.metrics().cycleEvents(works.size());
    CycleEvidence evidence = new CycleEvidence(p, works);
    CycleCommit commit = new CycleCommit(p, works, token);
    return step("claim", this::claim).onFailure(err -> claimFailed = true)
        .compose(v -> step("publish", this::publish).recover(this::publishBroke))
        .compose(v -> step("evidence", evidence::write).recover(evidence::broke))
        .compose(v -> step("commit", commit::run).onFailure(err -> commitFailed = true))
        .transform(ar -> {
          finished = true;
          publishDone.tryComplete();
          if (abandoned) {
            LOG.warn("IG cycle {} of {} envelopes finished after it was abandoned: its envelopes were answered, its "
                + "rows swept to PUBLISH_AMBIGUOUS", token, works.size());
          } else {
            new CycleAnswers(p, works).answer(claimFailed, commitFailed);
          }
          return Future.succeededFuture();
        });
  }

  /**
   * Gives the cycle up (it outlived its bound): releases the publish lane and answers every envelope now — 409
   * PUBLISH_AMBIGUOUS_RETRY for claimed ones, whose publish outcome is unknown, 503 ADMISSION_TIMEOUT for the rest.
   * Returns false when the cycle had already finished.
   */
  boolean abandon(long timeoutMs) {
    if (finished || abandoned) {
      return false;
    }
    abandoned = true;
    publishDone.tryComplete();
    new CycleAnswers(p, works).answerAbandoned(timeoutMs);
    return true;
  }

  boolean isAbandoned() {
    return abandoned;
  }

  int size() {
    return works.size();
  }

  /** Runs a step unless the cycle was abandoned; a synchronous throw becomes the step's failure. */
  private Future<Void> step(String phase, java.util.function.Supplier<Future<Void>> body) {
    if (abandoned) {
      return Future.failedFuture(new IllegalStateException("cycle " + token + " abandoned before " + phase));
    }
    long t0 = System.nanoTime();
    return Future.<Void>succeededFuture().compose(v -> body.get())
        .onComplete(ar -> p.metrics().phaseNanos(phase, System.nanoTime() - t0))
        .onFailure(err -> {
          if (!abandoned) {
            LOG.error("IG cycle {} step {} failed for {} envelopes", token, phase, works.size(), err);
          }
        });
  }

  /** The publish step broke (a publish error is handled in {@link #publishTopic}): the outcome is unknown. */
  private Future<Void> publishBroke(Throwable err) {
    publishDone.tryComplete();
    if (abandoned) {
      return Future.failedFuture(err);
    }
    works.stream().filter(w -> w.claimed && w.eb == null && !w.isQuarantine())
        .forEach(w -> w.ambiguous("the publish step failed: " + err));
    return Future.succeededFuture();
  }

  /**
   * Insert first: new identities (the common case) cost one batched insert and one count per chunk; only envelopes
   * whose row already existed (or that have no partition key) are looked up and resolved by the existing-row rules.
   */
  private Future<Void> claim() {
    List<Work> candidates = works.stream().filter(w -> w.candidate != null).toList();
    if (candidates.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Work> keyed = candidates.stream().filter(w -> w.candidate.partitionReason() == null).toList();
    return p.commits().submit("claim", tx -> p.admissions().insertInFlight(tx, claims(keyed))
            .compose(owned -> resolveExisting(tx, candidates, owned)));
  }

  private Future<Void> resolveExisting(IgTx tx, List<Work> candidates, Set<String> owned) {
    List<Work> existing = new ArrayList<>();
    for (Work w : candidates) {
      if (owned.contains(w.candidate.dedupeKey())) {
        w.claim();
      } else {
        existing.add(w);
      }
    }
    if (existing.isEmpty()) {
      return Future.succeededFuture();
    }
    return rowsOf(tx, existing).compose(rows -> {
      List<Work> reclaims = new ArrayList<>();
      for (Work w : existing) {
        AdmissionRow row = rows.get(w.candidate.dedupeKey());
        if (row != null) {
          resolve(w, row, reclaims);
        } else if (partitioned(w)) {
          w.early = concurrentClaim(w);
        }
      }
      return p.admissions().reclaim(tx, claims(reclaims)).map(reclaimed -> {
        reclaims.forEach(w -> {
          if (reclaimed.contains(w.candidate.dedupeKey())) {
            w.claim();
          } else {
            w.early = concurrentClaim(w);
          }
        });
        return null;
      });
    });
  }

  /** The existing rows of these envelopes' identities, by dedupe key (a dedupe key belongs to one run). */
  private Future<Map<String, AdmissionRow>> rowsOf(IgTx tx, List<Work> ws) {
    Map<String, List<String>> byRun = new LinkedHashMap<>();
    ws.forEach(w -> byRun.computeIfAbsent(w.candidate.platformRunId(), r -> new ArrayList<>())
        .add(w.candidate.dedupeKey()));
    Map<String, AdmissionRow> rows = new java.util.HashMap<>();
    List<Future<?>> reads = new ArrayList<>();
    byRun.forEach((run, keys) -> reads.add(p.admissions().find(tx, run, keys).onSuccess(rows::putAll)));
    return Future.all(reads).map(rows);
  }

  private Outcome concurrentClaim(Work w) {
    return Outcome.error(409, "PUBLISH_IN_FLIGHT_RETRY", "event " + w.candidate.eventId()
        + " is being claimed concurrently; retry", p.cfg().inFlightRetryAfterSeconds());
  }

  private void resolve(Work w, AdmissionRow row, List<Work> reclaims) {
    Resolution r = p.existingRows().resolve(w.candidate, row);
    if (r instanceof Resolution.Duplicate d) {
      w.duplicate(d.row());
    } else if (r instanceof Resolution.Quarantine q) {
      w.quarantine(q.reason(), q.detail());
    } else if (r instanceof Resolution.Retry retry) {
      w.early = Outcome.error(409, retry.error(), retry.detail(), retry.retryAfterSeconds());
    } else if (partitioned(w)) {
      reclaims.add(w);
    }
  }

  /** Applies the partition rule (after dedupe, as the reference orders it); false when quarantined. */
  private static boolean partitioned(Work w) {
    if (w.candidate.partitionReason() == null) {
      return true;
    }
    w.quarantine(w.candidate.partitionReason(), "no partition key along " + w.candidate.route().keyPrecedence());
    return false;
  }

  private List<Claim> claims(List<Work> ws) {
    List<Claim> out = new ArrayList<>(ws.size());
    for (Work w : ws) {
      var c = w.candidate;
      out.add(new Claim(c.dedupeKey(), c.platformRunId(), c.eventClass(), c.eventId(), c.eventType(), c.payloadHash(),
          c.route().topic(), token, startedAtUtc));
    }
    return out;
  }

  private Future<Void> publish() {
    Map<String, List<Work>> byTopic = new LinkedHashMap<>();
    works.stream().filter(w -> w.claimed)
        .forEach(w -> byTopic.computeIfAbsent(w.candidate.route().topic(), t -> new ArrayList<>()).add(w));
    if (byTopic.isEmpty()) {
      publishDone.tryComplete();
      return Future.succeededFuture();
    }
    return previousPublish.transform(prev -> {
      List<Future<Void>> topics = new ArrayList<>();
      byTopic.forEach((topic, ws) -> topics.add(publishTopic(topic, ws)));
      return Future.join(topics).<Void>mapEmpty().otherwiseEmpty();
    }).onComplete(ar -> publishDone.tryComplete());
  }

  /** The candidate's envelope as published (compact JSON), or null for a non-candidate or one that cannot render. */
  static String busData(Object checked) {
    if (!(checked instanceof dev.fp.ingress.ig.core.Checked.Candidate c)) {
      return null;
    }
    try {
      return JSON.writeValueAsString(c.envelope());
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private Future<Void> publishTopic(String topic, List<Work> ws) {
    List<OutRecord> records = new ArrayList<>(ws.size());
    try {
      for (Work w : ws) {
        String data = w.item.busData();
        records.add(OutRecord.json(w.candidate.partitionKey(),
            data != null ? data : JSON.writeValueAsString(w.candidate.envelope())));
      }
    } catch (JsonProcessingException e) {
      ws.forEach(w -> w.ambiguous("cannot serialise the envelope: " + e.getOriginalMessage()));
      return Future.succeededFuture();
    }
    return p.eventLog().publish(topic, records).<Void>map(refs -> {
      if (refs.size() != ws.size()) {
        throw new IllegalStateException("publish to " + topic + " returned " + refs.size() + " refs for " + ws.size());
      }
      String now = Timestamps.now(p.clock());
      for (int i = 0; i < ws.size(); i++) {
        EbRef eb = refs.get(i);
        ws.get(i).eb = eb;
        ws.get(i).admittedAtUtc = now;
      }
      p.health().publishSucceeded();
      return null;
    }).recover(err -> {
      p.health().publishFailed();
      p.metrics().publishFailure(topic);
      LOG.error("IG publish of {} records to {} failed (first event_id {}): rows turn PUBLISH_AMBIGUOUS and are never "
          + "republished without an operator", ws.size(), topic, ws.get(0).candidate.eventId(), err);
      ws.forEach(w -> w.ambiguous("publish to " + topic + " failed: " + err.getMessage()));
      return Future.succeededFuture();
    });
  }
}
