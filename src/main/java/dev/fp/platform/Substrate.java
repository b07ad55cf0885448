package dev.fp.platform;

import dev.fp.platform.config.PlatformConfig;
import dev.fp.substrate.eventlog.EventLog;
import dev.fp.substrate.eventlog.EventLogs;
import dev.fp.substrate.objectstore.ObjectStore;
import dev.fp.substrate.objectstore.ObjectStores;
import dev.fp.substrate.sql.Db;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The three substrate ports of one profile, opened together: object store, event log, SQL state. The only place
 * that turns configuration into adapters; components receive the ports.
 */
public final class Substrate {
  private final PlatformConfig config;
  private final ObjectStore objectStore;
  private final EventLog eventLog;
  private final Db db;

  private Substrate(PlatformConfig config, ObjectStore objectStore, EventLog eventLog, Db db) {
    this.config = config;
    this.objectStore = objectStore;
    this.eventLog = eventLog;
    this.db = db;
  }

  /**
   * Opens every port and applies SQL migrations. Fails with {@link SubstrateUnavailableException} naming the
   * service and its configured endpoint when one cannot be reached.
   */
  public static Future<Substrate> open(Vertx vertx, PlatformConfig cfg) {
    ObjectStore os = ObjectStores.create(vertx, cfg.objectStore());
    EventLog log = EventLogs.create(vertx, cfg.eventLog());
    return Db.open(vertx, cfg.sql())
        .recover(err -> Future.failedFuture(new SubstrateUnavailableException("sql", sqlEndpoint(cfg), err)))
        .map(db -> new Substrate(cfg, os, log, db));
  }

  static String sqlEndpoint(PlatformConfig cfg) {
    var pg = cfg.sql().postgres();
    return pg == null ? cfg.sql().sqlitePath().toString() : pg.host() + ":" + pg.port() + "/" + pg.database();
  }

  public PlatformConfig config() { return config; }

  public ObjectStore objectStore() { return objectStore; }

  public EventLog eventLog() { return eventLog; }

  public Db db() { return db; }

  public Future<Void> close() {
    return Future.join(objectStore.close(), eventLog.close(), db.close()).mapEmpty();
  }
}
