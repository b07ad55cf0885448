package dev.fp.oracle.sort;

/**
 * A sorted run read front to back during the merge. After {@link #advance()} returned true, the current row is
 * {@link #key()} and its encoded bytes at {@link #bytes()}[{@link #offset()}..+{@link #length()}), valid until the
 * next advance. {@link #run()} is the run's position in input order, the merge's tie-break.
 */
interface RunCursor extends AutoCloseable {
  boolean advance();

  long key();

  byte[] bytes();

  int offset();

  int length();

  int run();

  @Override
  void close();
}
