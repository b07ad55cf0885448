package dev.fp.caselabels.cm;

import dev.fp.caselabels.cm.core.CaseIntakeCore;
import dev.fp.caselabels.cm.core.CmCounters;
import dev.fp.caselabels.cm.core.LabelHandshake;
import dev.fp.caselabels.cm.store.CmTables;
import dev.fp.caselabels.cm.store.CmTables.EmissionKey;
import dev.fp.caselabels.cm.store.CmTables.EmissionRow;
import dev.fp.contract.Timestamps;
import dev.fp.platform.stream.core.BatchWrites;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One round of the LS handshake for a list of PENDING labels: ONE {@code write} to the Label Store's writer boundary
 * with all of them, then each label's {@link LabelHandshake.Step} from its answer — ACCEPTED / REJECTED decide it;
 * no answer (LS not deployed, timed out, or an unusable reply) leaves it PENDING with reason
 * {@value LabelHandshake#LS_UNAVAILABLE} or {@code LS_WRITE_EXCEPTION:<Class>}, due again after the policy's backoff.
 * The round itself never fails: a label LS could not take is a recorded PENDING, not a re-delivered batch.
 */
final class LabelRound {
  /** A label to submit and the row it had when the round began. */
  record Item(EmissionKey key, EmissionRow row) {
  }

  /** A label's key and what the round did to it. */
  record Result(EmissionKey key, LabelHandshake.Step step) {
  }

  private final Function<List<Map<String, Object>>, Future<JsonObject>> ls;
  private final Clock clock;
  private final long backoffSeconds;
  private final int writeMax;

  /**
   * @param ls       the writer boundary ({@code LabelStoreClient::write}; tests put a failing one in its place)
   * @param writeMax labels per write at most; a larger round is written in consecutive parts
   */
  LabelRound(Function<List<Map<String, Object>>, Future<JsonObject>> ls, Clock clock, long backoffSeconds,
             int writeMax) {
    this.ls = ls;
    this.clock = clock;
    this.backoffSeconds = backoffSeconds;
    this.writeMax = writeMax;
  }

  Future<List<Result>> submit(List<Item> items) {
    Future<List<Result>> chain = Future.succeededFuture(new ArrayList<>());
    for (int from = 0; from < items.size(); from += writeMax) {
      List<Item> part = items.subList(from, Math.min(items.size(), from + writeMax));
      chain = chain.compose(done -> write(part).map(more -> {
        done.addAll(more);
        return done;
      }));
    }
    return chain;
  }

  private Future<List<Result>> write(List<Item> items) {
    List<Map<String, Object>> assertions = new ArrayList<>();
    items.forEach(i -> assertions.add(i.row().assertion()));
    Future<JsonObject> answer;
    try {
      answer = ls.apply(assertions);
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    return answer.map(reply -> answered(items, reply)).otherwise(err -> unanswered(items, reason(err)));
  }

  private List<Result> answered(List<Item> items, JsonObject reply) {
    JsonArray results = reply == null ? null : reply.getJsonArray("results");
    if (results == null || results.size() != items.size()) {
      return unanswered(items, "LS_WRITE_EXCEPTION:MalformedReply");
    }
    String now = Timestamps.now(clock);
    List<Result> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      JsonObject r = results.getJsonObject(i);
      String status = r.getString("status");
      if (!LabelHandshake.ACCEPTED.equals(status) && !LabelHandshake.REJECTED.equals(status)
          || !item.key().labelAssertionId().equals(r.getString("label_assertion_id"))) {
        out.add(new Result(item.key(), LabelHandshake.unanswered(item.row(), "LS_WRITE_EXCEPTION:MalformedReply",
            now, next())));
      } else {
        out.add(new Result(item.key(), LabelHandshake.answered(item.row(), status, r.getString("reason_code"),
            r.getString("assertion_ref"), now)));
      }
    }
    return out;
  }

  private List<Result> unanswered(List<Item> items, String reason) {
    String now = Timestamps.now(clock);
    return items.stream().map(i -> new Result(i.key(), LabelHandshake.unanswered(i.row(), reason, now, next())))
        .toList();
  }

  private String next() {
    return Timestamps.format(clock.instant().plusSeconds(backoffSeconds));
  }

  private static String reason(Throwable err) {
    return err instanceof ReplyException ? LabelHandshake.LS_UNAVAILABLE
        : "LS_WRITE_EXCEPTION:" + err.getClass().getSimpleName();
  }

  /**
   * Writes what the round did: the emission rows, the decided labels' events, the pending index, the counters
   * ({@code attempted}: LS was called for them; false for labels rejected at the retry limit).
   */
  static void record(List<Result> results, String run, String nowUtc, BatchWrites writes, boolean attempted) {
    for (Result r : results) {
      LabelHandshake.Step s = r.step();
      writes.put(CmTables.EMISSIONS, r.key(), s.row());
      writes.count(CmCounters.LABEL_ATTEMPTS, attempted ? 1 : 0);
      writes.count(s.counter(), 1);
      if (s.pending() == null) {
        writes.delete(CmTables.PENDING, r.key());
      } else {
        writes.put(CmTables.PENDING, r.key(), s.pending());
      }
      if (s.event() != null) {
        // a PENDING label has no decided event yet, and each label is decided once
        CaseIntakeCore.append(writes, null, run, s.event(), LabelHandshake.HANDSHAKE_ACTOR, "SYSTEM", nowUtc);
      }
    }
  }
}
