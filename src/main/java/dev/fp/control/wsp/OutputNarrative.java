package dev.fp.control.wsp;

import dev.fp.control.wsp.core.Cursor;
import dev.fp.control.wsp.core.StopReason;
import dev.fp.control.wsp.core.WspFailure;
import dev.fp.control.wsp.core.WspMarkers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one output stream tells operators and the P6 gate: the {@code WSP stream start/stop/complete/failed} markers
 * and {@code stream_view progress} lines in the process log (every {@code progress_every} events or
 * {@code progress_seconds}), and its {@code stream_start} / {@code checkpoint_saved} session events.
 */
final class OutputNarrative {
  private final StreamDeps deps;
  private final StreamSetup setup;
  private final String outputId;
  private final int concurrency;
  private long nextProgressCount;
  private long lastProgressNanos = System.nanoTime();

  OutputNarrative(StreamDeps deps, StreamSetup setup, String outputId, int concurrency) {
    this.deps = deps;
    this.setup = setup;
    this.outputId = outputId;
    this.concurrency = concurrency;
  }

  void started(Cursor from) {
    nextProgressCount = nextMultiple(from.emitted());
    deps.log().info(WspMarkers.start(setup.pins().engineRunId(), outputId, setup.cap(), setup.speedup(), concurrency,
        deps.config().streaming().lanes()));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("output_id", outputId);
    details.put("max_events", setup.cap());
    details.put("resume_after", from.isStart() ? null : from.part() + "#" + from.rowIndex());
    deps.session().append(setup.pins().platformRunId(), "stream_start", details);
  }

  void acknowledged(Cursor at) {
    long now = System.nanoTime();
    if (at.emitted() >= nextProgressCount || now - lastProgressNanos >= deps.config().progress().interval().toNanos()) {
      lastProgressNanos = now;
      nextProgressCount = nextMultiple(at.emitted());
      deps.log().info(WspMarkers.progress(outputId, at));
    }
  }

  void ended(StopReason reason, WspFailure failure, Cursor at) {
    String run = setup.pins().engineRunId();
    switch (reason) {
      case MAX_EVENTS -> deps.log().info(WspMarkers.stop(run, outputId, at.emitted()));
      case COMPLETE -> deps.log().info(WspMarkers.complete(run, outputId, at.emitted(),
          deps.config().streaming().lanes()));
      case INTERRUPTED -> deps.log().info(WspMarkers.interrupted(run, outputId, at.emitted()));
      case FAILED -> deps.log().error(WspMarkers.failed(run, outputId, at.emitted(), failure.code(),
          failure.detail()));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("output_id", outputId);
    details.put("last_file", at.part());
    details.put("last_row_index", at.rowIndex());
    details.put("last_ts_utc", at.tsUtc());
    details.put("emitted", at.emitted());
    details.put("status", reason.name());
    deps.session().append(setup.pins().platformRunId(), "checkpoint_saved", details);
  }

  private long nextMultiple(long emitted) {
    long every = deps.config().progress().every();
    return (emitted / every + 1) * every;
  }
}
