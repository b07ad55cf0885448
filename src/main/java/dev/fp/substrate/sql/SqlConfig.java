package dev.fp.substrate.sql;

import dev.fp.config.ConfigException;
import dev.fp.config.ConfigNode;

import java.nio.file.Path;
import java.util.Set;

/** {@code substrate.sql}: SQLite file (embedded) or PostgreSQL (parity). */
public record SqlConfig(String kind, Path sqlitePath, PgSettings postgres) {

  /** PostgreSQL connection; {@code schema} isolates one platform (or one test run) inside a database. */
  public record PgSettings(String host, int port, String database, String user, String password, String schema,
                           int poolSize, int pipeliningLimit) {
    public static final int DEFAULT_POOL_SIZE = 8;
    public static final int DEFAULT_PIPELINING_LIMIT = 256;

    static PgSettings from(ConfigNode n) {
      n.allowOnly(Set.of("host", "port", "database", "user", "password", "schema", "pool_size", "pipelining_limit"));
      String schema = n.optString("schema", "public");
      if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
        throw new ConfigException(n.key("schema"), "must match [a-z_][a-z0-9_]*, got \"" + schema + "\"");
      }
      return new PgSettings(n.optString("host", "127.0.0.1"), n.integer("port", 5432, 1, 65535),
          n.optString("database", "postgres"), n.optString("user", "postgres"), n.optString("password", ""), schema,
          n.integer("pool_size", DEFAULT_POOL_SIZE, 1, 256),
          n.integer("pipelining_limit", DEFAULT_PIPELINING_LIMIT, 1, 10_000));
    }
  }

  public static SqlConfig from(ConfigNode n, Path runsRoot) {
    n.allowOnly(Set.of("kind", "path", "postgres"));
    String kind = n.oneOf("kind", "sqlite", Set.of("sqlite", "postgres"));
    PgSettings pg = null;
    if (kind.equals("postgres")) {
      if (!n.has("postgres")) {
        throw new ConfigException(n.key("postgres"), "required when kind=postgres");
      }
      pg = PgSettings.from(n.section("postgres"));
    }
    return new SqlConfig(kind, Path.of(n.optString("path", runsRoot.resolve("state/platform.db").toString())), pg);
  }
}
