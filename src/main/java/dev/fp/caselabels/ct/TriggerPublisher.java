package dev.fp.caselabels.ct;

import dev.fp.caselabels.ct.core.CtCounters;
import dev.fp.caselabels.ct.core.TriggerPublish;
import dev.fp.caselabels.ct.store.CtTables;
import dev.fp.platform.ingest.IgAdmissionClient;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.core.BatchWrites;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Publishes a batch's case triggers through IG's in-process admission (principal {@value #PRINCIPAL}, class
 * {@code case_trigger} → {@code fp.bus.case.v1}) and records IG's answer per trigger in {@code ct_publish}. ADMIT and
 * DUPLICATE settle a trigger; QUARANTINE and a non-retryable refusal (4xx) are recorded with their reason (also in
 * {@code ct_publish_anomalies}, for the governance {@code PUBLISH_OUTCOME} anomaly), counted, and turn health RED — never a crash, never a silent skip. A retryable answer (409, 429, 5xx) or no answer fails the
 * round: nothing of the batch commits, the checkpoint holds, and the re-delivered batch derives the same triggers
 * (same event ids), so IG answers DUPLICATE for any that did land (fixes case_ops_obs §8.2–§8.3).
 */
final class TriggerPublisher implements EffectRunner<TriggerPublish> {
  static final String PRINCIPAL = "SYSTEM::case_trigger";
  private final IgAdmissionClient ig;
  private final int chunk;

  TriggerPublisher(IgAdmissionClient ig, int chunk) {
    this.ig = ig;
    this.chunk = chunk;
  }

  @Override
  public Future<Void> run(List<TriggerPublish> effects, BatchWrites batch) {
    // every chunk at once: IG's cycle takes them together (one group commit) instead of one cycle after another
    List<Future<Void>> parts = new ArrayList<>();
    for (int from = 0; from < effects.size(); from += chunk) {
      parts.add(publish(effects.subList(from, Math.min(effects.size(), from + chunk)), batch));
    }
    return Future.join(parts).mapEmpty();
  }

  private Future<Void> publish(List<TriggerPublish> part, BatchWrites batch) {
    List<Map<String, Object>> envelopes = new ArrayList<>();
    part.forEach(e -> envelopes.add(e.envelope()));
    return ig.admitBatch(envelopes).compose(answer -> {
      JsonArray results = answer.getJsonArray("results");
      if (results == null || results.size() != part.size()) {
        return Future.failedFuture(new IllegalStateException("IG refused the trigger batch: "
            + answer.getInteger("status") + " " + answer.getString("error") + " " + answer.getString("detail")));
      }
      for (int i = 0; i < part.size(); i++) {
        JsonObject item = results.getJsonObject(i);
        int status = item.getInteger("status", 500);
        if (retryable(status)) {
          return Future.failedFuture(new IllegalStateException("IG answered " + status + " for case trigger "
              + part.get(i).key().caseTriggerId() + ": " + item.getString("error")));
        }
      }
      for (int i = 0; i < part.size(); i++) {
        record(part.get(i), results.getJsonObject(i), batch);
      }
      return Future.succeededFuture();
    });
  }

  private static void record(TriggerPublish e, JsonObject item, BatchWrites batch) {
    int status = item.getInteger("status", 500);
    String decision = status == 200 ? item.getString("decision") : "REJECTED";
    String reason = switch (decision) {
      case "ADMIT", "DUPLICATE" -> null;
      case "QUARANTINE" -> quarantineReason(item);
      default -> "IG_PUSH_REJECTED:" + status + ":" + item.getString("error");
    };
    String receipt = status == 200 ? item.getString("receipt_ref") : item.getString("detail");
    CtTables.PublishRow row = new CtTables.PublishRow(e.key().caseTriggerId(), decision, receipt, reason, PRINCIPAL);
    batch.put(CtTables.PUBLISH, e.key(), row);
    if (PublishOutcomes.anomalous(decision)) {
      batch.put(CtTables.PUBLISH_ANOMALIES, e.key(), row);
    }
    batch.count(switch (decision) {
      case "ADMIT" -> CtCounters.PUBLISHED;
      case "DUPLICATE" -> CtCounters.DUPLICATES;
      case "QUARANTINE" -> CtCounters.QUARANTINE;
      default -> CtCounters.PUBLISH_REJECTED;
    }, 1);
  }

  private static String quarantineReason(JsonObject item) {
    Object codes = item.getValue("reason_codes");
    if (codes instanceof JsonArray a && !a.isEmpty()) {
      return "QUARANTINE:" + String.join(",", a.stream().map(String::valueOf).toList());
    }
    return codes == null ? "QUARANTINE" : "QUARANTINE:" + codes;
  }

  private static boolean retryable(int status) {
    return status == 408 || status == 409 || status == 429 || status >= 500;
  }
}
