package dev.fp.control.wsp.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The narrative log lines of control_ingress §4.9 — the seed's P6 evidence, so their wording is a contract — and
 * their parser for the gate. {@code run_id} is the engine run id.
 */
public final class WspMarkers {
  private static final Pattern MARKER = Pattern.compile(
      "WSP stream (start|stop|complete) run_id=(\\S+) output_id=(\\S+)(?: max_events=(\\S+))?(?: emitted=(\\d+))?");

  private WspMarkers() {
  }

  /** A parsed start/stop/complete marker; {@code emitted} is -1 on start lines. */
  public record Marker(String kind, String engineRunId, String outputId, long emitted) {
    public boolean isStart() {
      return kind.equals("start");
    }
  }

  public static String start(String engineRunId, String outputId, long cap, double speedup, int concurrency,
                             Lanes lanes) {
    return String.format(Locale.ROOT, "WSP stream start run_id=%s output_id=%s max_events=%s speedup=%.2f "
        + "concurrency=%d lane=%s", engineRunId, outputId, cap > 0 ? Long.toString(cap) : "all", speedup,
        concurrency, lanes);
  }

  public static String stop(String engineRunId, String outputId, long emitted) {
    return "WSP stream stop run_id=" + engineRunId + " output_id=" + outputId + " emitted=" + emitted
        + " reason=max_events";
  }

  public static String complete(String engineRunId, String outputId, long emitted, Lanes lanes) {
    return "WSP stream complete run_id=" + engineRunId + " output_id=" + outputId + " emitted=" + emitted
        + " lane=" + lanes;
  }

  public static String failed(String engineRunId, String outputId, long emitted, String reason, String detail) {
    return "WSP stream failed run_id=" + engineRunId + " output_id=" + outputId + " emitted=" + emitted + " reason="
        + reason + " detail=" + detail;
  }

  public static String interrupted(String engineRunId, String outputId, long emitted) {
    return "WSP stream interrupted run_id=" + engineRunId + " output_id=" + outputId + " emitted=" + emitted
        + " (resumes after its checkpoint)";
  }

  public static String progress(String outputId, Cursor cursor) {
    return "WSP stream_view progress output_id=" + outputId + " emitted=" + cursor.emitted() + " last_file="
        + cursor.part() + " row=" + cursor.rowIndex() + " ts=" + cursor.tsUtc();
  }

  /** Every start/stop/complete marker in {@code lines}, in order. */
  public static List<Marker> parse(List<String> lines) {
    List<Marker> out = new ArrayList<>();
    for (String line : lines) {
      Matcher m = MARKER.matcher(line);
      if (m.find()) {
        out.add(new Marker(m.group(1), m.group(2), m.group(3), m.group(5) == null ? -1 : Long.parseLong(m.group(5))));
      }
    }
    return out;
  }
}
