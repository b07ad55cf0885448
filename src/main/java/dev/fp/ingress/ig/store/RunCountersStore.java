package dev.fp.ingress.ig.store;

import dev.fp.substrate.sql.Db;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Table {@code ig_run_counters}: durable per-run decision counters ({@code decision.ADMIT}, {@code reason.<CODE>},
 * {@code publish_ambiguous}, …), incremented in the cycle's transaction so health and metrics survive a restart.
 */
public final class RunCountersStore {
  private final Db db;

  public RunCountersStore(Db db) {
    this.db = db;
  }

  /** Adds each delta (run → counter → delta). */
  public Future<Void> add(SqlClient client, Map<String, Map<String, Long>> deltas) {
    List<Tuple> tuples = new ArrayList<>();
    deltas.forEach((run, counters) -> counters.forEach((counter, delta) -> tuples.add(Tuple.of(run, counter, delta))));
    if (tuples.isEmpty()) {
      return Future.succeededFuture();
    }
    String sql = "INSERT INTO ig_run_counters (platform_run_id, counter, value) VALUES ($1, $2, $3) "
        + "ON CONFLICT (platform_run_id, counter) DO UPDATE SET value = ig_run_counters.value + excluded.value";
    return client.preparedQuery(db.dialect().sql(sql)).executeBatch(tuples).mapEmpty();
  }

  public Future<Map<String, Long>> read(SqlClient client, String platformRunId) {
    return db.query(client, "SELECT counter, value FROM ig_run_counters WHERE platform_run_id = $1",
        Tuple.of(platformRunId)).map(rows -> {
          Map<String, Long> out = new TreeMap<>();
          rows.forEach(r -> out.put(r.getString("counter"), r.getLong("value")));
          return out;
        });
  }
}
