package dev.fp.caselabels.cm;

import dev.fp.platform.query.LabelStoreClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Label Store's writer boundary as CM sees it on the event bus ({@link LabelStoreClient#WRITE_ADDRESS}, its reply
 * shapes): first write of an id ACCEPTED / ASSERTION_COMMITTED_NEW, the same payload hash again
 * ASSERTION_REPLAY_MATCH, another hash REJECTED / PAYLOAD_HASH_MISMATCH. {@link #down()} unregisters it, so CM's real
 * client meets NO_HANDLERS as when LS is not deployed. Records every write it answered.
 */
final class TestLabelStore {
  private final Vertx vertx;
  private final Map<String, String> hashes = new LinkedHashMap<>();
  private final List<String> writes = new ArrayList<>();
  private MessageConsumer<JsonObject> consumer;

  TestLabelStore(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<Void> up() {
    consumer = vertx.eventBus().consumer(LabelStoreClient.WRITE_ADDRESS, msg -> {
      JsonArray results = new JsonArray();
      for (Object o : msg.body().getJsonArray("assertions")) {
        JsonObject a = (JsonObject) o;
        String id = a.getString("label_assertion_id");
        String hash = a.getString("payload_hash");
        String seen = hashes.putIfAbsent(id, hash);
        synchronized (writes) {
          writes.add(id);
        }
        String reason = seen == null ? "ASSERTION_COMMITTED_NEW" : seen.equals(hash) ? "ASSERTION_REPLAY_MATCH"
            : "PAYLOAD_HASH_MISMATCH";
        results.add(new JsonObject().put("status", reason.startsWith("ASSERTION") ? "ACCEPTED" : "REJECTED")
            .put("reason_code", reason).put("label_assertion_id", id)
            .put("assertion_ref", "runs/fraud-platform/label_store/assertions/" + id + ".json")
            .put("replay_count", 0).put("mismatch_count", 0));
      }
      msg.reply(new JsonObject().put("results", results));
    });
    return consumer.completion();
  }

  Future<Void> down() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  /** Every id written, once per write. */
  List<String> writes() {
    synchronized (writes) {
      return List.copyOf(writes);
    }
  }
}
