package dev.fp.caselabels.ls;

import dev.fp.caselabels.ls.core.AsOf;
import dev.fp.caselabels.ls.core.TimelineEntry;
import dev.fp.caselabels.ls.store.LsTables;
import dev.fp.contract.Timestamps;
import dev.fp.platform.query.LabelStoreClient;
import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.KeyValue;
import dev.fp.substrate.state.StateStore;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers {@link LabelStoreClient#QUERY_ADDRESS} (case_ops_obs §3.4) from committed state: a subject's timeline and
 * its labels as of an observed time. Each read is one prefix scan of {@code ls_label_timeline}: O(labels of the
 * subject), never O(run). Bad requests answer {@code {"status": "ERROR", "code", "detail"}}.
 */
final class LabelQueries {
  static final int PAGE = 1_000;
  private final StateStore store;
  private final String platformRunId;

  LabelQueries(StateStore store, String platformRunId) {
    this.store = store;
    this.platformRunId = platformRunId;
  }

  void answer(Message<JsonObject> msg) {
    JsonObject q = msg.body() == null ? new JsonObject() : msg.body();
    String kind = text(q, "query");
    String run = text(q, "platform_run_id");
    String eventId = text(q, "event_id");
    String type = text(q, "label_type");
    String asOf = text(q, "as_of");
    String problem = q.getValue("label_type") != null && type == null ? "label_type must be a string"
        : problem(kind, run, eventId, asOf);
    if (problem != null) {
      msg.reply(error("INVALID_REQUEST", problem));
    } else if (!platformRunId.equals(run)) {
      msg.reply(error("RUN_SCOPE_MISMATCH", "this label store serves " + platformRunId + ", not " + run));
    } else {
      timeline(eventId, type).onSuccess(entries -> msg.reply(new JsonObject("as_of".equals(kind)
              ? asOf(eventId, type, asOf, entries) : timelineAnswer(eventId, type, entries))))
          .onFailure(err -> msg.fail(503, "label store read failed: " + err));
    }
  }

  /** A field's string value; anything else (a number, an object) reads as absent and is refused as such. */
  private static String text(JsonObject q, String field) {
    return q.getValue(field) instanceof String s ? s : null;
  }

  private static String problem(String kind, String run, String eventId, String asOf) {
    if (!"timeline".equals(kind) && !"as_of".equals(kind)) {
      return "query must be timeline or as_of, got " + kind;
    }
    if (run == null || run.isBlank()) {
      return "platform_run_id is required";
    }
    if (eventId == null || eventId.isBlank()) {
      return "event_id is required";
    }
    if ("as_of".equals(kind) && !Timestamps.isWireInstant(asOf)) {
      return "as_of must be a YYYY-MM-DDTHH:MM:SS.ffffffZ instant, got " + asOf;
    }
    return null;
  }

  /** The subject's committed assertions (of one type, or all), in timeline order. */
  Future<List<TimelineEntry>> timeline(String eventId, String labelType) {
    List<TimelineEntry> out = new ArrayList<>();
    return page(KeyRange.prefix(LsTables.timelinePrefix(platformRunId, eventId, labelType)), out).map(v -> {
      out.sort(AsOf.TIMELINE_ORDER);
      return out;
    });
  }

  private Future<Void> page(KeyRange range, List<TimelineEntry> out) {
    return store.scan(LsTables.TIMELINE, range, PAGE).compose(rows -> {
      rows.forEach(r -> out.add(r.value()));
      if (rows.size() < PAGE) {
        return Future.succeededFuture();
      }
      KeyValue<LsTables.TimelineKey, TimelineEntry> last = rows.get(rows.size() - 1);
      return page(range.after(LsTables.TIMELINE.keys().encode(last.key())), out);
    });
  }

  private Map<String, Object> timelineAnswer(String eventId, String type, List<TimelineEntry> entries) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("status", "OK");
    r.put("platform_run_id", platformRunId);
    r.put("event_id", eventId);
    r.put("label_type", type);
    r.put("assertions", entries.stream().map(TimelineEntry::toItem).toList());
    return r;
  }

  private Map<String, Object> asOf(String eventId, String type, String asOf, List<TimelineEntry> entries) {
    if (type == null) {
      return AsOf.resolveAll(platformRunId, eventId, asOf, entries);
    }
    return AsOf.resolve(platformRunId, eventId, type, asOf, entries);
  }

  private static JsonObject error(String code, String detail) {
    return new JsonObject().put("status", "ERROR").put("code", code).put("detail", detail);
  }
}
