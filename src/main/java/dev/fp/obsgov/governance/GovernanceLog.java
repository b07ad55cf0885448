package dev.fp.obsgov.governance;

import dev.fp.contract.Json;
import dev.fp.contract.Timestamps;
import dev.fp.obsgov.ObsKeys;
import dev.fp.obsgov.governance.core.GovernanceEvents;
import dev.fp.obsgov.governance.core.Projection;
import dev.fp.platform.governance.EmitResult;
import dev.fp.platform.governance.GovernanceEmit;
import dev.fp.substrate.objectstore.AppendConflictException;
import dev.fp.substrate.objectstore.ConditionFailedException;
import dev.fp.substrate.objectstore.NoSuchObjectException;
import dev.fp.substrate.objectstore.ObjectMeta;
import dev.fp.substrate.objectstore.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The governance log's writer (reference case_ops_obs §5.2, with defect §8.8 fixed). Per event:
 * <ol>
 *   <li>{@code <run>/obs/governance/events/<event_id>.json} put-if-absent: <b>the idempotency authority</b>; found
 *       already → the event was recorded before (only its projection is completed, if a crash interrupted it);</li>
 *   <li>one line appended to {@code <run>/obs/governance/events.jsonl} through the store's conditional append; a lost
 *       race is retried (bounded rounds with back-off) until it lands, and when it cannot land the emit <em>fails</em>
 *       — the line is never silently dropped, and {@link #project} appends it later;</li>
 *   <li>{@code markers/<event_id>.json} put-if-absent once the line has landed: "projected".</li>
 * </ol>
 * Calls are serialised (one append at a time per instance), so one writer per process never races itself; a second
 * process appending at the same time only costs retries. Callers are on a Vert.x context; nothing blocks.
 */
public final class GovernanceLog {
  /** Rounds of the store's own bounded append before an emit gives up (and says so). */
  static final int DEFAULT_APPEND_ROUNDS = 20;
  private static final long ROUND_BACKOFF_MS = 25;
  private final Vertx vertx;
  private final ObjectStore store;
  private final Clock clock;
  private final String environment;
  private final String serviceReleaseId;
  private final int appendRounds;
  private Future<?> tail = Future.succeededFuture();

  public GovernanceLog(Vertx vertx, ObjectStore store, Clock clock, String environment, String serviceReleaseId) {
    this(vertx, store, clock, environment, serviceReleaseId, DEFAULT_APPEND_ROUNDS);
  }

  GovernanceLog(Vertx vertx, ObjectStore store, Clock clock, String environment, String serviceReleaseId,
                int appendRounds) {
    this.vertx = vertx;
    this.store = store;
    this.clock = clock;
    this.environment = environment;
    this.serviceReleaseId = serviceReleaseId;
    this.appendRounds = appendRounds;
  }

  /**
   * Records {@code event} once. Completes with the event id and whether this call created it; fails (with the
   * store's error, e.g. {@code S3_APPEND_CONFLICT}) when the line could not be appended — the event object then exists
   * without its marker, and {@link #project} completes it.
   */
  public Future<EmitResult> emit(GovernanceEmit event) {
    return serially(() -> write(event));
  }

  /**
   * Appends the line of every event of the run that has no marker yet and is not already in {@code events.jsonl}
   * (an emit that failed, or a writer that died between its steps), then marks them. Returns how the projection
   * stands afterwards.
   */
  public Future<Projection> project(String platformRunId) {
    return serially(() -> repair(platformRunId)).compose(v -> GovernanceReader.projection(store, platformRunId));
  }

  private <T> Future<T> serially(java.util.function.Supplier<Future<T>> work) {
    Future<T> next = tail.transform(ignored -> work.get());
    tail = next;
    return next;
  }

  private Future<EmitResult> write(GovernanceEmit event) {
    Map<String, Object> doc = GovernanceEvents.document(event, Timestamps.now(clock), environment, serviceReleaseId);
    String run = event.platformRunId();
    String id = (String) doc.get("event_id");
    return store.putIfAbsent(ObsKeys.BUCKET, ObsKeys.eventKey(run, id), body(doc))
        .compose(created -> appendLanding(run, line(doc), 1).compose(v -> mark(run, doc)).map(new EmitResult(id, true)))
        .recover(err -> err instanceof ConditionFailedException
            ? completeExisting(run, id).map(new EmitResult(id, false))
            : Future.failedFuture(err));
  }

  /** An event recorded before: done if marked, else its line is appended unless already there, then marked. */
  private Future<Void> completeExisting(String run, String id) {
    return store.head(ObsKeys.BUCKET, ObsKeys.markerKey(run, id)).compose(marker -> marker.isPresent()
        ? Future.succeededFuture()
        : GovernanceReader.lineIds(store, run).compose(ids -> ids.contains(id) ? Future.<Void>succeededFuture()
            : GovernanceReader.event(store, run, id).compose(doc -> appendLanding(run, line(doc), 1).mapEmpty()))
            .compose(v -> GovernanceReader.event(store, run, id)).compose(doc -> mark(run, doc)));
  }

  private Future<Void> repair(String run) {
    return Future.all(GovernanceReader.eventIds(store, run), GovernanceReader.markerIds(store, run),
            GovernanceReader.lineIds(store, run))
        .compose(all -> {
          Set<String> events = all.resultAt(0);
          Set<String> markers = all.resultAt(1);
          Set<String> inLog = new HashSet<>(all.<List<String>>resultAt(2));
          List<String> unmarked = events.stream().filter(id -> !markers.contains(id)).sorted().toList();
          Future<Void> chain = Future.succeededFuture();
          for (String id : unmarked) {
            chain = chain.compose(v -> GovernanceReader.event(store, run, id)).compose(doc -> (inLog.contains(id)
                ? Future.<ObjectMeta>succeededFuture() : appendLanding(run, line(doc), 1)).compose(m -> mark(run, doc)));
          }
          return chain;
        });
  }

  private Future<ObjectMeta> appendLanding(String run, Buffer line, int round) {
    return store.append(ObsKeys.BUCKET, ObsKeys.key(run, ObsKeys.EVENTS_JSONL), line).recover(err -> {
      if (!(err instanceof AppendConflictException) || round >= appendRounds) {
        return Future.failedFuture(err);
      }
      return vertx.timer(ROUND_BACKOFF_MS * round).compose(v -> appendLanding(run, line, round + 1));
    });
  }

  private Future<Void> mark(String run, Map<String, Object> doc) {
    Map<String, Object> marker = new java.util.LinkedHashMap<>();
    marker.put("event_id", doc.get("event_id"));
    marker.put("event_family", doc.get("event_family"));
    marker.put("ts_utc", doc.get("ts_utc"));
    return store.putIfAbsent(ObsKeys.BUCKET, ObsKeys.markerKey(run, (String) doc.get("event_id")), body(marker))
        .<Void>mapEmpty().recover(err -> err instanceof ConditionFailedException ? Future.succeededFuture()
            : Future.failedFuture(err));
  }

  private static Buffer body(Map<String, Object> doc) {
    return Buffer.buffer(Json.writeSortedLine(doc).getBytes(StandardCharsets.UTF_8));
  }

  private static Buffer line(Map<String, Object> doc) {
    return Buffer.buffer((Json.writeSortedLine(doc) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Reads {@code bytes} as one JSON object. */
  static Map<String, Object> parse(Buffer bytes, String what) {
    try {
      return Json.readObject(bytes.getBytes());
    } catch (IOException e) {
      throw new IllegalStateException("governance: unreadable " + what + ": " + e.getMessage(), e);
    }
  }

  static boolean absent(Throwable err) {
    return err instanceof NoSuchObjectException;
  }

  static List<Map<String, Object>> lines(Buffer jsonl) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String l : jsonl.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!l.isBlank()) {
        out.add(parse(Buffer.buffer(l), "events.jsonl line"));
      }
    }
    return out;
  }
}
