package dev.fp.substrate.sql;

/** A failed SQL operation, naming the operation; the driver error is kept as the cause. */
public class SqlStateException extends RuntimeException {
  private final String op;

  public SqlStateException(String op, String message, Throwable cause) {
    super(op + ": " + message, cause);
    this.op = op;
  }

  public String op() { return op; }
}
