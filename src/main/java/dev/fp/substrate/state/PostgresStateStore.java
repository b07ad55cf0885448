package dev.fp.substrate.state;

import dev.fp.substrate.sql.SqlConfig;
import dev.fp.substrate.eventlog.CheckpointStore.Checkpoint;
import dev.fp.substrate.eventlog.Lease;
import dev.fp.substrate.eventlog.LeaseLostException;
import dev.fp.substrate.eventlog.TopicPartition;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The StateStore on PostgreSQL (parity profile), through the non-blocking pg client: table {@code st_<name>
 * (key bytea primary key, value jsonb not null)} per state table in the SQL store's schema, so an operator can query
 * state with SQL ({@code select value from st_ig_admissions where value->>'state' = 'PUBLISH_AMBIGUOUS'}).
 *
 * <p>A batch is one transaction with its statements pipelined: the fence of each lease first
 * ({@code eb_consumer_leases}, which also locks the lease row until commit so a takeover waits for the batch), deletes
 * as {@code key = ANY($1)}, puts as one {@code executeBatch} of upserts per table. Reads run at the statement's
 * snapshot, so a read sees a batch wholly or not at all.
 */
final class PostgresStateStore implements StateStore {
  /** Serialises concurrent {@code CREATE TABLE IF NOT EXISTS} of the same table (which can race in PostgreSQL). */
  private static final String DDL_LOCK = "SELECT pg_advisory_xact_lock(7420012)";
  private static final String FENCE = "UPDATE eb_consumer_leases SET holder = holder WHERE group_id = $1 "
      + "AND fencing_token = $2";

  private final Pool pool;
  private final SqlConfig.PgSettings pg;
  private final Clock clock;
  private final boolean readOnly;
  private final Set<String> tables = ConcurrentHashMap.newKeySet();
  private Future<Void> closing;

  private PostgresStateStore(Pool pool, SqlConfig.PgSettings pg, Clock clock, boolean readOnly) {
    this.pool = pool;
    this.pg = pg;
    this.clock = clock;
    this.readOnly = readOnly;
  }

  /** Connects, creates the schema and the checkpoint table unless {@code readOnly}, and lists the state tables. */
  static Future<StateStore> open(Vertx vertx, SqlConfig.PgSettings pg, Clock clock, boolean readOnly) {
    PgConnectOptions connect = new PgConnectOptions().setHost(pg.host()).setPort(pg.port()).setDatabase(pg.database())
        .setUser(pg.user()).setPassword(pg.password()).setPipeliningLimit(pg.pipeliningLimit())
        .setCachePreparedStatements(true).setProperties(Map.of("search_path", pg.schema()));
    Pool pool = PgBuilder.pool().connectingTo(connect).with(new PoolOptions().setMaxSize(pg.poolSize())
        .setName("fp-state-" + pg.schema())).using(vertx).build();
    PostgresStateStore store = new PostgresStateStore(pool, pg, clock, readOnly);
    Future<Void> ready = readOnly ? Future.succeededFuture()
        : pool.query("CREATE SCHEMA IF NOT EXISTS " + pg.schema()).execute()
            .compose(v -> store.createTables(List.of(CheckpointTable.NAME)));
    return ready.compose(v -> store.loadTableNames()).<StateStore>map(store)
        .recover(err -> pool.close().transform(x -> Future.failedFuture(
            new StateStoreException("open", "PostgreSQL state store " + store.description() + ": " + err.getMessage(),
                err))));
  }

  private Future<Void> loadTableNames() {
    return pool.preparedQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 "
        + "AND table_name LIKE 'st\\_%'").execute(Tuple.of(pg.schema())).map(rows -> {
          rows.forEach(r -> tables.add(r.getString(0).substring(3)));
          return null;
        });
  }

  private static String sqlName(String table) {
    return "st_" + table;
  }

  @Override
  public Future<Void> ensureTables(Collection<Table<?, ?>> wanted) {
    List<String> missing = wanted.stream().map(Table::name).distinct().filter(n -> !tables.contains(n)).toList();
    if (missing.isEmpty()) {
      return Future.succeededFuture();
    }
    return readOnly ? Future.failedFuture(StateStoreException.readOnly("ensure tables " + missing, description()))
        : createTables(missing);
  }

  private Future<Void> createTables(List<String> names) {
    return pool.<Void>withTransaction(conn -> {
      Future<?> chain = conn.query(DDL_LOCK).execute();
      for (String name : names) {
        chain = chain.compose(v -> conn.query("CREATE TABLE IF NOT EXISTS " + sqlName(name)
            + " (key BYTEA PRIMARY KEY, value JSONB NOT NULL)").execute());
      }
      return chain.mapEmpty();
    }).onSuccess(v -> tables.addAll(names)).recover(err -> this.<Void>failed("ensure tables " + names, err));
  }

  @Override
  public <K, V> Future<V> get(Table<K, V> table, K key) {
    Buffer k = Buffer.buffer(table.keys().encode(key));
    return query("get " + table.name(), table.name(), "SELECT value::text FROM " + sqlName(table.name())
        + " WHERE key = $1", Tuple.of(k))
        .map(rows -> rows.size() == 0 ? null : table.values().decode(utf8(rows.iterator().next().getString(0))));
  }

  @Override
  public <K, V> Future<Map<K, V>> multiGet(Table<K, V> table, Collection<K> keys) {
    Map<java.nio.ByteBuffer, K> asked = new LinkedHashMap<>();
    keys.forEach(k -> asked.put(java.nio.ByteBuffer.wrap(table.keys().encode(k)), k));
    Buffer[] arg = asked.keySet().stream().map(b -> Buffer.buffer(b.array())).toArray(Buffer[]::new);
    return query("multiGet " + table.name(), table.name(), "SELECT key, value::text FROM " + sqlName(table.name())
        + " WHERE key = ANY($1)", Tuple.of(arg)).map(rows -> {
          Map<java.nio.ByteBuffer, V> found = new java.util.HashMap<>();
          rows.forEach(r -> found.put(java.nio.ByteBuffer.wrap(r.getBuffer(0).getBytes()),
              table.values().decode(utf8(r.getString(1)))));
          Map<K, V> out = new LinkedHashMap<>();
          asked.forEach((b, k) -> {
            if (found.containsKey(b)) {
              out.put(k, found.get(b));
            }
          });
          return out;
        });
  }

  @Override
  public <K, V> Future<List<KeyValue<K, V>>> scan(Table<K, V> table, KeyRange range, int limit) {
    List<KeyValue<K, V>> out = new ArrayList<>();
    return scanRaw(table.name(), range, limit, (k, v) -> out.add(new KeyValue<>(table.keys().decode(k),
        table.values().decode(v)))).map(v -> out);
  }

  private Future<Void> scanRaw(String table, KeyRange range, int limit, BiConsumer<byte[], byte[]> row) {
    try {
      StateStores.checkLimit(limit);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT key, value::text FROM " + sqlName(table) + " WHERE true");
    if (range.from() != null) {
      args.add(Buffer.buffer(range.from()));
      sql.append(" AND key >= $").append(args.size());
    }
    if (range.to() != null) {
      args.add(Buffer.buffer(range.to()));
      sql.append(" AND key < $").append(args.size());
    }
    args.add((long) limit);
    sql.append(" ORDER BY key LIMIT $").append(args.size());
    return query("scan " + table, table, sql.toString(), Tuple.from(args)).map(rows -> {
      rows.forEach(r -> row.accept(r.getBuffer(0).getBytes(), utf8(r.getString(1))));
      return null;
    });
  }

  @Override
  public Future<Void> commit(WriteBatch batch) {
    if (readOnly) {
      return Future.failedFuture(StateStoreException.readOnly("commit", description()));
    }
    EncodedBatch encoded;
    try {
      encoded = batch.encode(clock, tables::contains, description());
    } catch (StateStoreException e) {
      return Future.failedFuture(e);
    }
    if (encoded.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.withTransaction(conn -> apply(conn, encoded)).recover(err -> err instanceof LeaseLostException
        ? Future.failedFuture(err) : failed("commit", err));
  }

  /** Every statement of the batch, pipelined on the transaction's connection. */
  private Future<Void> apply(SqlConnection conn, EncodedBatch batch) {
    List<Future<?>> steps = new ArrayList<>();
    for (Lease lease : batch.fences()) {
      steps.add(conn.preparedQuery(FENCE).execute(Tuple.of(lease.groupId(), lease.fencingToken()))
          .compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture() : Future.failedFuture(
              new LeaseLostException(lease.groupId(), lease.holder(), lease.fencingToken(), "commit state batch"))));
    }
    batch.tables().forEach((table, w) -> {
      if (!w.deleteKeys.isEmpty()) {
        Buffer[] keys = w.deleteKeys.stream().map(Buffer::buffer).toArray(Buffer[]::new);
        steps.add(conn.preparedQuery("DELETE FROM " + sqlName(table) + " WHERE key = ANY($1)")
            .execute(Tuple.of((Object) keys)));
      }
      if (!w.putKeys.isEmpty()) {
        List<Tuple> rows = new ArrayList<>(w.putKeys.size());
        for (int i = 0; i < w.putKeys.size(); i++) {
          rows.add(Tuple.of(Buffer.buffer(w.putKeys.get(i)), new String(w.putValues.get(i), StandardCharsets.UTF_8)));
        }
        steps.add(conn.preparedQuery("INSERT INTO " + sqlName(table) + " (key, value) VALUES ($1, $2::text::jsonb) "
            + "ON CONFLICT (key) DO UPDATE SET value = excluded.value").executeBatch(rows));
      }
      if (!w.insertKeys.isEmpty()) {
        List<Tuple> rows = new ArrayList<>(w.insertKeys.size());
        for (int i = 0; i < w.insertKeys.size(); i++) {
          rows.add(Tuple.of(Buffer.buffer(w.insertKeys.get(i)), new String(w.insertValues.get(i),
              StandardCharsets.UTF_8)));
        }
        steps.add(conn.preparedQuery("INSERT INTO " + sqlName(table) + " (key, value) VALUES ($1, $2::text::jsonb) "
            + "ON CONFLICT (key) DO NOTHING").executeBatch(rows));
      }
    });
    return Future.all(steps).mapEmpty();
  }

  @Override
  public Future<Map<TopicPartition, Checkpoint>> checkpoints(String groupId) {
    Map<TopicPartition, Checkpoint> out = new LinkedHashMap<>();
    return scanRaw(CheckpointTable.NAME, CheckpointTable.group(groupId), Integer.MAX_VALUE, (k, v) -> {
      Checkpoint c = CheckpointTable.decode(k, v);
      out.put(c.partition(), c);
    }).map(v -> out);
  }

  @Override
  public List<String> tableNames() {
    return tables.stream().filter(n -> !n.startsWith("_")).sorted().toList();
  }

  @Override
  public String kind() { return "postgres"; }

  @Override
  public String description() {
    return "postgresql://" + pg.user() + "@" + pg.host() + ":" + pg.port() + "/" + pg.database() + "?schema="
        + pg.schema() + (readOnly ? " (read-only)" : "");
  }

  @Override
  public synchronized Future<Void> close() {
    if (closing == null) {
      closing = pool.close();
    }
    return closing;
  }

  private Future<RowSet<Row>> query(String op, String table, String sql, Tuple args) {
    if (!tables.contains(table)) {
      return Future.failedFuture(StateStoreException.noSuchTable(op, sqlName(table), description()));
    }
    return pool.preparedQuery(sql).execute(args).recover(err -> failed(op, err));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private <T> Future<T> failed(String op, Throwable err) {
    return Future.failedFuture(err instanceof StateStoreException ? err
        : new StateStoreException(op, "PostgreSQL " + pg.host() + ":" + pg.port() + ": " + err.getMessage(), err));
  }

}
