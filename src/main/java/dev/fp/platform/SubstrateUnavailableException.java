package dev.fp.platform;

/** A substrate service cannot be reached (exit code 4); names the service and its configured endpoint. */
public class SubstrateUnavailableException extends RuntimeException {
  private final String service;
  private final String endpoint;

  public SubstrateUnavailableException(String service, String endpoint, Throwable cause) {
    super(service + " unavailable at " + endpoint + (cause == null ? "" : ": " + rootMessage(cause)), cause);
    this.service = service;
    this.endpoint = endpoint;
  }

  public String service() { return service; }

  public String endpoint() { return endpoint; }

  private static String rootMessage(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) {
      r = r.getCause();
    }
    return r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
  }
}
