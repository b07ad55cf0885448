package dev.fp.substrate.state;

/** A state-store operation failed; the message names the operation and what it touched, the cause is kept. */
public class StateStoreException extends RuntimeException {
  public StateStoreException(String op, String detail, Throwable cause) {
    super(op + ": " + detail, cause);
  }

  public StateStoreException(String op, String detail) {
    this(op, detail, null);
  }
}
