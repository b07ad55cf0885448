package dev.fp.obsgov.report;

import dev.fp.obsgov.report.core.LockIds;
import dev.fp.substrate.sql.Db;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * Parity reporter lock: {@code pg_try_advisory_lock(id)} with id = the first 8 bytes of sha256("reporter:<run>")
 * (reference §5.1), held by one connection taken from the pool for the lease's life; the holder's name goes in that
 * session's {@code application_name}, so a refused reporter can name it from {@code pg_stat_activity}.
 */
final class PgReporterLock implements ReporterLock {
  private static final String HOLDER_SQL = "select a.pid, a.application_name, a.client_addr::text as addr"
      + " from pg_locks l join pg_stat_activity a on a.pid = l.pid where l.locktype = 'advisory' and l.granted"
      + " and l.classid::bigint = $1 and l.objid::bigint = $2 and l.objsubid = 1";
  private final Db db;

  PgReporterLock(Db db) {
    this.db = db;
  }

  @Override
  public Future<Lease> acquire(String platformRunId, String holder) {
    String key = ReporterLock.key(platformRunId);
    long id = LockIds.advisoryLockId(key);
    return db.pool().getConnection().compose(conn -> conn.preparedQuery("select pg_try_advisory_lock($1) as ok")
        .execute(Tuple.of(id))
        .compose(rows -> {
          if (rows.iterator().next().getBoolean("ok")) {
            return conn.preparedQuery("select set_config('application_name', $1, false)")
                .execute(Tuple.of(truncate(holder))).map(r -> (Lease) new PgLease(key, id, conn));
          }
          return holder(conn, id).eventually(conn::close)
              .compose(who -> Future.failedFuture(new ReporterLockHeldException(key, who)));
        })
        .onFailure(err -> {
          if (!(err instanceof ReporterLockHeldException)) {
            conn.close();
          }
        }));
  }

  private static Future<String> holder(SqlConnection conn, long id) {
    return conn.preparedQuery(HOLDER_SQL).execute(Tuple.of(id >>> 32, id & 0xFFFFFFFFL)).map(rows -> {
      if (!rows.iterator().hasNext()) {
        return "a PostgreSQL session that has since released it";
      }
      Row r = rows.iterator().next();
      return "PostgreSQL pid " + r.getInteger("pid") + " '" + r.getString("application_name") + "'"
          + (r.getString("addr") == null ? "" : " from " + r.getString("addr"));
    });
  }

  /** application_name holds at most 63 bytes. */
  private static String truncate(String holder) {
    return holder.length() <= 63 ? holder : holder.substring(0, 63);
  }

  private static final class PgLease implements Lease {
    private final String key;
    private final long id;
    private final SqlConnection conn;
    private boolean released;

    PgLease(String key, long id, SqlConnection conn) {
      this.key = key;
      this.id = id;
      this.conn = conn;
    }

    @Override
    public String key() { return key; }

    @Override
    public synchronized Future<Void> release() {
      if (released) {
        return Future.succeededFuture();
      }
      released = true;
      return conn.preparedQuery("select pg_advisory_unlock($1)").execute(Tuple.of(id)).<Void>mapEmpty()
          .eventually(conn::close);
    }
  }
}
