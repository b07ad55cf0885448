package dev.fp.rtdl.al;

import dev.fp.platform.ingest.IgAdmissionClient;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.core.BatchWrites;
import dev.fp.rtdl.al.core.AlCounters;
import dev.fp.rtdl.al.core.OutcomePublish;
import dev.fp.rtdl.al.store.AlTables;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Publishes a batch's outcomes through IG's in-process admission (principal {@code SYSTEM::action_layer}) and records
 * IG's answer on each outcome row. ADMIT, DUPLICATE and QUARANTINE settle an outcome, as does a non-retryable refusal
 * (4xx: recorded as REJECTED and counted, health shows it). A retryable answer (409 in flight, 429, 503) or no answer
 * fails the round: nothing commits, the checkpoint holds, and the shell re-delivers the batch, which derives the same
 * outcomes, so IG then answers DUPLICATE for any that did land.
 */
final class OutcomePublisher implements EffectRunner<OutcomePublish> {
  static final String PRINCIPAL = "SYSTEM::action_layer";
  private final IgAdmissionClient ig;
  private final int chunk;

  OutcomePublisher(IgAdmissionClient ig, int chunk) {
    this.ig = ig;
    this.chunk = chunk;
  }

  @Override
  public Future<Void> run(List<OutcomePublish> effects, BatchWrites batch) {
    // every chunk at once: IG's cycle takes them together (one group commit) instead of one cycle after another
    List<Future<Void>> parts = new ArrayList<>();
    for (int from = 0; from < effects.size(); from += chunk) {
      parts.add(publish(effects.subList(from, Math.min(effects.size(), from + chunk)), batch));
    }
    return Future.join(parts).mapEmpty();
  }

  private Future<Void> publish(List<OutcomePublish> part, BatchWrites batch) {
    List<Map<String, Object>> envelopes = new ArrayList<>();
    part.forEach(e -> envelopes.add(e.envelope()));
    return ig.admitBatch(envelopes).compose(answer -> {
      JsonArray results = answer.getJsonArray("results");
      if (results == null || results.size() != part.size()) {
        return Future.failedFuture(new IllegalStateException("IG refused the outcome batch: "
            + answer.getInteger("status") + " " + answer.getString("error") + " " + answer.getString("detail")));
      }
      for (int i = 0; i < part.size(); i++) {
        JsonObject item = results.getJsonObject(i);
        int status = item.getInteger("status", 500);
        if (retryable(status)) {
          return Future.failedFuture(new IllegalStateException("IG answered " + status + " for outcome "
              + part.get(i).key().outcomeId() + ": " + item.getString("error")));
        }
        OutcomePublish e = part.get(i);
        String decision = status == 200 ? item.getString("decision") : "REJECTED";
        String receipt = status == 200 ? item.getString("receipt_ref")
            : status + " " + item.getString("error") + ": " + item.getString("detail");
        batch.put(AlTables.OUTCOMES, e.key(), e.row().published(decision, receipt));
        batch.count(switch (decision) {
          case "ADMIT" -> AlCounters.PUBLISH_ADMIT;
          case "DUPLICATE" -> AlCounters.PUBLISH_DUPLICATE;
          case "QUARANTINE" -> AlCounters.PUBLISH_QUARANTINE;
          default -> AlCounters.PUBLISH_REJECTED;
        }, 1);
      }
      return Future.succeededFuture();
    });
  }

  private static boolean retryable(int status) {
    return status == 409 || status == 429 || status >= 500;
  }
}
