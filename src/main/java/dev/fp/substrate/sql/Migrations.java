package dev.fp.substrate.sql;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the versioned SQL files listed in {@code db/migrations.txt} (one {@code V###__name.sql} a line, in
 * order), each in its own transaction together with its {@code schema_migrations} row, so a crash never leaves a
 * half-applied version and a second start applies nothing.
 */
public final class Migrations {
  static final String INDEX = "/db/migrations.txt";

  private Migrations() {
  }

  public static Future<Void> apply(Db db) {
    String ddl = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        + "applied_at_utc TEXT NOT NULL)";
    Future<Void> chain = db.pool().query(ddl).execute().mapEmpty();
    for (String file : index()) {
      chain = chain.compose(v -> applyOne(db, file));
    }
    return chain;
  }

  /** The migration files in order. */
  static List<String> index() {
    List<String> files = new ArrayList<>();
    for (String line : resource(INDEX).split("\n")) {
      String f = line.trim();
      if (!f.isEmpty() && !f.startsWith("#")) {
        files.add(f);
      }
    }
    return files;
  }

  /** The version the schema reaches once every listed migration is applied. */
  public static int latestVersion() {
    List<String> files = index();
    return files.isEmpty() ? 0 : version(files.get(files.size() - 1));
  }

  static int version(String file) {
    if (!file.matches("V\\d{3}__[a-z0-9_]+\\.sql")) {
      throw new IllegalStateException("bad migration file name " + file + " (want V###__name.sql)");
    }
    return Integer.parseInt(file.substring(1, 4));
  }

  private static Future<Void> applyOne(Db db, String file) {
    int version = version(file);
    List<String> statements = statements(db.dialect().ddl(resource("/db/" + file)));
    return db.withTransaction("migrate " + file, conn -> lock(db, conn)
        .compose(v -> db.query(conn, "SELECT version FROM schema_migrations WHERE version = $1", Tuple.of(version)))
        .compose(rows -> rows.size() > 0 ? Future.<Void>succeededFuture() : run(conn, statements)
            .compose(v -> db.query(conn, "INSERT INTO schema_migrations (version, name, applied_at_utc) VALUES ($1, $2, $3)",
                Tuple.of(version, file, dev.fp.contract.Timestamps.nowUtc())).mapEmpty())));
  }

  private static Future<Void> lock(Db db, SqlConnection conn) {
    String lock = db.dialect().migrationLock();
    return lock == null ? Future.succeededFuture() : conn.query(lock).execute().mapEmpty();
  }

  private static Future<Void> run(SqlConnection conn, List<String> statements) {
    Future<Void> chain = Future.succeededFuture();
    for (String s : statements) {
      chain = chain.compose(v -> conn.query(s).execute().mapEmpty());
    }
    return chain;
  }

  /** Splits a migration into statements on {@code ;} at line ends; {@code --} comment lines are dropped. */
  static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : sql.split("\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("--")) {
        continue;
      }
      cur.append(line).append('\n');
      if (t.endsWith(";")) {
        String s = cur.toString().strip();
        out.add(s.substring(0, s.length() - 1));
        cur.setLength(0);
      }
    }
    if (!cur.toString().isBlank()) {
      out.add(cur.toString().strip());
    }
    return out;
  }

  static String resource(String name) {
    try (InputStream in = Migrations.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + name, e);
    }
  }
}
