package dev.fp.platform.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import dev.fp.contract.Json;
import dev.fp.contract.Timestamps;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One log line per event, with run id, component and phase: plain text by default, or one JSON object per line
 * ({@code --log-format json}: ts, level, logger, msg, platform_run_id, component, phase).
 */
public final class FpLayout extends LayoutBase<ILoggingEvent> {
  private final boolean json;

  public FpLayout(boolean json) {
    this.json = json;
  }

  @Override
  public String doLayout(ILoggingEvent e) {
    String ts = Timestamps.format(Instant.ofEpochMilli(e.getTimeStamp()));
    String component = LogContext.component(e.getLoggerName());
    IThrowableProxy tp = e.getThrowableProxy();
    if (json) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("ts", ts);
      line.put("level", e.getLevel().toString());
      line.put("logger", e.getLoggerName());
      line.put("msg", e.getFormattedMessage());
      line.put("platform_run_id", LogContext.runId());
      line.put("component", component);
      line.put("phase", LogContext.phase());
      if (tp != null) {
        line.put("error", tp.getClassName() + ": " + tp.getMessage());
      }
      return Json.write(line) + "\n";
    }
    StringBuilder sb = new StringBuilder(160).append(ts).append(' ').append(e.getLevel()).append(" [")
        .append(LogContext.runId()).append(' ').append(component).append(' ').append(LogContext.phase())
        .append("] ").append(e.getFormattedMessage()).append('\n');
    if (tp != null) {
      // A stack trace only at DEBUG; operators get the one-line cause.
      sb.append("  cause: ").append(tp.getClassName()).append(": ").append(tp.getMessage()).append('\n');
      if (e.getLevel().levelInt <= ch.qos.logback.classic.Level.DEBUG_INT) {
        sb.append(ThrowableProxyUtil.asString(tp)).append('\n');
      }
    }
    return sb.toString();
  }
}
