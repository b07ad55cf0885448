package dev.fp.substrate.eventlog;

/**
 * The group's lease now carries a newer fencing token than ours (another instance took it after ours expired): the
 * write that found out was rolled back, and this instance must stop consuming.
 */
public class LeaseLostException extends RuntimeException {
  public LeaseLostException(String groupId, String holder, long fencingToken, String op) {
    super(op + ": lease of consumer group " + groupId + " lost by " + holder + " (fencing token " + fencingToken
        + " is stale)");
  }
}
