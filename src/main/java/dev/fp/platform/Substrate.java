package dev.fp.platform;

import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.evidence.EvidenceIndexMigration;
import dev.fp.substrate.eventlog.EventLog;
import dev.fp.substrate.eventlog.EventLogs;
import dev.fp.substrate.objectstore.ObjectStore;
import dev.fp.substrate.objectstore.ObjectStores;
import dev.fp.substrate.sql.Db;
import dev.fp.substrate.state.StateStore;
import dev.fp.substrate.state.StateStores;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;

import java.time.Clock;

/**
 * The four substrate ports of one profile: object store, event log, SQL state, StateStore. The only place that turns
 * configuration into adapters; components receive the ports.
 */
public final class Substrate {
  private final Vertx vertx;
  private final PlatformConfig config;
  private final ObjectStore objectStore;
  private final EventLog eventLog;
  private final Db db;
  /** Opened to change state ({@link #open}), not only to look ({@link #inspect}). */
  private final boolean writer;
  private Future<StateStore> stateStore;

  private Substrate(Vertx vertx, PlatformConfig config, ObjectStore objectStore, EventLog eventLog, Db db,
                    boolean writer) {
    this.vertx = vertx;
    this.config = config;
    this.objectStore = objectStore;
    this.eventLog = eventLog;
    this.db = db;
    this.writer = writer;
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
        .map(db -> new Substrate(vertx, cfg, os, log, db, true));
  }

  /**
   * Opens the ports to look, not to change: no migration, and on embedded no database file when there is none yet
   * ({@link #db()} is then null). Behind {@code fp status}, which promises to create nothing.
   */
  public static Future<Substrate> inspect(Vertx vertx, PlatformConfig cfg) {
    ObjectStore os = ObjectStores.create(vertx, cfg.objectStore());
    EventLog log = EventLogs.create(vertx, cfg.eventLog());
    return Db.openExisting(vertx, cfg.sql())
        .recover(err -> Future.failedFuture(new SubstrateUnavailableException("sql", sqlEndpoint(cfg), err)))
        .map(db -> new Substrate(vertx, cfg, os, log, db.orElse(null), false));
  }

  static String sqlEndpoint(PlatformConfig cfg) {
    var pg = cfg.sql().postgres();
    return pg == null ? cfg.sql().sqlitePath().toString() : pg.host() + ":" + pg.port() + "/" + pg.database();
  }

  public PlatformConfig config() { return config; }

  public ObjectStore objectStore() { return objectStore; }

  public EventLog eventLog() { return eventLog; }

  /** The SQL port; null only on a substrate opened by {@link #inspect} where no database exists yet. */
  public Db db() { return db; }

  /**
   * The StateStore, opened on first use: on embedded its RocksDB directory belongs to one process, so only the
   * process that runs stateful components opens it (other {@code fp} commands open the substrate without taking it
   * away). Fails with {@link SubstrateUnavailableException} naming "state" when it cannot be opened. The segment
   * evidence index of an older build is moved out of the SQL store before the store is handed out (not on a
   * substrate opened to {@link #inspect}).
   */
  public synchronized Future<StateStore> stateStore() {
    if (stateStore == null) {
      // Opened on a context of its own: resources created on a verticle's context (the RocksDB reader pool, the
      // PostgreSQL pool) are closed when that verticle is undeployed, and the store outlives the first component
      // that asks for it.
      Promise<StateStore> opened = Promise.promise();
      ((VertxInternal) vertx).createEventLoopContext().runOnContext(v ->
          StateStores.create(vertx, config.state(), Clock.systemUTC()).onComplete(opened));
      stateStore = opened.future().recover(err -> Future.failedFuture(
          new SubstrateUnavailableException("state", config.state().endpoint(), err)))
          .compose(store -> !writer || db == null ? Future.succeededFuture(store)
              : EvidenceIndexMigration.run(db, store).map(store));
    }
    return stateStore;
  }

  /** Closes every port; the StateStore last, after the SQL store (callers stop their consumers first). */
  public Future<Void> close() {
    Future<StateStore> state;
    synchronized (this) {
      state = stateStore;
    }
    Future<Void> ports = Future.join(objectStore.close(), eventLog.close(),
        db == null ? Future.succeededFuture() : db.close()).mapEmpty();
    return state == null ? ports
        : ports.eventually(() -> state.compose(StateStore::close, err -> Future.succeededFuture()));
  }
}
