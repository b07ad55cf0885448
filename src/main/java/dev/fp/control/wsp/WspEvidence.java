package dev.fp.control.wsp;

import dev.fp.control.wsp.core.OutputPlan;
import dev.fp.control.wsp.core.OutputProgress;
import dev.fp.control.wsp.core.P6Gate;
import dev.fp.control.wsp.core.ReadyStatus;
import dev.fp.control.wsp.core.WspMarkers;
import dev.fp.control.wsp.store.ReadyRecord;
import dev.fp.control.wsp.store.WspStore;
import dev.fp.platform.log.ProcessLogs;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.substrate.sql.Db;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * WSP's durable evidence for the supervisor and operators, readable from any process: the P6 exit gate (process log
 * markers + checkpoints + READY records), the stream window (first push to last IG acknowledgement) and a status
 * summary. Reads only; never needs the lease.
 */
public final class WspEvidence {
  private final Vertx vertx;
  private final WspStore store;
  private final Path platformRoot;
  private final String profile;

  public WspEvidence(Vertx vertx, Db db, Path platformRoot, String profile, Clock clock) {
    this.vertx = vertx;
    this.store = new WspStore(db, clock);
    this.platformRoot = platformRoot;
    this.profile = profile;
  }

  /** First WSP push to last acknowledgement over every output of a run, and the events acknowledged in it. */
  public record StreamWindow(String firstPushUtc, String lastAckUtc, long events) {
    public Duration duration() {
      return Duration.between(Instant.parse(firstPushUtc), Instant.parse(lastAckUtc));
    }

    public double eventsPerSecond() {
      double s = duration().toNanos() / 1e9;
      return s <= 0 ? events : events / s;
    }
  }

  /** The streamed outputs of a mode, in stream order (what P6 checks). */
  public static List<String> outputsFor(String mode) {
    return OutputPlan.of(mode, List.of(), List.of()).streamOrder();
  }

  /** {@code runs/fraud-platform/<run>/operate/<profile>_control_ingress_v0/logs/wsp_ready_consumer.log}. */
  public static Path logFile(Path platformRoot, String profile, String platformRunId) {
    return platformRoot.resolve(platformRunId).resolve("operate").resolve(profile + "_control_ingress_v0")
        .resolve("logs").resolve(WspVerticle.PROCESS_ID + ".log");
  }

  /**
   * P6 STREAMING_ACTIVE: a READY of the run was STREAMED, and per output the log shows stream start then
   * stop/complete, emitted &gt; 0, and emitted == cap when the view has at least cap rows.
   */
  public Future<List<GateCheck>> checkP6(String platformRunId, List<String> outputIds, long cap) {
    Path log = logFile(platformRoot, profile, platformRunId);
    Future<List<String>> lines = vertx.executeBlocking(() -> {
      ProcessLogs.drain(); // process logs are written asynchronously: the gate reads every line logged so far
      return readLines(log);
    });
    return Future.all(lines, store.progress(platformRunId), store.readies(platformRunId)).map(all -> {
      List<GateCheck> checks = new ArrayList<>();
      List<ReadyRecord> readies = all.resultAt(2);
      checks.add(readyStreamed(platformRunId, readies));
      checks.addAll(P6Gate.checks(log.toString(), WspMarkers.parse(all.resultAt(0)), latest(all.resultAt(1)),
          outputIds, cap));
      return checks;
    });
  }

  /** The run's stream window, empty before the first acknowledgement. */
  public Future<Optional<StreamWindow>> streamWindow(String platformRunId) {
    return store.progress(platformRunId).map(progress -> {
      Optional<String> first = progress.stream().map(OutputProgress::firstPushAtUtc).filter(s -> s != null).min(
          String::compareTo);
      Optional<String> last = progress.stream().map(OutputProgress::lastAckAtUtc).filter(s -> s != null).max(
          String::compareTo);
      long events = latest(progress).values().stream().mapToLong(OutputProgress::emitted).sum();
      return first.isPresent() && last.isPresent() ? Optional.of(new StreamWindow(first.get(), last.get(), events))
          : Optional.empty();
    });
  }

  /**
   * What became of each READY of a run so far, oldest first: {@code PENDING} (waiting, deferred with its reason, or
   * streaming), {@code STREAMED}, {@code FAILED} (with the reason code) or {@code SKIPPED_OUT_OF_SCOPE}. P6's entry
   * action waits for a final status here.
   */
  public Future<List<ReadyOutcome>> readies(String platformRunId) {
    return store.readies(platformRunId).map(list -> list.stream().map(r -> new ReadyOutcome(r.messageId(),
        r.status().name(), r.reason(), r.emitted())).toList());
  }

  /** READY records and per-output progress of a run, for {@code fp wsp status}. */
  public Future<Map<String, Object>> status(String platformRunId) {
    return Future.all(store.readies(platformRunId), store.progress(platformRunId)).map(all -> {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("platform_run_id", platformRunId);
      List<Map<String, Object>> readies = new ArrayList<>();
      for (ReadyRecord r : all.<List<ReadyRecord>>resultAt(0)) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message_id", r.messageId());
        m.put("scenario_run_id", r.scenarioRunId());
        m.put("status", r.status().name());
        m.put("reason", r.reason());
        m.put("emitted", r.emitted());
        m.put("attempts", r.attempts());
        m.put("updated_at_utc", r.updatedAtUtc());
        readies.add(m);
      }
      out.put("readies", readies);
      out.put("outputs", latest(all.resultAt(1)));
      return out;
    });
  }

  private static GateCheck readyStreamed(String platformRunId, List<ReadyRecord> readies) {
    boolean ok = readies.stream().anyMatch(r -> r.status() == ReadyStatus.STREAMED);
    String actual = readies.isEmpty() ? "no READY recorded"
        : readies.stream().map(r -> r.messageId().substring(0, Math.min(12, r.messageId().length())) + "="
            + r.status() + (r.reason() == null ? "" : "(" + r.reason() + ")")).toList().toString();
    return GateCheck.of(ok, "wsp_ready_streamed", "wsp_ready_records platform_run_id=" + platformRunId,
        "a READY with status STREAMED", actual, "check P5 published READY and `fp wsp status`; a deferred READY "
            + "waits for the required packs (see 'WSP READY deferred' in wsp_ready_consumer.log)");
  }

  /** The most recently updated record per output (a run may have several scopes: attempts, scenario runs). */
  private static Map<String, OutputProgress> latest(List<OutputProgress> progress) {
    Map<String, OutputProgress> out = new LinkedHashMap<>();
    progress.forEach(p -> out.put(p.outputId(), p));
    return out;
  }

  private static List<String> readLines(Path file) throws IOException {
    return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
  }
}
