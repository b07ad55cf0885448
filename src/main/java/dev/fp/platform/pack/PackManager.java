package dev.fp.platform.pack;

import dev.fp.contract.Json;
import dev.fp.contract.Timestamps;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.log.Logging;
import dev.fp.platform.log.ProcessLogs;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import org.slf4j.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deploys and undeploys packs of verticles and records them the way the seed's gates read them:
 * {@code runs/fraud-platform/operate/<pack_id>/state.json} and {@code status/last_status.json} (deployment ids and
 * the JVM pid instead of OS process ids), {@code runs/fraud-platform/<run>/operate/<pack_id>/events.jsonl} and one
 * log per process under {@code …/logs/<process>.log}. {@code up} is start-if-not-running.
 */
public final class PackManager {
  private static final Logger LOG = Logging.component("operate");
  private final Vertx vertx;
  private final Path platformRoot;
  private final String profile;
  private final Clock clock;
  private final Map<String, Deployed> deployed = new ConcurrentHashMap<>();

  private record Deployed(String deploymentId, VerticleBase verticle, String startedAtUtc, Path logPath,
                          String runId) {
  }

  public PackManager(Vertx vertx, Path platformRoot, String profile, Clock clock) {
    this.vertx = vertx;
    this.platformRoot = platformRoot;
    this.profile = profile;
    this.clock = clock;
  }

  public Path packDir(PackSpec pack) {
    return platformRoot.resolve("operate").resolve(pack.packId(profile));
  }

  public Path runPackDir(PackSpec pack, String runId) {
    return platformRoot.resolve(runId).resolve("operate").resolve(pack.packId(profile));
  }

  /**
   * Starts every process of the pack that is not running for {@code runId}; returns the ids it started. Processes
   * running for another run are restarted first: components are run-scoped.
   */
  public Future<List<String>> up(PackSpec pack, String runId) {
    List<String> started = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (ProcessSpec p : pack.processes()) {
      chain = chain.compose(v -> {
        Deployed d = deployed.get(key(pack, p));
        if (d != null && d.runId().equals(runId)) {
          return Future.succeededFuture();
        }
        Future<Void> stopOld = d == null ? Future.succeededFuture() : stop(pack, p, d.runId());
        return stopOld.compose(x -> deploy(pack, p, runId)).onSuccess(x -> started.add(p.processId())).mapEmpty();
      });
    }
    return chain.compose(v -> blocking(() -> writeState(pack, runId))).map(v -> started);
  }

  private Future<Void> deploy(PackSpec pack, ProcessSpec p, String runId) {
    Path log = runPackDir(pack, runId).resolve("logs").resolve(p.processId() + ".log");
    VerticleBase verticle = p.factory().apply(runId);
    return blocking(() -> {
      ProcessLogs.register(p.processId(), log);
      event(pack, runId, "process_spawn", Map.of("process_id", p.processId()));
    }).compose(v -> vertx.deployVerticle(verticle, p.options()))
        .compose(id -> {
          deployed.put(key(pack, p), new Deployed(id, verticle, Timestamps.now(clock), log, runId));
          LOG.info("pack {} process {} started (deployment {})", pack.packId(profile), p.processId(), id);
          return blocking(() -> event(pack, runId, "process_started", Map.of("process_id", p.processId(),
              "deployment_id", id, "active_platform_run_id", runId)));
        });
  }

  /** Stops the pack's processes in reverse order, letting each drain in its {@code stop()}. */
  public Future<List<String>> down(PackSpec pack, String runId) {
    List<String> stopped = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    List<ProcessSpec> reverse = new ArrayList<>(pack.processes());
    java.util.Collections.reverse(reverse);
    for (ProcessSpec p : reverse) {
      chain = chain.compose(v -> deployed.containsKey(key(pack, p))
          ? stop(pack, p, runId).onSuccess(x -> stopped.add(p.processId())) : Future.succeededFuture());
    }
    return chain.compose(v -> blocking(() -> writeState(pack, runId))).map(v -> stopped);
  }

  private Future<Void> stop(PackSpec pack, ProcessSpec p, String runId) {
    Deployed d = deployed.remove(key(pack, p));
    return vertx.undeploy(d.deploymentId()).compose(x -> blocking(() -> {
      event(pack, runId, "process_stopped", Map.of("process_id", p.processId(), "deployment_id", d.deploymentId()));
      ProcessLogs.unregister(p.processId());
    }));
  }

  /** Probes every process, writes {@code status/last_status.json}, and returns it. */
  public Future<Map<String, Object>> status(PackSpec pack, String runId) {
    List<Future<Map<String, Object>>> rows = pack.processes().stream().map(p -> processStatus(pack, p)).toList();
    return Future.all(rows).compose(all -> blocking(() -> {
      List<Map<String, Object>> processRows = all.list();
      Map<String, Object> status = new LinkedHashMap<>();
      status.put("pack_id", pack.packId(profile));
      status.put("ts_utc", Timestamps.now(clock));
      status.put("active_platform_run_id", runId);
      status.put("jvm_pid", ProcessHandle.current().pid());
      status.put("processes", processRows);
      status.put("state", packState(processRows));
      status.put("healthy", processRows.stream().allMatch(PackManager::ready));
      JsonFiles.write(packDir(pack).resolve("status/last_status.json"), status);
      event(pack, runId, "status_written", Map.of("process_count", pack.processes().size()));
      return status;
    }));
  }

  private Future<Map<String, Object>> processStatus(PackSpec pack, ProcessSpec p) {
    Deployed d = deployed.get(key(pack, p));
    Future<Readiness.Result> probe;
    if (d == null || !vertx.deploymentIDs().contains(d.deploymentId())) {
      probe = Future.succeededFuture(new Readiness.Result(false, "not_running"));
    } else if (d.verticle() instanceof Readiness r) {
      probe = r.readiness().recover(err -> Future.succeededFuture(new Readiness.Result(false, "probe_error:" + err.getMessage())));
    } else {
      probe = Future.succeededFuture(new Readiness.Result(true, "alive"));
    }
    return probe.map(res -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("process_id", p.processId());
      row.put("running", d != null);
      row.put("deployment_id", d == null ? null : d.deploymentId());
      row.put("log_path", d == null ? null : d.logPath().toString());
      row.put("readiness", Map.of("ready", res.ready(), "reason", res.reason(), "probe", "verticle"));
      return row;
    });
  }

  /** The process ids of {@code pack} deployed in this process now (empty once it is down). */
  public List<String> running(PackSpec pack) {
    return pack.processes().stream().filter(p -> deployed.containsKey(key(pack, p))).map(ProcessSpec::processId)
        .toList();
  }

  /**
   * What this process runs of {@code pack} now, read-only (unlike {@link #status}, it writes nothing): pack id, state
   * (RUNNING, PARTIAL, STOPPED), each process with the run it serves, and where its state and status files are.
   */
  public Map<String, Object> describe(PackSpec pack) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ProcessSpec p : pack.processes()) {
      Deployed d = deployed.get(key(pack, p));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("process_id", p.processId());
      row.put("running", d != null);
      row.put("deployment_id", d == null ? null : d.deploymentId());
      row.put("platform_run_id", d == null ? null : d.runId());
      row.put("started_at_utc", d == null ? null : d.startedAtUtc());
      rows.add(row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("pack", pack.name());
    out.put("pack_id", pack.packId(profile));
    out.put("state", packState(rows));
    out.put("processes", rows);
    out.put("state_file", packDir(pack).resolve("state.json").toString());
    out.put("status_file", packDir(pack).resolve("status/last_status.json").toString());
    return out;
  }

  /** RUNNING when every process runs, STOPPED when none does (an empty pack too), else PARTIAL. */
  private static String packState(List<Map<String, Object>> rows) {
    long running = rows.stream().filter(r -> Boolean.TRUE.equals(r.get("running"))).count();
    return running == 0 ? "STOPPED" : running == rows.size() ? "RUNNING" : "PARTIAL";
  }

  private static boolean ready(Map<String, Object> row) {
    return Boolean.TRUE.equals(((Map<?, ?>) row.get("readiness")).get("ready"));
  }

  private void writeState(PackSpec pack, String runId) {
    Map<String, Object> processes = new LinkedHashMap<>();
    for (ProcessSpec p : pack.processes()) {
      Deployed d = deployed.get(key(pack, p));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("running", d != null);
      if (d != null) {
        row.put("deployment_id", d.deploymentId());
        row.put("started_at_utc", d.startedAtUtc());
        row.put("log_path", d.logPath().toString());
      } else {
        row.put("stopped_at_utc", Timestamps.now(clock));
      }
      row.put("jvm_pid", ProcessHandle.current().pid());
      processes.put(p.processId(), row);
    }
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("pack_id", pack.packId(profile));
    state.put("updated_at_utc", Timestamps.now(clock));
    state.put("active_platform_run_id", runId);
    state.put("jvm_pid", ProcessHandle.current().pid());
    state.put("processes", processes);
    JsonFiles.write(packDir(pack).resolve("state.json"), state);
  }

  private void event(PackSpec pack, String runId, String event, Map<String, Object> fields) {
    Map<String, Object> line = new LinkedHashMap<>(fields);
    line.put("ts_utc", Timestamps.now(clock));
    line.put("pack_id", pack.packId(profile));
    line.put("event", event);
    JsonFiles.appendLine(runPackDir(pack, runId).resolve("events.jsonl"), Json.writeSortedLine(line));
  }

  private String key(PackSpec pack, ProcessSpec p) {
    return pack.name() + "/" + p.processId();
  }

  private interface IoAction {
    void run() throws Exception;
  }

  private Future<Void> blocking(IoAction action) {
    return vertx.executeBlocking(() -> {
      action.run();
      return null;
    });
  }

  private <T> Future<T> blocking(java.util.concurrent.Callable<T> action) {
    return vertx.executeBlocking(action);
  }
}
