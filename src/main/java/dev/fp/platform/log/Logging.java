package dev.fp.platform.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.slf4j.LoggerFactory;

/** Configures logging once at start: everything to stderr (data goes to stdout only when asked), plus process logs. */
public final class Logging {
  private Logging() {
  }

  /** @param format {@code text} or {@code json}; @param level e.g. {@code INFO} */
  public static void configure(String format, String level) {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.reset();
    FpLayout layout = new FpLayout("json".equals(format));
    layout.setContext(ctx);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> enc = new LayoutWrappingEncoder<>();
    enc.setContext(ctx);
    enc.setLayout(layout);
    enc.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(ctx);
    console.setTarget("System.err");
    console.setEncoder(enc);
    console.start();
    ProcessLogs files = new ProcessLogs();
    files.setContext(ctx);
    files.start();
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(console);
    root.addAppender(files);
    ctx.getLogger("fp").setLevel(Level.toLevel(level, Level.INFO));
    ctx.getLogger("dev.fp").setLevel(Level.toLevel(level, Level.INFO));
  }

  /** The logger of a component; its lines carry the component name and reach its process log. */
  public static org.slf4j.Logger component(String name) {
    return LoggerFactory.getLogger("fp." + name);
  }
}
