package dev.fp.substrate.sql;

import java.util.regex.Pattern;

/** SQLite: {@code ?} placeholders, TEXT for JSON, one writer (no row locks needed). */
public final class SqliteDialect implements Dialect {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\d+");

  @Override
  public String name() { return "sqlite"; }

  @Override
  public String sql(String text) {
    return PLACEHOLDER.matcher(text).replaceAll("?");
  }

  @Override
  public boolean isUniqueViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && (m.contains("SQLITE_CONSTRAINT_PRIMARYKEY") || m.contains("SQLITE_CONSTRAINT_UNIQUE"))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String ddl(String text) {
    return text.replace("${JSON}", "TEXT").replace("${BIGINT_ID}", "INTEGER PRIMARY KEY AUTOINCREMENT");
  }

  @Override
  public String forUpdate() { return ""; }

  @Override
  public String migrationLock() { return null; }
}
