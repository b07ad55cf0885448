package dev.fp.rtdl.ofp.core;

import dev.fp.contract.Ids;
import dev.fp.contract.Topics;
import dev.fp.contract.WireTime;
import dev.fp.platform.stream.core.BatchReads;
import dev.fp.platform.stream.core.KeyRequests;
import dev.fp.platform.stream.core.ProcessorContext;
import dev.fp.platform.stream.core.StreamProcessor;
import dev.fp.platform.stream.core.StreamRecord;
import dev.fp.rtdl.ofp.store.ApplyFailure;
import dev.fp.rtdl.ofp.store.FlowState;
import dev.fp.rtdl.ofp.store.OfpMeta;
import dev.fp.rtdl.ofp.store.OfpTables;
import dev.fp.rtdl.ofp.store.OfpTables.EventKey;
import dev.fp.rtdl.ofp.store.OfpTables.FeatureKey;
import dev.fp.rtdl.ofp.store.OfpTables.FlowKey;
import dev.fp.rtdl.ofp.store.WindowedState;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Online Feature Plane's core (reference rtdl §3, hazards fixed). Consumes traffic and flow anchors (fraud and
 * baseline topics):
 *
 * <ul>
 *   <li><b>Dedupe</b> by {@code (run, event_class, event_id)} with the payload hash: same hash → duplicate, another →
 *       {@code PAYLOAD_HASH_MISMATCH} failure record (the first is kept).</li>
 *   <li><b>Flow anchor</b>: stores the flow's entities (merchant, party, account, instrument, device, ip). When the
 *       flow's AUTH_REQUEST was applied before its anchor, the request now reaches the entities (late anchor): the
 *       final state does not depend on which arrived first.</li>
 *   <li><b>Traffic</b>: {@code core_features} of the flow count every event ({@code event_count},
 *       {@code last_event_ts_utc}); the amount is carried by the {@code amount_event_type} event (AUTH_REQUEST), so a
 *       flow's amount is counted once. The AUTH_REQUEST is added to the event-time windows of every entity the anchor
 *       names ({@link Windows}). A traffic record whose anchor is not known yet <b>holds</b> until its join-wait
 *       budget — measured from the time the log accepted it, read from the clock the verticle's enricher attaches —
 *       has passed; then it applies with flow features only and counts {@code anchor_missing}, so a lost anchor
 *       never wedges OFP.</li>
 * </ul>
 *
 * Deterministic: apart from the hold (a wall-clock wait that changes when, not what, is applied) every write is a
 * function of the records and the state.
 */
public final class OfpCore implements StreamProcessor<Void> {
  public static final Map<String, String> EVENT_CLASS = Map.of(
      Topics.TRAFFIC_FRAUD, "traffic_fraud",
      Topics.TRAFFIC_BASELINE, "traffic_baseline",
      Topics.CONTEXT_FLOW_ANCHOR_FRAUD, "context_flow_fraud",
      Topics.CONTEXT_FLOW_ANCHOR_BASELINE, "context_flow_baseline");
  private static final Set<String> TRAFFIC = Set.of(Topics.TRAFFIC_FRAUD, Topics.TRAFFIC_BASELINE);

  private final FeaturePolicy policy;
  private final List<Windows> entityWindows;
  private final long budgetMicros;
  private final long holdRetryMs;

  /**
   * @param joinWaitBudgetMs how long after the log accepted a traffic record it may wait for its flow anchor
   * @param holdRetryMs      how soon a waiting record is tried again (at most)
   */
  public OfpCore(FeaturePolicy policy, long joinWaitBudgetMs, long holdRetryMs) {
    this.policy = policy;
    this.entityWindows = policy.entityGroups().stream().map(g -> new Windows(g, policy.distinctCap())).toList();
    this.budgetMicros = joinWaitBudgetMs * 1000;
    this.holdRetryMs = holdRetryMs;
  }

  public FeaturePolicy policy() {
    return policy;
  }

  public static boolean isTraffic(StreamRecord r) {
    return TRAFFIC.contains(r.topic());
  }

  @Override
  public void prefetch(StreamRecord r, KeyRequests keys) {
    String run = r.platformRunId();
    keys.need(OfpTables.DEDUPE, new EventKey(run, EVENT_CLASS.get(r.topic()), eventId(r)));
    String flow = flowId(r);
    if (flow != null) {
      keys.need(OfpTables.FLOWS, new FlowKey(run, flow));
    }
    if (isTraffic(r)) {
      keys.need(OfpTables.META, run);
    }
  }

  /**
   * The entity rows an AUTH_REQUEST will update: named by its flow's stored anchor or by an anchor of this batch;
   * and those of an anchor whose flow's request is already applied (stored) or in this batch (late anchor).
   */
  @Override
  public void prefetchDependent(List<StreamRecord> records, BatchReads reads, KeyRequests keys) {
    Map<String, Map<String, String>> batchAnchors = new HashMap<>();
    Set<String> batchRequests = new HashSet<>();
    for (StreamRecord r : records) {
      String flow = flowId(r);
      if (flow == null) {
        continue;
      }
      if (!isTraffic(r)) {
        batchAnchors.putIfAbsent(flow, entities(r.payload()));
      } else if (isAmountEvent(r)) {
        batchRequests.add(flow);
      }
    }
    for (StreamRecord r : records) {
      String flow = flowId(r);
      if (flow == null) {
        continue;
      }
      FlowState stored = reads.get(OfpTables.FLOWS, new FlowKey(r.platformRunId(), flow));
      if (isTraffic(r)) {
        if (isAmountEvent(r)) {
          Map<String, String> anchor = stored != null && stored.anchor != null ? stored.anchor
              : batchAnchors.get(flow);
          if (anchor != null) {
            needEntities(r.platformRunId(), anchor, keys);
          }
        }
      } else if (batchRequests.contains(flow) || stored != null && stored.requestMicros != null
          && !stored.entitiesApplied) {
        needEntities(r.platformRunId(), entities(r.payload()), keys);
      }
    }
  }

  private void needEntities(String run, Map<String, String> anchor, KeyRequests keys) {
    for (Windows w : entityWindows) {
      String id = anchor.get(w.group().keyType());
      if (id != null) {
        keys.need(OfpTables.FEATURES, featureKey(run, w.group(), id));
      }
    }
  }

  @Override
  public void apply(StreamRecord r, ProcessorContext<Void> ctx) {
    if (isTraffic(r)) {
      applyTraffic(r, ctx);
    } else {
      applyAnchor(r, ctx);
    }
  }

  private void applyTraffic(StreamRecord r, ProcessorContext<Void> ctx) {
    String run = ctx.platformRunId();
    EventKey ek = new EventKey(run, EVENT_CLASS.get(r.topic()), eventId(r));
    String hash = Ids.payloadHash(r.eventType(), schemaVersion(r), r.payload());
    String stored = ctx.get(OfpTables.DEDUPE, ek);
    if (stored != null) {
      ctx.count(OfpCounters.SEEN, 1);
      if (stored.equals(hash)) {
        ctx.count(OfpCounters.DUPLICATES, 1);
      } else {
        ctx.count(OfpCounters.REJECTED, 1);
        mismatch(r, ek, stored, hash, ctx);
      }
      return;
    }
    String flow = flowId(r);
    Long ts = micros(r.tsUtc());
    if (flow == null || ts == null) {
      ctx.count(OfpCounters.SEEN, 1);
      ctx.count(OfpCounters.REJECTED, 1);
      ctx.put(OfpTables.DEDUPE, ek, hash);
      fail(r, ek, flow == null ? "MISSING_FLOW_ID" : "INVALID_TS_UTC", null, hash,
          flow == null ? "payload.flow_id is absent" : "ts_utc '" + r.tsUtc() + "' is not a timestamp", ctx);
      return;
    }
    FlowKey fk = new FlowKey(run, flow);
    FlowState state = ctx.get(OfpTables.FLOWS, fk);
    if (state == null || state.anchor == null) {
      long waitMs = remainingWaitMs(r, ctx);
      if (waitMs > 0) {
        ctx.hold(r, Math.min(waitMs, holdRetryMs), "FLOW_ANCHOR_PENDING");
        return;
      }
      ctx.count(OfpCounters.ANCHOR_MISSING, 1);
    }
    if (state == null) {
      state = new FlowState();
    }
    ctx.count(OfpCounters.SEEN, 1);
    ctx.count(OfpCounters.APPLIED, 1);
    ctx.put(OfpTables.DEDUPE, ek, hash);
    state.events++;
    state.lastMicros = state.events == 1 ? ts : Math.max(state.lastMicros, ts);
    if (isAmountEvent(r)) {
      long cents = cents(r.payload().get("amount"));
      state.amountCents += cents;
      if (state.requestMicros == null) {
        state.requestMicros = ts;
        state.requestCents = cents;
        if (state.anchor != null) {
          applyToEntities(run, state, ctx);
        }
      }
    }
    ctx.put(OfpTables.FLOWS, fk, state);
    OfpMeta meta = ctx.get(OfpTables.META, run);
    if (meta == null || meta.maxEventMicros() < ts) {
      ctx.put(OfpTables.META, run, new OfpMeta(ts));
    }
  }

  private void applyAnchor(StreamRecord r, ProcessorContext<Void> ctx) {
    String run = ctx.platformRunId();
    EventKey ek = new EventKey(run, EVENT_CLASS.get(r.topic()), eventId(r));
    String hash = Ids.payloadHash(r.eventType(), schemaVersion(r), r.payload());
    String stored = ctx.get(OfpTables.DEDUPE, ek);
    if (stored != null) {
      if (stored.equals(hash)) {
        ctx.count(OfpCounters.ANCHOR_DUPLICATES, 1);
      } else {
        mismatch(r, ek, stored, hash, ctx);
      }
      return;
    }
    ctx.put(OfpTables.DEDUPE, ek, hash);
    String flow = flowId(r);
    if (flow == null) {
      fail(r, ek, "MISSING_FLOW_ID", null, hash, "payload.flow_id is absent", ctx);
      return;
    }
    FlowKey fk = new FlowKey(run, flow);
    FlowState state = ctx.get(OfpTables.FLOWS, fk);
    TreeMap<String, String> entities = entities(r.payload());
    if (state != null && state.anchor != null) {
      if (state.anchor.equals(entities)) {
        ctx.count(OfpCounters.ANCHORS_APPLIED, 1);
      } else {
        ctx.count(OfpCounters.ANCHOR_CONFLICTS, 1);
        fail(r, ek, "FLOW_ANCHOR_CONFLICT", state.anchorEventId, hash, "flow " + flow + " is anchored to "
            + state.anchor + " by " + state.anchorEventId + "; this anchor names " + entities, ctx);
      }
      return;
    }
    if (state == null) {
      state = new FlowState();
    }
    state.anchor = entities;
    state.anchorEventId = eventId(r);
    ctx.count(OfpCounters.ANCHORS_APPLIED, 1);
    if (state.requestMicros != null && !state.entitiesApplied) {
      applyToEntities(run, state, ctx);
      ctx.count(OfpCounters.BACKFILLS, 1);
    }
    ctx.put(OfpTables.FLOWS, fk, state);
  }

  private void applyToEntities(String run, FlowState flow, ProcessorContext<Void> ctx) {
    for (Windows w : entityWindows) {
      String id = flow.anchor.get(w.group().keyType());
      if (id == null) {
        continue;
      }
      FeatureKey key = featureKey(run, w.group(), id);
      WindowedState s = ctx.get(OfpTables.FEATURES, key);
      if (s == null) {
        s = new WindowedState();
      }
      w.add(s, flow.requestMicros, flow.requestCents, flow.anchor);
      ctx.put(OfpTables.FEATURES, key, s);
    }
    flow.entitiesApplied = true;
  }

  private void mismatch(StreamRecord r, EventKey ek, String stored, String observed, ProcessorContext<Void> ctx) {
    ctx.count(OfpCounters.MISMATCH, 1);
    fail(r, ek, "PAYLOAD_HASH_MISMATCH", stored, observed, "event " + ek.eventId()
        + " was applied with another payload; the first is kept", ctx);
  }

  private static void fail(StreamRecord r, EventKey ek, String reason, String storedHash, String observedHash,
                           String detail, ProcessorContext<Void> ctx) {
    ctx.count(OfpCounters.FAILURES, 1);
    ctx.put(OfpTables.FAILURES, new OfpTables.FailureKey(ek.platformRunId(), ek.eventClass(), ek.eventId(),
        observedHash), new ApplyFailure(reason, r.topic(), r.partition(), r.offset(), r.eventType(), storedHash,
        observedHash, detail));
  }

  /** How much longer {@code r} may wait for its anchor: budget − (now − accepted by the log); 0 when it is over. */
  private long remainingWaitMs(StreamRecord r, ProcessorContext<Void> ctx) {
    if (!(ctx.enrichment(r) instanceof Long nowMicros)) {
      return 0;
    }
    Long published = micros(r.publishedAtUtc());
    if (published == null) {
      return 0;
    }
    long left = published + budgetMicros - nowMicros;
    return left <= 0 ? 0 : Math.max(1, left / 1000);
  }

  public static FeatureKey featureKey(String run, FeatureGroup g, String id) {
    return new FeatureKey(run, g.keyType(), id, g.name(), g.version());
  }

  private boolean isAmountEvent(StreamRecord r) {
    return isTraffic(r) && policy.amountEventType().equals(r.payload().get("event_type"));
  }

  private static String eventId(StreamRecord r) {
    String id = r.eventId();
    return id == null ? "" : id;
  }

  private static String schemaVersion(StreamRecord r) {
    return r.envelope().get("schema_version") instanceof String s ? s : null;
  }

  /** The payload's {@code flow_id} as text (ids are 64-bit integers on the wire), or null. */
  public static String flowId(StreamRecord r) {
    return id(r.payload().get("flow_id"));
  }

  static String id(Object v) {
    if (v instanceof String s) {
      return s.isEmpty() ? null : s;
    }
    return v instanceof Number n ? n.toString() : null;
  }

  /** The anchor's entities: every {@link FeaturePolicy#ENTITY_TYPES} field present, as text. */
  public static TreeMap<String, String> entities(Map<String, Object> payload) {
    TreeMap<String, String> out = new TreeMap<>();
    for (String type : FeaturePolicy.ENTITY_TYPES) {
      String id = id(payload.get(type));
      if (id != null) {
        out.put(type, id);
      }
    }
    return out;
  }

  /** An amount in minor units (2 decimals, half-up), 0 when absent or not a number (reference: else 0.0). */
  public static long cents(Object amount) {
    try {
      BigDecimal v = amount instanceof Number n ? new BigDecimal(n.toString())
          : amount instanceof String s ? new BigDecimal(s.trim()) : BigDecimal.ZERO;
      return v.setScale(2, RoundingMode.HALF_UP).movePointRight(2).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      return 0;
    }
  }

  static Long micros(String ts) {
    if (ts == null || ts.isEmpty()) {
      return null;
    }
    try {
      return WireTime.parseMicros(ts);
    } catch (IllegalArgumentException | ArithmeticException e) {
      return null;
    }
  }
}
