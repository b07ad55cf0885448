package dev.fp.substrate.state;

import dev.fp.config.ConfigException;
import dev.fp.config.ConfigNode;
import dev.fp.substrate.sql.SqlConfig;

import java.nio.file.Path;
import java.util.Set;

/**
 * {@code substrate.state}: which StateStore adapter, and its settings. {@code kind} defaults to the SQL store's
 * counterpart (sqlite → rocksdb, postgres → postgres). The PostgreSQL adapter uses the connection settings of
 * {@code substrate.sql.postgres} (same database and schema, so a batch can fence against the consumer leases there).
 *
 * @param rocksdb  set when kind=rocksdb
 * @param postgres set when kind=postgres
 */
public record StateSettings(String kind, RocksDbSettings rocksdb, SqlConfig.PgSettings postgres) {

  public static StateSettings rocksdb(RocksDbSettings rocksdb) {
    return new StateSettings("rocksdb", rocksdb, null);
  }

  public static StateSettings postgres(SqlConfig.PgSettings postgres) {
    return new StateSettings("postgres", null, postgres);
  }

  public static StateSettings from(ConfigNode n, Path runsRoot, SqlConfig sql) {
    n.allowOnly(Set.of("kind", "rocksdb"));
    String kind = n.oneOf("kind", sql.kind().equals("postgres") ? "postgres" : "rocksdb", Set.of("rocksdb", "postgres"));
    if (kind.equals("postgres")) {
      if (sql.postgres() == null) {
        throw new ConfigException(n.key("kind"), "postgres needs substrate.sql.kind=postgres (the state tables use "
            + "its connection settings)");
      }
      return postgres(sql.postgres());
    }
    return rocksdb(RocksDbSettings.from(n.section("rocksdb"), runsRoot));
  }

  /** Where the state lives, for banners and errors (never a password). */
  public String endpoint() {
    return rocksdb != null ? rocksdb.path().toString()
        : postgres.host() + ":" + postgres.port() + "/" + postgres.database() + "?schema=" + postgres.schema();
  }
}
