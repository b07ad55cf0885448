package dev.fp.platform.log;

/**
 * Process-wide context stamped on every log line: the platform run this process works for and the supervisor's
 * current phase. One run at a time per process, so plain volatile fields suffice (event-loop threads are shared
 * between components, which rules out thread-local MDC).
 */
public final class LogContext {
  private static volatile String platformRunId = "-";
  private static volatile String phase = "-";

  private LogContext() {
  }

  public static void runId(String id) { platformRunId = id == null ? "-" : id; }

  public static String runId() { return platformRunId; }

  public static void phase(String p) { phase = p == null ? "-" : p; }

  public static String phase() { return phase; }

  /** Component of a logger: loggers are named {@code fp.<component>}; anything else keeps its simple name. */
  public static String component(String loggerName) {
    if (loggerName.startsWith("fp.")) {
      return loggerName.substring(3);
    }
    int dot = loggerName.lastIndexOf('.');
    return dot < 0 ? loggerName : loggerName.substring(dot + 1);
  }
}
