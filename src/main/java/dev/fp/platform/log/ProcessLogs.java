package dev.fp.platform.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes each component's log lines into its per-run process log
 * ({@code runs/fraud-platform/<run>/operate/<pack_id>/logs/<process>.log}), as the seed's gates read them. The pack
 * manager registers a component's file when it deploys the component and unregisters it on undeploy.
 */
public final class ProcessLogs extends AppenderBase<ILoggingEvent> {
  private static final Map<String, OutputStream> FILES = new ConcurrentHashMap<>();
  private final FpLayout layout = new FpLayout(false);

  /** Sends the lines of logger {@code fp.<component>} (and its children) to {@code file} as well. */
  public static void register(String component, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    OutputStream old = FILES.put(component, out);
    if (old != null) {
      old.close();
    }
  }

  public static void unregister(String component) {
    OutputStream out = FILES.remove(component);
    if (out != null) {
      try {
        out.close();
      } catch (IOException ignored) {
        // closing a log file we no longer write to: nothing to recover
      }
    }
  }

  @Override
  protected void append(ILoggingEvent e) {
    String component = LogContext.component(e.getLoggerName());
    int dot = component.indexOf('.');
    OutputStream out = FILES.get(dot < 0 ? component : component.substring(0, dot));
    if (out == null) {
      return;
    }
    byte[] line = layout.doLayout(e).getBytes(StandardCharsets.UTF_8);
    try {
      synchronized (out) {
        out.write(line);
        out.flush();
      }
    } catch (IOException ex) {
      addError("cannot write process log for " + component, ex);
    }
  }
}
