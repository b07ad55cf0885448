package dev.fp.substrate.eventlog;

import dev.fp.substrate.eventlog.EventLogConfig.KinesisSettings;
import dev.fp.substrate.sql.Db;
import dev.fp.substrate.sql.SqlConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Fixtures of the Kinesis suites: the server endpoint from the environment and a throwaway PostgreSQL schema. */
final class KinesisTestSupport {
  static final String PG_HOST = "127.0.0.1";
  static final int PG_PORT = 5432;

  private KinesisTestSupport() {
  }

  static String endpoint(String envVar) {
    String endpoint = System.getenv(envVar);
    if (endpoint == null || endpoint.isBlank()) {
      throw new IllegalStateException(envVar + " is not set: start the server with scripts/harness/kinesis.sh");
    }
    return endpoint;
  }

  /** Plain HTTP/1.1, JSON (no CBOR), dummy credentials: what kinesalite and kinesis-mock accept. */
  static KinesisSettings settings(String endpoint) {
    return new KinesisSettings(endpoint, "us-east-1", "fp", "fp", true, false);
  }

  static String newSchema() {
    return "t_el_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  static Future<Db> openDb(Vertx vertx, String schema) {
    return Db.open(vertx, new SqlConfig("postgres", null, new SqlConfig.PgSettings(PG_HOST, PG_PORT, "postgres",
        "postgres", "", schema, 4, 64)));
  }

  static void dropSchema(String schema) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost(PG_HOST).setPort(PG_PORT)
          .setDatabase("postgres").setUser("postgres")).using(vertx).build();
      pool.query("DROP SCHEMA IF EXISTS " + schema + " CASCADE").execute().eventually(pool::close)
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
