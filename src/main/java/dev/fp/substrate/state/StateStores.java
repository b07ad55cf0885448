package dev.fp.substrate.state;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;

/** The one place that names the {@link StateStore} adapters: picks one from {@code substrate.state.kind}. */
public final class StateStores {
  /** Rows one scan may return at most (page with {@link KeyRange#after}). */
  public static final int MAX_SCAN_LIMIT = 100_000;

  private StateStores() {
  }

  /** Opens the store for reading and writing; {@code rocksdb} fails when another process owns the directory. */
  public static Future<StateStore> create(Vertx vertx, StateSettings settings, Clock clock) {
    return switch (settings.kind()) {
      case "rocksdb" -> RocksDbStateStore.open(vertx, settings.rocksdb(), clock);
      case "postgres" -> PostgresStateStore.open(vertx, settings.postgres(), clock, false);
      default -> throw new IllegalArgumentException("substrate.state.kind: unknown adapter " + settings.kind());
    };
  }

  /**
   * Opens the store read-only, beside the process that owns it (operator tools): on RocksDB a secondary instance
   * that sees what was committed when it opened; on PostgreSQL a store that refuses writes. Fails when no store
   * exists yet.
   */
  public static Future<StateStore> openReadOnly(Vertx vertx, StateSettings settings) {
    return switch (settings.kind()) {
      case "rocksdb" -> RocksDbStateStore.openSecondary(vertx, settings.rocksdb());
      case "postgres" -> PostgresStateStore.open(vertx, settings.postgres(), Clock.systemUTC(), true);
      default -> throw new IllegalArgumentException("substrate.state.kind: unknown adapter " + settings.kind());
    };
  }

  static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_SCAN_LIMIT && limit != Integer.MAX_VALUE) {
      throw new IllegalArgumentException("scan limit must be between 1 and " + MAX_SCAN_LIMIT + ", got " + limit);
    }
  }
}
