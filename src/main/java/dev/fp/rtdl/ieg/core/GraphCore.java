package dev.fp.rtdl.ieg.core;

import dev.fp.contract.EnvelopeValidation;
import dev.fp.contract.EnvelopeValidator;
import dev.fp.contract.EventRoute;
import dev.fp.contract.EventRouting;
import dev.fp.contract.Ids;
import dev.fp.platform.stream.core.KeyRequests;
import dev.fp.platform.stream.core.ProcessorContext;
import dev.fp.platform.stream.core.StreamProcessor;
import dev.fp.platform.stream.core.StreamRecord;
import dev.fp.rtdl.ieg.store.DedupeEntry;
import dev.fp.rtdl.ieg.store.DedupeKey;
import dev.fp.rtdl.ieg.store.EdgeKey;
import dev.fp.rtdl.ieg.store.EdgeRecord;
import dev.fp.rtdl.ieg.store.EntityKey;
import dev.fp.rtdl.ieg.store.EntityRecord;
import dev.fp.rtdl.ieg.store.FailureKey;
import dev.fp.rtdl.ieg.store.FailureRecord;
import dev.fp.rtdl.ieg.store.GraphTables;
import dev.fp.rtdl.ieg.store.IdentifierKey;
import dev.fp.rtdl.ieg.store.IdentifierRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Identity &amp; Entity Graph's core (reference rtdl §2, with edges): each record of this run is checked (first
 * failing step wins: envelope, class pins, classification, scenario run, identity hints), then a graph-mutating event
 * is deduplicated on {@code (run, event_class, event_id)} with its payload hash — the same hash again is a duplicate,
 * another is a {@code PAYLOAD_HASH_MISMATCH} failure record and the graph is not touched — and a new one creates or
 * widens (first/last seen by event time) its entities, their identifier rows and the edges between them. Failure
 * records are keyed by the deterministic failure id, so a replay writes and counts none twice.
 */
public final class GraphCore implements StreamProcessor<Void> {
  private final EntityIdCache entityIds = new EntityIdCache();
  /** What a record is to the graph, decided the same way in prefetch and apply. */
  private sealed interface Examined permits Failed, Irrelevant, Mutating {
  }

  private record Failed(String reason, String detail) implements Examined {
  }

  private record Irrelevant() implements Examined {
  }

  /** A graph-mutating event: its class, its hints and their entity ids (same order). */
  private record Mutating(String eventClass, List<IdentityHint> hints, List<String> entityIds) implements Examined {
  }

  @Override
  public void prefetch(StreamRecord r, KeyRequests keys) {
    String run = r.platformRunId();
    Examined x = keys.examined(r, this::examine);
    if (x instanceof Failed f) {
      keys.need(GraphTables.FAILURES, failureKey(r, f.reason()));
      return;
    }
    if (!(x instanceof Mutating m)) {
      return;
    }
    keys.need(GraphTables.DEDUPE, new DedupeKey(run, m.eventClass(), r.eventId()));
    keys.need(GraphTables.FAILURES, failureKey(r, ApplyFailures.PAYLOAD_HASH_MISMATCH));
    for (String id : m.entityIds()) {
      keys.need(GraphTables.ENTITIES, new EntityKey(run, id));
    }
    forEachEdge(r, m, (hub, spoke) -> keys.need(GraphTables.EDGES, edgeKey(run, m, hub, spoke)));
  }

  @Override
  public void apply(StreamRecord r, ProcessorContext<Void> ctx) {
    ctx.count(GraphCounters.EVENTS_SEEN, 1);
    Examined x = ctx.examined(r, this::examine);
    if (x instanceof Failed f) {
      ctx.count(GraphCounters.UNUSABLE, 1);
      fail(r, ctx, f.reason(), f.detail());
      return;
    }
    if (x instanceof Irrelevant) {
      ctx.count(GraphCounters.IRRELEVANT, 1);
      return;
    }
    Mutating m = (Mutating) x;
    String run = r.platformRunId();
    DedupeKey dedupe = new DedupeKey(run, m.eventClass(), r.eventId());
    String hash = Ids.payloadHash(r.eventType(), text(r.envelope().get("schema_version")), r.payload());
    DedupeEntry applied = ctx.get(GraphTables.DEDUPE, dedupe);
    if (applied != null) {
      if (applied.payloadHash().equals(hash)) {
        ctx.count(GraphCounters.DUPLICATE, 1);
      } else {
        ctx.count(GraphCounters.PAYLOAD_MISMATCH, 1);
        fail(r, ctx, ApplyFailures.PAYLOAD_HASH_MISMATCH, "event " + m.eventClass() + "/" + r.eventId()
            + " was applied with payload_hash " + applied.payloadHash() + " (" + applied.topic() + " partition "
            + applied.partition() + " offset " + applied.offset() + "); this record has " + hash);
      }
      return;
    }
    String ts = r.tsUtc();
    String scenarioRunId = text(r.envelope().get("scenario_run_id"));
    ctx.put(GraphTables.DEDUPE, dedupe, new DedupeEntry(hash, scenarioRunId, r.topic(), r.partition(), r.offset(),
        r.offsetKind(), ts));
    ctx.count(GraphCounters.MUTATING_APPLIED, 1);
    for (int i = 0; i < m.hints().size(); i++) {
      IdentityHint h = m.hints().get(i);
      EntityKey key = new EntityKey(run, m.entityIds().get(i));
      EntityRecord known = ctx.get(GraphTables.ENTITIES, key);
      if (known == null) {
        ctx.put(GraphTables.ENTITIES, key, new EntityRecord(h.entityType(), h.identifierType(), h.identifierValue(),
            scenarioRunId, ts, r.eventId(), ts));
        ctx.put(GraphTables.IDENTIFIERS, new IdentifierKey(run, h.identifierType(), h.identifierValue(),
            key.entityId()), new IdentifierRecord(h.entityType(), scenarioRunId));
        ctx.count(GraphCounters.ENTITIES_CREATED, 1);
        ctx.count(GraphCounters.entitiesCreated(h.entityType()), 1);
      } else {
        EntityRecord widened = known.seenAt(ts, r.eventId());
        if (widened != known) {
          ctx.put(GraphTables.ENTITIES, key, widened);
        }
      }
    }
    forEachEdge(r, m, (hub, spoke) -> link(ctx, run, m, hub, spoke, r.eventId(), ts));
  }

  private static void link(ProcessorContext<Void> ctx, String run, Mutating m, int hub, int spoke, String eventId,
                           String ts) {
    IdentityHint hubHint = m.hints().get(hub);
    IdentityHint spokeHint = m.hints().get(spoke);
    EdgeKey forward = edgeKey(run, m, hub, spoke);
    EdgeKey backward = new EdgeKey(run, forward.neighbourId(), hubHint.entityType(), forward.entityId());
    EdgeRecord known = ctx.get(GraphTables.EDGES, forward);
    EdgeRecord next = known == null
        ? new EdgeRecord(spokeHint.identifierType(), spokeHint.identifierValue(), ts, eventId, ts)
        : known.seenAt(ts, eventId);
    if (known == null) {
      ctx.count(GraphCounters.EDGES_CREATED, 1);
    } else if (next == known) {
      return;
    }
    ctx.put(GraphTables.EDGES, forward, next);
    ctx.put(GraphTables.EDGES, backward, next.reversed(hubHint.identifierType(), hubHint.identifierValue()));
  }

  private static EdgeKey edgeKey(String run, Mutating m, int hub, int spoke) {
    return new EdgeKey(run, m.entityIds().get(hub), m.hints().get(spoke).entityType(), m.entityIds().get(spoke));
  }

  /** Calls {@code edge} with the hint indexes of every link of the event whose both ends are present. */
  private static void forEachEdge(StreamRecord r, Mutating m, EdgeVisitor edge) {
    List<GraphLinks.Link> links = GraphLinks.of(r.eventType());
    if (links.isEmpty()) {
      return;
    }
    Map<String, Integer> byType = new HashMap<>();
    for (int i = 0; i < m.hints().size(); i++) {
      byType.put(m.hints().get(i).entityType(), i);
    }
    for (GraphLinks.Link l : links) {
      Integer hub = byType.get(l.hub());
      Integer spoke = byType.get(l.spoke());
      if (hub != null && spoke != null) {
        edge.visit(hub, spoke);
      }
    }
  }

  @FunctionalInterface
  private interface EdgeVisitor {
    void visit(int hub, int spoke);
  }

  private static void fail(StreamRecord r, ProcessorContext<Void> ctx, String reason, String detail) {
    FailureKey key = failureKey(r, reason);
    if (ctx.get(GraphTables.FAILURES, key) != null) {
      return;
    }
    ctx.put(GraphTables.FAILURES, key, new FailureRecord(r.topic(), r.partition(), r.offset(), r.offsetKind(),
        r.eventId(), r.eventType(), text(r.envelope().get("scenario_run_id")), reason, detail));
    ctx.count(GraphCounters.APPLY_FAILURES, 1);
  }

  private static FailureKey failureKey(StreamRecord r, String reason) {
    return new FailureKey(r.platformRunId(), ApplyFailures.failureId(r.topic(), r.partition(), r.offset(), reason,
        r.eventId()));
  }

  /** The reference's steps 1–9, first failing step wins (the run-scope steps are the shell's gate). */
  private Examined examine(StreamRecord r) {
    Map<String, Object> envelope = r.envelope();
    EnvelopeValidation valid = EnvelopeValidator.validate(envelope);
    if (!valid.isValid()) {
      return new Failed(ApplyFailures.ENVELOPE_INVALID, valid.detail());
    }
    String eventType = r.eventType();
    Optional<EventRoute> route = EventRouting.routeFor(eventType);
    if (route.isPresent()) {
      List<String> missing = route.get().missingPins(envelope);
      if (!missing.isEmpty()) {
        return new Failed(ApplyFailures.REQUIRED_PINS_MISSING, "class " + route.get().eventClass()
            + " requires " + missing);
      }
    }
    GraphClassification c = GraphClassification.of(eventType);
    if (c == GraphClassification.GRAPH_IRRELEVANT) {
      return new Irrelevant();
    }
    if (text(envelope.get("scenario_run_id")) == null || text(envelope.get("scenario_run_id")).isEmpty()) {
      return new Failed(ApplyFailures.SCENARIO_RUN_ID_MISSING, "no scenario_run_id");
    }
    if (c == GraphClassification.GRAPH_UNUSABLE) {
      return new Failed(ApplyFailures.CLASSIFICATION_UNSUPPORTED, "event_type " + eventType
          + " is neither graph-mutating nor graph-irrelevant");
    }
    List<IdentityHint> hints = IdentityHints.of(eventType, r.payload());
    if (hints.isEmpty()) {
      return new Failed(ApplyFailures.IDENTITY_HINTS_MISSING, "event_type " + eventType
          + " carries none of its identifier fields");
    }
    String scope = EntityIds.scope(envelope);
    List<String> ids = new ArrayList<>(hints.size());
    for (IdentityHint h : hints) {
      ids.add(entityIds.entityId(h, scope));
    }
    return new Mutating(route.orElseThrow().eventClass(), hints, ids);
  }

  private static String text(Object v) {
    return v instanceof String s ? s : null;
  }
}
