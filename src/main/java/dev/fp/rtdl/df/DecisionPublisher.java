package dev.fp.rtdl.df;

import dev.fp.platform.ingest.IgAdmissionClient;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.core.BatchWrites;
import dev.fp.rtdl.df.core.DecisionPublish;
import dev.fp.rtdl.df.core.DfCounters;
import dev.fp.rtdl.df.store.DfTables;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Publishes a batch's stored decisions through IG's in-process admission (principal {@code SYSTEM::decision_fabric}):
 * every decision first, then the intents of the decisions IG admitted (or had: DUPLICATE), then marks each ledger row
 * PUBLISHED with IG's answers — committed with the checkpoint. A QUARANTINE or a non-retryable refusal (4xx) is
 * recorded and counted (health RED), never retried, and its intent is not sent. A retryable answer (409 in flight,
 * 429, 5xx) or no answer fails the round: the rows stay PENDING, the checkpoint holds, and the re-delivered batch
 * re-publishes the same envelopes, so IG answers DUPLICATE for any that did land.
 */
final class DecisionPublisher implements EffectRunner<DecisionPublish> {
  static final String PRINCIPAL = "SYSTEM::decision_fabric";
  private final IgAdmissionClient ig;
  private final int chunk;

  DecisionPublisher(IgAdmissionClient ig, int chunk) {
    this.ig = ig;
    this.chunk = chunk;
  }

  /** IG's answer to one envelope: ADMIT, DUPLICATE, QUARANTINE or REJECTED, with its receipt or why. */
  private record Answer(String decision, String receipt) {
    boolean landed() {
      return decision.equals("ADMIT") || decision.equals("DUPLICATE");
    }
  }

  @Override
  public Future<Void> run(List<DecisionPublish> effects, BatchWrites batch) {
    if (effects.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Map<String, Object>> decisions = new ArrayList<>();
    effects.forEach(e -> decisions.add(e.row().decision()));
    return admit(decisions).compose(decisionAnswers -> {
      List<Map<String, Object>> intents = new ArrayList<>();
      List<Integer> owner = new ArrayList<>();
      for (int i = 0; i < effects.size(); i++) {
        if (decisionAnswers.get(i).landed()) {
          for (Map<String, Object> intent : effects.get(i).row().intents()) {
            intents.add(intent);
            owner.add(i);
          }
        }
      }
      return admit(intents).map(intentAnswers -> {
        List<List<Answer>> byEffect = new ArrayList<>();
        effects.forEach(e -> byEffect.add(new ArrayList<>()));
        for (int j = 0; j < intents.size(); j++) {
          byEffect.get(owner.get(j)).add(intentAnswers.get(j));
        }
        for (int i = 0; i < effects.size(); i++) {
          record(effects.get(i), decisionAnswers.get(i), byEffect.get(i), batch);
        }
        return null;
      });
    });
  }

  private static void record(DecisionPublish e, Answer decision, List<Answer> intents, BatchWrites batch) {
    List<String> receipts = new ArrayList<>();
    receipts.add(decision.receipt());
    String intentAnswer = null;
    for (Answer a : intents) {
      receipts.add(a.receipt());
      intentAnswer = a.decision();
      batch.count(switch (a.decision()) {
        case "ADMIT" -> DfCounters.INTENT_ADMIT;
        case "DUPLICATE" -> DfCounters.INTENT_DUPLICATE;
        case "QUARANTINE" -> DfCounters.PUBLISH_QUARANTINE;
        default -> DfCounters.PUBLISH_REJECTED;
      }, 1);
    }
    batch.count(switch (decision.decision()) {
      case "ADMIT" -> DfCounters.PUBLISH_ADMIT;
      case "DUPLICATE" -> DfCounters.PUBLISH_DUPLICATE;
      case "QUARANTINE" -> DfCounters.PUBLISH_QUARANTINE;
      default -> DfCounters.PUBLISH_REJECTED;
    }, 1);
    batch.count(DfCounters.PUBLISH + decision.decision(), 1);
    batch.put(DfTables.LEDGER, e.key(), e.row().published(decision.decision(), intentAnswer, receipts));
  }

  /**
   * IG's answers to {@code envelopes}, in order; the chunks are sent at once (IG's cycle takes them together, one
   * group commit, instead of one cycle per chunk); fails on a retryable answer or none.
   */
  private Future<List<Answer>> admit(List<Map<String, Object>> envelopes) {
    List<List<Map<String, Object>>> parts = new ArrayList<>();
    List<Future<JsonObject>> answers = new ArrayList<>();
    for (int from = 0; from < envelopes.size(); from += chunk) {
      List<Map<String, Object>> part = envelopes.subList(from, Math.min(envelopes.size(), from + chunk));
      parts.add(part);
      answers.add(ig.admitBatch(part));
    }
    return Future.join(answers).map(all -> {
      List<Answer> out = new ArrayList<>(envelopes.size());
      for (int p = 0; p < parts.size(); p++) {
        collect(parts.get(p), answers.get(p).result(), out);
      }
      return out;
    });
  }

  private static void collect(List<Map<String, Object>> part, JsonObject answer, List<Answer> out) {
    JsonArray results = answer.getJsonArray("results");
    if (results == null || results.size() != part.size()) {
      throw new IllegalStateException("IG refused the decision batch: "
          + answer.getInteger("status") + " " + answer.getString("error") + " " + answer.getString("detail"));
    }
    for (int i = 0; i < part.size(); i++) {
      JsonObject item = results.getJsonObject(i);
      int status = item.getInteger("status", 500);
      if (status == 409 || status == 429 || status >= 500) {
        throw new IllegalStateException("IG answered " + status + " for "
            + part.get(i).get("event_type") + " " + part.get(i).get("event_id") + ": " + item.getString("error"));
      }
      out.add(status == 200 ? new Answer(item.getString("decision"), item.getString("receipt_ref"))
          : new Answer("REJECTED", status + " " + item.getString("error") + ": " + item.getString("detail")));
    }
  }
}
