package dev.fp.platform;

import dev.fp.contract.Topics;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.substrate.sql.Migrations;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * P0's work, also behind {@code fp up} and {@code fp status}: create the buckets and every topic (idempotently) and
 * check that each exists and that the SQL schema is at the latest migration. Each check names the item and, when
 * missing, its configured endpoint.
 */
public final class SubstrateBootstrap {
  public static final List<String> BUCKETS = List.of("oracle-store", "fraud-platform");
  private final Substrate substrate;

  public SubstrateBootstrap(Substrate substrate) {
    this.substrate = substrate;
  }

  /** Creates what is missing; a second call changes nothing. */
  public Future<Void> bootstrap() {
    int partitions = substrate.config().eventLog().partitions();
    Future<Void> chain = Future.succeededFuture();
    for (String bucket : BUCKETS) {
      chain = chain.compose(v -> substrate.objectStore().ensureBucket(bucket)
          .recover(err -> unavailable("object store", objectStoreEndpoint(), err)));
    }
    for (String topic : Topics.ALL) {
      chain = chain.compose(v -> substrate.eventLog().createTopic(topic, partitions)
          .recover(err -> unavailable("event log", eventLogEndpoint(), err)));
    }
    return chain;
  }

  private static Future<Void> unavailable(String service, String endpoint, Throwable err) {
    return Future.failedFuture(err instanceof SubstrateUnavailableException ? err
        : new SubstrateUnavailableException(service, endpoint, err));
  }

  /** One check per bucket, per topic, and one for the SQL schema. */
  public Future<List<GateCheck>> check() {
    List<GateCheck> checks = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (String bucket : BUCKETS) {
      chain = chain.compose(v -> substrate.objectStore().bucketExists(bucket)
          .recover(err -> Future.succeededFuture(false))
          .map(exists -> {
            checks.add(GateCheck.of(exists, "bucket_exists:" + bucket, substrate.objectStore().uri(bucket, ""),
                "exists", exists ? "exists" : "missing", "run `fp up` (bootstrap) against " + objectStoreEndpoint()));
            return null;
          }));
    }
    chain = chain.compose(v -> substrate.eventLog().topics()
        .recover(err -> Future.succeededFuture(Set.of()))
        .map(topics -> {
          for (String topic : Topics.ALL) {
            boolean ok = topics.contains(topic);
            checks.add(GateCheck.of(ok, "topic_exists:" + topic, eventLogEndpoint() + " " + topic, "exists",
                ok ? "exists" : "missing", "run `fp up` (bootstrap) against " + eventLogEndpoint()));
          }
          return null;
        }));
    chain = chain.compose(v -> schemaCheck().map(c -> {
      checks.add(c);
      return null;
    }));
    return chain.map(v -> checks);
  }

  private Future<GateCheck> schemaCheck() {
    int latest = Migrations.latestVersion();
    if (substrate.db() == null) {
      String where = Substrate.sqlEndpoint(substrate.config());
      return Future.succeededFuture(GateCheck.fail("sql_schema_current", where, "version " + latest,
          "no database yet", "run `fp up` (bootstrap) to create " + where));
    }
    String evidence = substrate.db().description() + " schema_migrations";
    return substrate.db().query("SELECT MAX(version) AS v FROM schema_migrations", io.vertx.sqlclient.Tuple.tuple())
        .map(rows -> {
          Integer v = rows.iterator().next().getInteger("v");
          boolean ok = v != null && v == latest;
          return GateCheck.of(ok, "sql_schema_current", evidence, "version " + latest, "version " + v,
              "restart the platform so migrations apply, or check " + substrate.db().description());
        })
        .recover(err -> Future.succeededFuture(GateCheck.fail("sql_schema_current", evidence, "reachable",
            "unreachable: " + err.getMessage(), "start the database at " + substrate.db().description())));
  }

  private String objectStoreEndpoint() {
    var os = substrate.config().objectStore();
    return os.s3() == null ? os.fsRoot().toString() : os.s3().endpoint();
  }

  private String eventLogEndpoint() {
    var el = substrate.config().eventLog();
    return el.kinesis() == null ? el.fileRoot().toString() : el.kinesis().endpoint();
  }
}
