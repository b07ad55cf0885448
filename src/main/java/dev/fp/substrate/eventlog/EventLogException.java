package dev.fp.substrate.eventlog;

/** A failed event-log operation, naming the operation and the topic (and partition when known); keeps the cause. */
public class EventLogException extends RuntimeException {
  public EventLogException(String op, String where, String message, Throwable cause) {
    super(op + " " + where + ": " + message, cause);
  }
}
