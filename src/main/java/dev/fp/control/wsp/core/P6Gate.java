package dev.fp.control.wsp.core;

import dev.fp.platform.supervisor.GateCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The P6 STREAMING_ACTIVE exit gate (seed P6, control_ingress §4.9) over durable evidence: per in-scope output, the
 * process log shows {@code WSP stream start} followed by {@code stop}/{@code complete}; the stream emitted &gt; 0
 * events; and it emitted exactly the cap when its view holds at least cap rows (else every row).
 */
public final class P6Gate {
  private static final String REMEDY = "read wsp_ready_consumer.log for 'WSP stream failed' and the READY status "
      + "(fp wsp status); fix the cause, then re-drive with `fp wsp once --retry-failed`";

  private P6Gate() {
  }

  /**
   * @param logPath  the log the markers were read from (evidence text)
   * @param markers  markers of that log, in order
   * @param progress checkpoint records by output id
   */
  public static List<GateCheck> checks(String logPath, List<WspMarkers.Marker> markers,
                                       Map<String, OutputProgress> progress, List<String> outputs, long cap) {
    List<GateCheck> out = new ArrayList<>();
    for (String output : outputs) {
      List<WspMarkers.Marker> own = markers.stream().filter(m -> m.outputId().equals(output)).toList();
      out.add(startStop(logPath, output, own));
      OutputProgress p = progress.get(output);
      out.add(emittedPositive(output, p));
      out.add(capReached(output, p, cap));
    }
    return out;
  }

  private static GateCheck startStop(String logPath, String output, List<WspMarkers.Marker> own) {
    int start = -1;
    int end = -1;
    for (int i = 0; i < own.size(); i++) {
      if (own.get(i).isStart()) {
        start = i;
      } else if (start >= 0) {
        end = i;
      }
    }
    boolean ok = start >= 0 && end > start;
    String actual = start < 0 ? "no 'WSP stream start' for " + output
        : ok ? "start then " + own.get(end).kind() + " emitted=" + own.get(end).emitted()
        : "start without a later stop/complete";
    return GateCheck.of(ok, "wsp_stream_start_stop:" + output, logPath, "WSP stream start then stop/complete",
        actual, REMEDY);
  }

  private static GateCheck emittedPositive(String output, OutputProgress p) {
    long emitted = p == null ? 0 : p.emitted();
    return GateCheck.of(emitted > 0, "wsp_emitted_positive:" + output, "wsp_checkpoints " + output, "emitted > 0",
        "emitted=" + emitted + (p == null ? " (no checkpoint)" : " status=" + p.status()), REMEDY);
  }

  private static GateCheck capReached(String output, OutputProgress p, long cap) {
    if (p == null) {
      return GateCheck.fail("wsp_cap:" + output, "wsp_checkpoints " + output, "a finished stream", "no checkpoint",
          REMEDY);
    }
    boolean capped = cap > 0 && p.viewRows() >= cap;
    long want = capped ? cap : p.viewRows();
    String wantStatus = capped ? StopReason.MAX_EVENTS.name() : StopReason.COMPLETE.name();
    boolean ok = p.emitted() == want && wantStatus.equals(p.status());
    return GateCheck.of(ok, "wsp_cap:" + output, "wsp_checkpoints " + output + " (view rows " + p.viewRows() + ")",
        "emitted=" + want + " status=" + wantStatus, "emitted=" + p.emitted() + " status=" + p.status()
            + (p.reason() == null ? "" : " reason=" + p.reason()), REMEDY);
  }
}
