package dev.fp.ingress.ig.store;

import dev.fp.platform.config.SqlConfig;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;

import java.util.UUID;

/** Against the real PostgreSQL (FP_TEST_PG_HOST/PORT, default 127.0.0.1:5432); a fresh schema per class. */
@Tag("parity")
class PostgresIgStoreTest extends IgStoreContractTest {
  static final String SCHEMA = "t_ig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  static SqlConfig.PgSettings settings() {
    return new SqlConfig.PgSettings(System.getenv().getOrDefault("FP_TEST_PG_HOST", "127.0.0.1"),
        Integer.parseInt(System.getenv().getOrDefault("FP_TEST_PG_PORT", "5432")), "postgres", "postgres", "",
        SCHEMA, 4, 256);
  }

  @Override
  protected SqlConfig config() {
    return new SqlConfig("postgres", null, settings());
  }

  @AfterAll
  static void dropSchema() throws Exception {
    Vertx v = Vertx.vertx();
    SqlConfig.PgSettings s = settings();
    var pool = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost(s.host()).setPort(s.port())
        .setDatabase(s.database()).setUser(s.user())).using(v).build();
    await(pool.query("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE").execute());
    await(pool.close());
    await(v.close());
  }
}
