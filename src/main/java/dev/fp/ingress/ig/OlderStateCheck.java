package dev.fp.ingress.ig;

import dev.fp.ingress.ig.store.IgTables;
import dev.fp.substrate.sql.Db;
import dev.fp.substrate.state.StateStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;

import java.nio.file.Path;

/**
 * Refuses the state of an older build: until this build IG kept its admissions in the SQL store ({@code ig_admissions}
 * in platform.db or the PostgreSQL schema). A store whose SQL table holds rows while the StateStore has no IG tables
 * yet would be half read — dedupe would forget every earlier admission — so IG does not start on it and says what to
 * move away. Once the StateStore has IG's tables, the old SQL rows are ignored (they were refused or moved before).
 */
final class OlderStateCheck {
  private OlderStateCheck() {
  }

  static Future<Void> check(Db db, StateStore store, Path runsRoot) {
    if (store.tableNames().contains(IgTables.ADMISSIONS.name())) {
      return Future.succeededFuture();
    }
    return db.query("SELECT dedupe_key FROM ig_admissions LIMIT 1", Tuple.tuple())
        .map(rows -> rows.iterator().hasNext())
        .otherwise(false)
        .compose(older -> older ? Future.failedFuture(new IllegalStateException(message(db, store, runsRoot)))
            : Future.succeededFuture());
  }

  private static String message(Db db, StateStore store, Path runsRoot) {
    String remedy = "sqlite".equals(db.dialect().name())
        ? "move the runs folder away (mv " + runsRoot + " " + runsRoot + ".old) and start again, or finish its runs "
            + "with the older build"
        : "use a fresh schema (substrate.sql.postgres.schema) or drop the tables ig_admissions, ig_receipts, "
            + "ig_quarantines and ig_run_counters of this schema, or finish its runs with the older build";
    return "IG state of an older build: " + db.description() + " holds admissions in table ig_admissions, and the "
        + "StateStore (" + store.description() + ") has no IG tables. This build keeps admissions in the StateStore "
        + "and would not see those rows (events admitted before would be admitted again): " + remedy + ".";
  }
}
