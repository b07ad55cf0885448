package dev.fp.testing;

import dev.fp.substrate.sql.SqlConfig;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;

import java.util.UUID;

import static dev.fp.testing.Await.await;

/**
 * The test PostgreSQL (FP_TEST_PG_HOST/PORT, default 127.0.0.1:5432, trust auth as {@code postgres}): tests isolate
 * themselves in a fresh schema and drop it afterwards.
 */
public final class TestPostgres {

  private TestPostgres() {
  }

  public static String host() {
    return System.getenv().getOrDefault("FP_TEST_PG_HOST", "127.0.0.1");
  }

  public static int port() {
    return Integer.parseInt(System.getenv().getOrDefault("FP_TEST_PG_PORT", "5432"));
  }

  /** A schema name no other test uses: {@code prefix} + 12 random hex characters. */
  public static String freshSchema(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** Connection settings for the platform's SQL port, pointed at {@code schema}. */
  /** The profile overlay that puts a test platform's SQL port (and so its StateStore) in {@code schema}. */
  public static String substrateYaml(String schema) {
    return "substrate:\n  sql:\n    kind: postgres\n    postgres:\n      host: " + host() + "\n      port: " + port()
        + "\n      database: postgres\n      user: postgres\n      schema: " + schema + "\n";
  }

  public static SqlConfig.PgSettings settings(String schema) {
    return new SqlConfig.PgSettings(host(), port(), "postgres", "postgres", "", schema, 4, 256);
  }

  /** Drops the schema and everything in it (blocking: for {@code @AfterAll}). */
  public static void dropSchema(String schema) throws Exception {
    Vertx v = Vertx.vertx();
    try {
      var pool = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost(host()).setPort(port())
          .setDatabase("postgres").setUser("postgres")).using(v).build();
      await(pool.query("DROP SCHEMA IF EXISTS " + schema + " CASCADE").execute());
      await(pool.close());
    } finally {
      await(v.close());
    }
  }
}
