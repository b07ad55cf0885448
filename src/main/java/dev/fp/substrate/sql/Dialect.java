package dev.fp.substrate.sql;

/**
 * What differs between SQLite and PostgreSQL beyond the SQL both accept: placeholders, duplicate-key detection,
 * column types in migrations and row locking. SQL is written once with PostgreSQL placeholders ({@code $1, $2 …},
 * each used once, in order) and passed through {@link #sql}.
 */
public interface Dialect {

  String name();

  /** Rewrites PostgreSQL placeholders into this dialect's form. */
  String sql(String text);

  /** True when the failure is a unique/primary-key violation (idempotent insert lost to an existing row). */
  boolean isUniqueViolation(Throwable failure);

  /** Rewrites the migration type tokens {@code ${JSON}} and {@code ${BIGINT_ID}} into this dialect's DDL. */
  String ddl(String text);

  /** Suffix that locks selected rows until commit ({@code FOR UPDATE}); empty where the single writer suffices. */
  String forUpdate();

  /** Statement run first in a migration transaction to serialise concurrent migrators, or null. */
  String migrationLock();
}
