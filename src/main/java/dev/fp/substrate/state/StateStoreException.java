package dev.fp.substrate.state;

/** A state-store operation failed; the message names the operation and what it touched, the cause is kept. */
public class StateStoreException extends RuntimeException {
  public StateStoreException(String op, String detail, Throwable cause) {
    super(op + ": " + detail, cause);
  }

  public StateStoreException(String op, String detail) {
    this(op, detail, null);
  }

  static StateStoreException noSuchTable(String op, String table, String store) {
    return new StateStoreException(op, "no state table " + table + " in " + store + " (ensureTables first)");
  }

  static StateStoreException readOnly(String op, String store) {
    return new StateStoreException(op, "the state store " + store + " is open read-only");
  }
}
