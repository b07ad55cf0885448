package dev.fp.cli;

import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.log.ProcessLogs;

import java.util.concurrent.TimeUnit;

/**
 * SIGTERM handling: a JVM shutdown hook drains the runtime within the configured budget. The same drain runs when
 * a command finishes normally.
 */
final class Shutdown {
  private Shutdown() {
  }

  static Thread install(PlatformRuntime rt, int budgetSeconds) {
    Thread hook = new Thread(() -> drain(rt, budgetSeconds), "fp-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  /** Runs the drain now (normal completion) and removes the hook. */
  static void runNow(Thread hook, PlatformRuntime rt, int budgetSeconds) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      return;
    }
    drain(rt, budgetSeconds);
  }

  private static void drain(PlatformRuntime rt, int budgetSeconds) {
    try {
      rt.shutdown().toCompletionStage().toCompletableFuture().get(budgetSeconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("fp: shutdown did not finish within " + budgetSeconds + " s: " + e.getMessage());
    }
    ProcessLogs.drain(); // the drain's own log lines too
  }
}
