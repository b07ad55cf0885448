package dev.fp.ingress.ig.core;

/** An IG policy document is missing, malformed or inconsistent; the message names the file and key. */
public final class PolicyException extends RuntimeException {
  public PolicyException(String message) {
    super(message);
  }

  public PolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
