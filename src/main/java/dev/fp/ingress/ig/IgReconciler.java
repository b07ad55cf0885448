package dev.fp.ingress.ig;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fp.contract.CanonicalJson;
import dev.fp.contract.EnvelopeFields;
import dev.fp.contract.Ids;
import dev.fp.contract.Timestamps;
import dev.fp.ingress.ig.core.Actor;
import dev.fp.ingress.ig.core.AdmissionChecks;
import dev.fp.ingress.ig.core.AdmissionRow;
import dev.fp.ingress.ig.core.AdmissionState;
import dev.fp.ingress.ig.core.Checked;
import dev.fp.ingress.ig.core.Receipts;
import dev.fp.ingress.ig.store.ReceiptRow;
import dev.fp.platform.auth.ApiPrincipal;
import dev.fp.platform.evidence.EvidenceDriftException;
import dev.fp.platform.evidence.EvidenceRef;
import dev.fp.platform.log.Logging;
import dev.fp.substrate.eventlog.EbRef;
import dev.fp.substrate.eventlog.LogRecord;
import dev.fp.substrate.eventlog.Position;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Operator reconciliation of a PUBLISH_AMBIGUOUS admission ({@code POST /v1/ops/reconcile}, role operator). IG never
 * republishes on its own; this is the only way out of the state:
 * <ul>
 *   <li>{@code check} (default): scan the intended topic for the record (same event_id, platform_run_id, class and
 *       payload hash). Found: the row becomes ADMITTED with that record's eb_ref and an ADMIT receipt is written, so
 *       the next push of the event answers DUPLICATE. Not found: nothing changes.</li>
 *   <li>{@code release}: the same scan; found resolves as above, not found moves the row to PUBLISH_RELEASED, which
 *       lets the next push of the event publish it (once).</li>
 * </ul>
 * The scan reads the topic from its start, so it costs one pass over the topic: an operator action, not a hot path.
 * {@link InFlightRecovery} uses the same scan and settlement for rows a crash left in flight.
 */
final class IgReconciler {
  static final String CHECK = "check";
  static final String RELEASE = "release";
  private static final Logger LOG = Logging.component("ig_service");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
  };
  private static final int READ_BATCH = 1000;
  private static final ApiPrincipal ANY = new ApiPrincipal("SYSTEM::ingestion_gate", true, Set.of(), Set.of());
  private final IgParts p;
  private final AdmissionChecks checks;

  IgReconciler(IgParts p, AdmissionChecks checks) {
    this.p = p;
    this.checks = checks;
  }

  Future<JsonObject> reconcile(String dedupeKey, String action, ApiPrincipal operator) {
    if (!CHECK.equals(action) && !RELEASE.equals(action)) {
      return Future.failedFuture(new IgRejection(400, "BAD_REQUEST", "action must be check or release", 0));
    }
    return p.admissions().locate(dedupeKey).compose(found -> {
      AdmissionRow row = found.orElseThrow(() -> new IgRejection(404, "NOT_FOUND", "no admission " + dedupeKey, 0));
      if (row.state() != AdmissionState.PUBLISH_AMBIGUOUS) {
        return Future.failedFuture(new IgRejection(409, "NOT_AMBIGUOUS", "admission " + dedupeKey + " is "
            + row.storedState(), row.state() == AdmissionState.PUBLISH_IN_FLIGHT ? p.cfg().inFlightRetryAfterSeconds() : 0));
      }
      return findInLog(List.of(row)).compose(hits -> hits.containsKey(row.dedupeKey())
          ? admit(row, hits.get(row.dedupeKey()), operator)
          : RELEASE.equals(action) ? release(row, operator) : notFound(row));
    });
  }

  private Future<JsonObject> notFound(AdmissionRow row) {
    return Future.succeededFuture(base(row, AdmissionState.PUBLISH_AMBIGUOUS).put("found", false).put("detail",
        "record not in " + row.ebTopic() + "; POST again with action=release to let the next push publish it"));
  }

  private Future<JsonObject> release(AdmissionRow row, ApiPrincipal operator) {
    String now = Timestamps.now(p.clock());
    return p.commits().submit("ig release", tx -> p.admissions().release(tx, AdmissionState.PUBLISH_AMBIGUOUS,
            row.platformRunId(), row.dedupeKey(), "RELEASED_BY " + operator.principal(), now))
        .map(ok -> {
          LOG.warn("IG admission {} (event_id {}) released for republish by {}", row.dedupeKey(), row.eventId(),
              operator.principal());
          return base(row, ok ? AdmissionState.PUBLISH_RELEASED : AdmissionState.PUBLISH_AMBIGUOUS).put("found", false);
        });
  }

  private Future<JsonObject> admit(AdmissionRow row, LogRecord record, ApiPrincipal operator) {
    return admitFromLog(row, record, Actor.of(operator, Actor.API_KEY), AdmissionState.PUBLISH_AMBIGUOUS,
        "RECONCILED_FOUND_IN_LOG", Map.of("reconciled_admitted", 1L))
        .map(eb -> {
          LOG.warn("IG admission {} (event_id {}) reconciled by {}: found in {} at offset {}", row.dedupeKey(),
              row.eventId(), operator.principal(), eb.topic(), eb.offset());
          return base(row, AdmissionState.ADMITTED).put("found", true).put("eb_ref", new JsonObject()
              .put("topic", eb.topic()).put("partition", eb.partition()).put("offset", eb.offset())
              .put("offset_kind", eb.offsetKind())).put("receipt_ref", eb.receiptRef());
        });
  }

  /** Where a row was found in the log, and the ref of its ADMIT receipt. */
  record Found(String topic, int partition, String offset, String offsetKind, String receiptRef) {
  }

  /**
   * Makes a row in state {@code from} whose record {@code record} is in the log ADMITTED: writes its ADMIT receipt
   * (write-once: a receipt already durable for the event keeps its place and its ref is used), then in one batch
   * settles the row, indexes the receipt and adds {@code counters}. Fails with 409 RECORD_NOT_ADMISSIBLE when the
   * logged record no longer passes the admission checks, or when the row left {@code from} meanwhile.
   */
  Future<Found> admitFromLog(AdmissionRow row, LogRecord record, Actor actor, AdmissionState from, String reason,
                             Map<String, Long> counters) {
    Map<String, Object> envelope = parse(record.data());
    Checked checked = checks.check(envelope, ANY);
    if (!(checked instanceof Checked.Candidate c)) {
      return Future.failedFuture(new IgRejection(409, "RECORD_NOT_ADMISSIBLE", "the logged record no longer passes "
          + "the admission checks: " + checked, 0));
    }
    EbRef eb = new EbRef(record.topic(), record.partition(), record.offset(), p.eventLog().offsetKind(),
        record.publishedAtUtc());
    String now = Timestamps.now(p.clock());
    Map<String, Object> receipt = p.receipts().admit(c, eb, now, actor);
    String receiptId = receipt.get("receipt_id").toString();
    return p.evidence().write(p.receiptsPrefix(envelope), receiptId, receipt).map(EvidenceRef::ref)
        .recover(err -> err instanceof EvidenceDriftException d ? Future.succeededFuture(d.existingRef())
            : Future.failedFuture(err))
        .compose(ref -> p.commits().submit("ig reconcile", tx -> p.admissions()
            .resolveFound(tx, from, row.platformRunId(), row.dedupeKey(), eb, now, receiptId, ref, reason, now)
            .compose(ok -> {
              if (!ok) {
                return Future.failedFuture(new IgRejection(409, "NOT_AMBIGUOUS", "admission " + row.dedupeKey()
                    + " is no longer " + from, 0));
              }
              return p.ops().insertReceipts(tx, List.of(receiptRow(receipt, c, eb, ref, now)))
                  .compose(v -> p.counters().add(tx, Map.of(row.platformRunId(), counters)));
            })
            .map(v -> new Found(eb.topic(), eb.partition(), eb.offset(), eb.offsetKind(), ref))));
  }

  /**
   * The logged record of each row that is in its topic (identity and payload hash), by dedupe key: one pass over
   * each topic from its start, whatever the number of rows — an operator or start-up action, not a hot path.
   */
  Future<Map<String, LogRecord>> findInLog(List<AdmissionRow> rows) {
    Map<String, Map<String, List<AdmissionRow>>> byTopic = new LinkedHashMap<>();
    rows.forEach(r -> byTopic.computeIfAbsent(r.ebTopic(), t -> new HashMap<>())
        .computeIfAbsent(r.eventId(), e -> new ArrayList<>()).add(r));
    Map<String, LogRecord> found = new HashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (var topic : byTopic.entrySet()) {
      chain = chain.compose(v -> p.eventLog().partitions(topic.getKey())
          .compose(n -> scanPartition(topic.getKey(), topic.getValue(), 0, n, Position.trimHorizon(), found)));
    }
    return chain.map(found);
  }

  private Future<Void> scanPartition(String topic, Map<String, List<AdmissionRow>> wanted, int partition,
                                     int partitions, Position from, Map<String, LogRecord> found) {
    if (partition >= partitions || wanted.isEmpty()) {
      return Future.succeededFuture();
    }
    return p.eventLog().read(topic, partition, from, READ_BATCH).compose(batch -> {
      for (LogRecord r : batch.records()) {
        Map<String, Object> env = null;
        for (String eventId : List.copyOf(wanted.keySet())) {
          if (!r.data().contains(eventId)) {
            continue;
          }
          env = env == null ? parse(r.data()) : env;
          List<AdmissionRow> candidates = wanted.get(eventId);
          for (AdmissionRow row : List.copyOf(candidates)) {
            if (matches(row, env)) {
              found.putIfAbsent(row.dedupeKey(), r);
              candidates.remove(row);
            }
          }
          if (candidates.isEmpty()) {
            wanted.remove(eventId);
          }
        }
      }
      return batch.records().isEmpty()
          ? scanPartition(topic, wanted, partition + 1, partitions, Position.trimHorizon(), found)
          : scanPartition(topic, wanted, partition, partitions, batch.next(), found);
    });
  }

  private boolean matches(AdmissionRow row, Map<String, Object> env) {
    Object type = env.get(EnvelopeFields.EVENT_TYPE);
    if (!(type instanceof String t) || !row.eventId().equals(env.get(EnvelopeFields.EVENT_ID))
        || !row.platformRunId().equals(String.valueOf(env.getOrDefault(EnvelopeFields.PLATFORM_RUN_ID, "")))
        || !row.eventClass().equals(checks.classOf(t))) {
      return false;
    }
    Object version = env.get(EnvelopeFields.SCHEMA_VERSION);
    return row.payloadHash().equals(Ids.payloadHash(t, version instanceof String v ? v : null,
        env.get(EnvelopeFields.PAYLOAD)));
  }

  private static Map<String, Object> parse(String data) {
    try {
      return JSON.readValue(data, MAP);
    } catch (IOException e) {
      return Map.of();
    }
  }

  private ReceiptRow receiptRow(Map<String, Object> r, Checked.Candidate c, EbRef eb, String ref, String now) {
    var rev = p.receipts().policyRev();
    return new ReceiptRow(r.get("receipt_id").toString(), c.platformRunId(), c.eventId(), c.eventType(),
        c.eventClass(), c.dedupeKey(), Receipts.ADMIT, eb.topic(), eb.partition(), eb.offset(), eb.offsetKind(),
        rev.policyId(), rev.revision(), rev.contentDigest(), now, ref, CanonicalJson.write(r.get("pins")), null, null);
  }

  private static JsonObject base(AdmissionRow row, AdmissionState state) {
    return new JsonObject().put("dedupe_key", row.dedupeKey()).put("event_id", row.eventId())
        .put("state", state.name());
  }
}
