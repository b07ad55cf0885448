package dev.fp.platform.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes each component's log lines into its per-run process log
 * ({@code runs/fraud-platform/<run>/operate/<pack_id>/logs/<process>.log}), as the seed's gates read them. The pack
 * manager registers a component's file when it deploys the component and unregisters it on undeploy.
 *
 * <p>The line is formatted on the logging thread (it reads that thread's run/phase context) and written by
 * {@link ProcessLogWriter} on its own thread, so logging from an event loop never touches the disk. Unregistering
 * and {@link #stop()} wait until every queued line is written.
 */
public final class ProcessLogs extends AppenderBase<ILoggingEvent> {
  private static final Map<String, ProcessLogWriter.LogFile> FILES = new ConcurrentHashMap<>();
  private static final ProcessLogWriter WRITER = new ProcessLogWriter(ProcessLogWriter.DEFAULT_CAPACITY,
      problem -> System.err.println(problem));
  private final FpLayout layout = new FpLayout(false);

  /** Sends the lines of logger {@code fp.<component>} (and its children) to {@code file} as well. */
  public static void register(String component, Path file) throws IOException {
    ProcessLogWriter.LogFile old = FILES.put(component, new ProcessLogWriter.LogFile(file));
    if (old != null) {
      WRITER.close(old);
    }
  }

  /** Stops routing {@code component}'s lines; returns once its queued lines are written and the file is closed. */
  public static void unregister(String component) {
    ProcessLogWriter.LogFile file = FILES.remove(component);
    if (file != null) {
      WRITER.close(file);
    }
  }

  /** Waits until every line queued so far is written (at shutdown, and for readers of the files). */
  public static void drain() {
    WRITER.drain();
  }

  @Override
  protected void append(ILoggingEvent e) {
    String component = LogContext.component(e.getLoggerName());
    int dot = component.indexOf('.');
    ProcessLogWriter.LogFile file = FILES.get(dot < 0 ? component : component.substring(0, dot));
    if (file != null) {
      WRITER.offer(file, layout.doLayout(e).getBytes(StandardCharsets.UTF_8));
    }
  }

  @Override
  public void stop() {
    drain();
    super.stop();
  }
}
