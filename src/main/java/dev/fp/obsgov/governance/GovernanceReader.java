package dev.fp.obsgov.governance;

import dev.fp.obsgov.ObsKeys;
import dev.fp.obsgov.governance.core.GovernanceQuery;
import dev.fp.obsgov.governance.core.Projection;
import dev.fp.substrate.objectstore.ObjectMeta;
import dev.fp.substrate.objectstore.ObjectStore;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the governance log of a run from the object store: the per-event objects (the authority), the markers and
 * the {@code events.jsonl} projection. Readers never write; any process may use them.
 */
public final class GovernanceReader {
  private GovernanceReader() {
  }

  /**
   * The query of reference §5.2 over the event objects (falling back to the jsonl lines when there are none), sorted
   * by (ts_utc, event_id), the last {@code limit} kept.
   */
  public static Future<List<Map<String, Object>>> query(ObjectStore store, String run, GovernanceQuery q) {
    return events(store, run).compose(events -> events.isEmpty() ? lines(store, run) : Future.succeededFuture(events))
        .map(q::select);
  }

  /** Every event object of the run. */
  public static Future<List<Map<String, Object>>> events(ObjectStore store, String run) {
    return eventIds(store, run).compose(ids -> {
      List<Future<Map<String, Object>>> reads = new ArrayList<>();
      ids.stream().sorted().forEach(id -> reads.add(event(store, run, id)));
      return Future.all(reads).map(all -> {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
          out.add(all.resultAt(i));
        }
        return out;
      });
    });
  }

  /** How {@code events.jsonl} stands against the event objects. */
  public static Future<Projection> projection(ObjectStore store, String run) {
    return Future.all(eventIds(store, run), lineIds(store, run))
        .map(all -> Projection.of(all.resultAt(0), all.resultAt(1)));
  }

  static Future<Map<String, Object>> event(ObjectStore store, String run, String id) {
    return store.get(ObsKeys.BUCKET, ObsKeys.eventKey(run, id)).map(b -> GovernanceLog.parse(b, "event " + id));
  }

  static Future<Set<String>> eventIds(ObjectStore store, String run) {
    return idsUnder(store, ObsKeys.eventsPrefix(run));
  }

  static Future<Set<String>> markerIds(ObjectStore store, String run) {
    return idsUnder(store, ObsKeys.key(run, ObsKeys.GOVERNANCE + "markers/"));
  }

  /** Event ids of the jsonl lines, in line order (duplicates kept); empty when there is no jsonl yet. */
  static Future<List<String>> lineIds(ObjectStore store, String run) {
    return lines(store, run).map(lines -> lines.stream().map(l -> String.valueOf(l.get("event_id"))).toList());
  }

  static Future<List<Map<String, Object>>> lines(ObjectStore store, String run) {
    return store.get(ObsKeys.BUCKET, ObsKeys.key(run, ObsKeys.EVENTS_JSONL)).map(GovernanceLog::lines)
        .recover(err -> GovernanceLog.absent(err) ? Future.succeededFuture(List.of()) : Future.failedFuture(err));
  }

  private static Future<Set<String>> idsUnder(ObjectStore store, String prefix) {
    return store.list(ObsKeys.BUCKET, prefix).map(objects -> {
      Set<String> ids = new LinkedHashSet<>();
      for (ObjectMeta m : objects) {
        String name = m.key().substring(prefix.length());
        if (name.endsWith(".json") && !name.contains("/")) {
          ids.add(name.substring(0, name.length() - ".json".length()));
        }
      }
      return ids;
    });
  }
}
