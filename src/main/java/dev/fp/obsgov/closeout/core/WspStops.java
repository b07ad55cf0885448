package dev.fp.obsgov.closeout.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WSP's per-output stream ends as its process log records them ({@code WSP stream stop … output_id=X emitted=N
 * reason=R}), the seed's P6/P11 evidence; the last line per output wins. Pure.
 */
public final class WspStops {
  private static final Pattern STOP = Pattern.compile(
      "WSP stream (stop|complete)\\b.*?\\boutput_id=(\\S+)\\s+emitted=(\\d+)(?:\\s+reason=(\\S+))?");

  /** One output's last stream end. */
  public record Stop(String output, long emitted, String reason) {
  }

  private WspStops() {
  }

  public static Map<String, Stop> parse(List<String> logLines) {
    Map<String, Stop> out = new LinkedHashMap<>();
    for (String line : logLines) {
      Matcher m = STOP.matcher(line);
      if (m.find()) {
        String reason = m.group(4) != null ? m.group(4) : m.group(1);
        out.put(m.group(2), new Stop(m.group(2), Long.parseLong(m.group(3)), reason));
      }
    }
    return out;
  }
}
