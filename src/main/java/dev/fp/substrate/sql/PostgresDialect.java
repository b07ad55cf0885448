package dev.fp.substrate.sql;

import io.vertx.pgclient.PgException;

/** PostgreSQL: native {@code $n} placeholders, JSONB, {@code FOR UPDATE}, advisory lock around migrations. */
public final class PostgresDialect implements Dialect {
  private static final String UNIQUE_VIOLATION = "23505";

  @Override
  public String name() { return "postgres"; }

  @Override
  public String sql(String text) { return text; }

  @Override
  public boolean isUniqueViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String ddl(String text) {
    return text.replace("${JSON}", "JSONB").replace("${BIGINT_ID}", "BIGSERIAL PRIMARY KEY");
  }

  @Override
  public String forUpdate() { return " FOR UPDATE"; }

  @Override
  public String migrationLock() { return "SELECT pg_advisory_xact_lock(7420011)"; }
}
