package dev.fp.platform.auth;

/** The API key file cannot be read or has a bad line; the message names the file and line, never a key. */
public final class ApiKeysException extends RuntimeException {
  public ApiKeysException(String message, Throwable cause) {
    super(message, cause);
  }
}
