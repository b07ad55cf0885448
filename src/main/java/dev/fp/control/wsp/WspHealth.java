package dev.fp.control.wsp;

import dev.fp.control.wsp.core.OutputProgress;
import dev.fp.control.wsp.core.ReadyStatus;
import dev.fp.control.wsp.store.ReadyRecord;
import dev.fp.control.wsp.store.WspStore;
import dev.fp.platform.health.HealthArtifacts;
import dev.fp.platform.health.HealthReport;
import dev.fp.platform.health.HealthState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WSP's health artifacts ({@code runs/fraud-platform/<run>/world_streamer_producer/health/last_health.json} and
 * metrics), computed from this run's durable records so a restart never resets them: RED when a READY of the run
 * FAILED, AMBER while one waits (deferred) for required packs, else GREEN.
 */
final class WspHealth {
  static final String COMPONENT = "world_streamer_producer";

  private final Vertx vertx;
  private final WspStore store;
  private final HealthArtifacts artifacts;

  WspHealth(Vertx vertx, WspStore store, HealthArtifacts artifacts) {
    this.vertx = vertx;
    this.store = store;
    this.artifacts = artifacts;
  }

  Future<HealthReport> export(String platformRunId) {
    return store.readies(platformRunId).compose(readies -> store.progress(platformRunId).compose(progress -> {
      HealthReport report = report(readies, progress);
      return vertx.executeBlocking(() -> {
        artifacts.write(platformRunId, COMPONENT, report);
        return report;
      });
    }));
  }

  static HealthReport report(List<ReadyRecord> readies, List<OutputProgress> progress) {
    Map<String, Object> metrics = new LinkedHashMap<>();
    for (ReadyStatus s : ReadyStatus.values()) {
      metrics.put("ready_" + s.name().toLowerCase(), readies.stream().filter(r -> r.status() == s).count());
    }
    metrics.put("events_emitted", progress.stream().mapToLong(OutputProgress::emitted).sum());
    metrics.put("outputs_streaming", progress.stream().filter(p -> OutputProgress.STREAMING.equals(p.status()))
        .count());
    List<String> reasons = new ArrayList<>();
    readies.stream().filter(r -> r.status() == ReadyStatus.FAILED)
        .forEach(r -> reasons.add("READY_FAILED:" + r.reason()));
    HealthState state = reasons.isEmpty() ? HealthState.GREEN : HealthState.RED;
    if (reasons.isEmpty()) {
      readies.stream().filter(r -> r.status() == ReadyStatus.PENDING && r.reason() != null)
          .forEach(r -> reasons.add("READY_DEFERRED:" + r.reason()));
      state = reasons.isEmpty() ? HealthState.GREEN : HealthState.AMBER;
    }
    return new HealthReport(state, reasons, metrics);
  }
}
