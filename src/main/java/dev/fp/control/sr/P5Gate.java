package dev.fp.control.sr;

import dev.fp.contract.JsonDoc;
import dev.fp.contract.ReadySignal;
import dev.fp.contract.Topics;
import dev.fp.control.sr.core.RunState;
import dev.fp.control.sr.core.SrKeys;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.substrate.objectstore.NoSuchObjectException;
import dev.fp.substrate.objectstore.ObjectMeta;
import io.vertx.core.Future;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * P5 READY_PUBLISHED exit gate (seed §P5), from durable evidence only: SR's run log holds "READY committed" and
 * "READY published"; a ready_signal of this platform run is committed under {@code fraud-platform/<run>/sr/} and its
 * run status is READY; and {@code sr-control-bus}, read from the trim horizon, carries a READY (or re-emit) of this
 * platform run with that ready_signal's message_id.
 */
final class P5Gate {
  static final String COMMITTED = "READY committed";
  static final String PUBLISHED = "READY published";
  private static final String RUN_SR = "run `fp sr run --equivalence-key <new key>` (P5 may be retried with a new key)";

  private final SrContext ctx;

  P5Gate(SrContext ctx) {
    this.ctx = ctx;
  }

  private record Signal(String runId, String messageId, String ref, boolean statusReady) {
  }

  Future<List<GateCheck>> check(String platformRunId) {
    Path logFile = SrRunLog.logFile(ctx.settings().platformRoot(), platformRunId);
    Future<String> log = ctx.vertx().executeBlocking(() -> SrRunLog.readLog(ctx.settings().platformRoot(),
        platformRunId), false);
    Future<List<Signal>> signals = signals(platformRunId);
    Future<List<ReadyBus.Message>> bus = ctx.bus().readAll();
    return Future.join(log, signals, bus).transform(done -> {
      List<GateCheck> checks = new ArrayList<>();
      checks.add(logCheck("sr_log_ready_committed", COMMITTED, logFile, log));
      checks.add(logCheck("sr_log_ready_published", PUBLISHED, logFile, log));
      String prefix = ctx.store().uri(SrKeys.BUCKET, SrKeys.readySignalPrefix(platformRunId));
      List<Signal> committed = signals.succeeded() ? signals.result() : List.of();
      checks.add(GateCheck.of(!committed.isEmpty(), "ready_signal_committed", prefix, "a ready_signal of "
          + platformRunId, signals.succeeded() ? describe(committed) : "unreadable: " + signals.cause().getMessage(),
          RUN_SR));
      boolean ready = committed.stream().anyMatch(Signal::statusReady);
      checks.add(GateCheck.of(ready, "run_status_ready", ctx.store().uri(SrKeys.BUCKET, SrKeys.prefix(platformRunId)
          + "run_status/"), "state READY", ready ? "READY" : "no READY status", RUN_SR));
      checks.add(busCheck(platformRunId, committed, bus));
      return Future.succeededFuture(checks);
    });
  }

  private static GateCheck logCheck(String name, String phrase, Path logFile, Future<String> log) {
    String expected = "a line containing \"" + phrase + "\"";
    if (log.failed()) {
      return GateCheck.fail(name, logFile.toString(), expected, "unreadable: " + log.cause().getMessage(), RUN_SR);
    }
    String text = log.result();
    boolean found = text.contains(phrase);
    String actual = found ? text.lines().filter(l -> l.contains(phrase)).reduce((a, b) -> b).orElse("")
        : text.isEmpty() ? "no run log" : "no such line";
    return GateCheck.of(found, name, logFile.toString(), expected, actual, RUN_SR);
  }

  private GateCheck busCheck(String platformRunId, List<Signal> committed, Future<List<ReadyBus.Message>> bus) {
    String evidence = Topics.SR_CONTROL_BUS + " (read from trim_horizon)";
    Set<String> ids = committed.stream().map(Signal::messageId).collect(Collectors.toSet());
    String expected = "READY of " + platformRunId + " with message_id in " + ids;
    String remedy = "fix the bus, then `fp sr reemit --platform-run-id " + platformRunId + " --run-id "
        + committed.stream().map(Signal::runId).findFirst().orElse("<run_id>") + "`";
    if (bus.failed()) {
      return GateCheck.fail("ready_on_control_bus", evidence, expected, "unreadable: " + bus.cause().getMessage(),
          remedy);
    }
    Optional<ReadyBus.Message> hit = bus.result().stream()
        .filter(m -> Set.of(ReadySignal.KIND_READY, ReadySignal.KIND_REEMIT).contains(m.kind()))
        .filter(m -> platformRunId.equals(m.payload().get("platform_run_id")) && ids.contains(m.messageId()))
        .findFirst();
    return GateCheck.of(hit.isPresent(), "ready_on_control_bus", evidence, expected,
        hit.map(m -> m.kind() + " message_id=" + m.messageId() + " at partition " + m.record().partition()
            + " offset " + m.record().offset()).orElse("no READY of this run among " + bus.result().size()
            + " control messages"), remedy);
  }

  private Future<List<Signal>> signals(String platformRunId) {
    return ctx.store().list(SrKeys.BUCKET, SrKeys.readySignalPrefix(platformRunId)).compose(metas -> {
      List<Future<Optional<Signal>>> reads = new ArrayList<>();
      for (ObjectMeta m : metas) {
        reads.add(signal(platformRunId, m.key()));
      }
      return Future.all(reads).map(all -> reads.stream().map(Future::result).flatMap(Optional::stream).toList());
    });
  }

  private Future<Optional<Signal>> signal(String platformRunId, String key) {
    return ctx.store().get(SrKeys.BUCKET, key).compose(buf -> {
      Map<String, Object> s = document(key, buf.getBytes());
      if (!platformRunId.equals(s.get("platform_run_id")) || s.get("message_id") == null) {
        return Future.succeededFuture(Optional.empty());
      }
      String runId = String.valueOf(s.get("run_id"));
      String statusKey = new SrKeys(platformRunId, runId).status();
      return statusReady(statusKey).map(ready -> Optional.of(new Signal(runId, String.valueOf(s.get("message_id")),
          ctx.store().uri(SrKeys.BUCKET, key), ready)));
    });
  }

  /** A missing run status is "not READY"; any other read failure fails the check with its cause. */
  private Future<Boolean> statusReady(String statusKey) {
    return ctx.store().get(SrKeys.BUCKET, statusKey)
        .map(st -> RunState.READY.name().equals(document(statusKey, st.getBytes()).get("state")))
        .recover(err -> err instanceof NoSuchObjectException ? Future.succeededFuture(false)
            : Future.failedFuture(new IllegalStateException("read " + statusKey + ": " + err.getMessage(), err)));
  }

  /** SR wrote these objects as JSON objects: anything else is corrupt evidence, reported with its key. */
  private static Map<String, Object> document(String key, byte[] bytes) {
    return JsonDoc.parse(bytes).orElseThrow(() -> new IllegalStateException(key + ": not a JSON object"));
  }

  private static String describe(List<Signal> signals) {
    return signals.isEmpty() ? "none" : signals.stream().map(s -> s.runId() + " (" + s.ref() + ")")
        .collect(Collectors.joining(", "));
  }
}
