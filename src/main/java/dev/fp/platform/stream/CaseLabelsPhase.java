package dev.fp.platform.stream;

import dev.fp.contract.Json;
import dev.fp.contract.Timestamps;
import dev.fp.contract.Topics;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.health.HealthArtifacts;
import dev.fp.platform.health.HealthReport;
import dev.fp.platform.health.HealthState;
import dev.fp.platform.pack.PackManager;
import dev.fp.platform.pack.PackSpec;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.Phase;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.substrate.eventlog.EventLog;
import dev.fp.substrate.eventlog.LogRecord;
import dev.fp.substrate.eventlog.Position;
import io.vertx.core.Future;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * P10 CASE_LABELS_COMMITTED. Entry: start (or confirm) the {@code case_labels} pack. Exit gate: the deciders (CT)
 * have reached the end of {@code fp.bus.rtdl.v1} — final once P9 passed; then the followers (CM) have reached the end
 * of {@code fp.bus.case.v1} as it stands once the deciders are done, measured again until it stops moving; the case
 * topic holds this run's triggers, each once; every member — consumers and services (LS) — writes GREEN health; the
 * seed's gate counters are positive ({@code case_trigger.triggers_seen}, {@code case_mgmt.cases_created},
 * {@code label_store.accepted}, read from each component's {@code metrics/last_metrics.json}); and each member's own
 * closeout checks pass. Waits while the members make progress ({@link CatchUpBounds}:
 * {@code components.supervisor.p10_stall_seconds}, ceiling {@code p10_timeout_seconds}). Commit evidence:
 * {@code runs/fraud-platform/<run>/}{@value #EVIDENCE}.
 */
public final class CaseLabelsPhase extends PackCatchUpPhase {
  static final String EVIDENCE = "supervisor/p10_case_labels_committed.json";
  /** The seed's P10 gate counters (case_ops_obs §7): component folder → counter that must be > 0. */
  static final Map<String, String> GATE_COUNTERS = gateCounters();
  private static final int READ_MAX = 1_000;

  private final List<Projector> deciders;
  private final List<Projector> followers;
  private final List<ServiceMember> services;

  /** This run's case triggers on the case topic: how many records, and the event ids seen more than once. */
  record TopicTriggers(long records, Set<String> ids, List<String> doubled) {
  }

  /**
   * @param deciders  members that consume {@code fp.bus.rtdl.v1} and publish triggers (CT)
   * @param followers members that consume {@code fp.bus.case.v1} (CM)
   * @param services  members without a consumer (LS)
   */
  public CaseLabelsPhase(PackManager packs, PackSpec pack, List<Projector> deciders, List<Projector> followers,
                         List<ServiceMember> services, CatchUpBounds bounds) {
    super(packs, pack, bounds, EVIDENCE);
    this.deciders = List.copyOf(deciders);
    this.followers = List.copyOf(followers);
    this.services = List.copyOf(services);
  }

  @Override
  public Phase phase() { return Phase.P10; }

  /**
   * Polls until every consumer has reached its end and every member has written health since the gate first saw
   * them caught up (again after any look that was not): a health file from before that moment may describe a passing
   * state (a publish round retried while IG restarted) rather than the final one.
   */
  @Override
  public Future<List<GateCheck>> gate(RunContext run) {
    AtomicReference<String> caughtUpAt = new AtomicReference<>();
    return run.substrate().stateStore()
        .compose(store -> end(run, Topics.RTDL).compose(rtdl -> waitFor(run,
            () -> staged(run, store, deciders, rtdl, followers, Topics.CASE),
            standing -> {
              if (!standing.caughtUp()) {
                caughtUpAt.set(null);
                return Future.succeededFuture(false);
              }
              caughtUpAt.compareAndSet(null, Timestamps.now(run.clock()));
              return healthWrittenSince(run, caughtUpAt.get());
            })))
        .compose(waited -> caseTopic(run).compose(triggers -> checks(run, waited, triggers)));
  }

  /** Whether every member's health file was generated at or after {@code since} (wire timestamps sort as text). */
  private Future<Boolean> healthWrittenSince(RunContext run, String since) {
    return run.vertx().executeBlocking(() -> directories().stream().allMatch(d -> {
      Path file = run.runRoot().resolve(d).resolve("health/last_health.json");
      return Files.isRegularFile(file) && JsonFiles.read(file).get("generated_at_utc") instanceof String at
          && at.compareTo(since) >= 0;
    }));
  }

  /** Reads the whole case topic (every partition from trim_horizon) and keeps this run's case triggers. */
  static Future<TopicTriggers> caseTopic(RunContext run) {
    EventLog log = run.substrate().eventLog();
    return log.partitions(Topics.CASE).compose(n -> {
      TopicTriggers acc = new TopicTriggers(0, new HashSet<>(), new ArrayList<>());
      Future<TopicTriggers> chain = Future.succeededFuture(acc);
      for (int p = 0; p < n; p++) {
        int partition = p;
        chain = chain.compose(t -> readPartition(log, partition, Position.trimHorizon(), run.runId(), t));
      }
      return chain;
    });
  }

  private static Future<TopicTriggers> readPartition(EventLog log, int partition, Position from, String runId,
                                                     TopicTriggers acc) {
    return log.read(Topics.CASE, partition, from, READ_MAX).compose(batch -> {
      if (batch.records().isEmpty()) {
        return Future.succeededFuture(acc);
      }
      long records = acc.records();
      for (LogRecord r : batch.records()) {
        Map<String, Object> e;
        try {
          e = Json.readObject(r.data());
        } catch (IOException err) {
          continue;               // not a trigger of this run; CM's gate counts undecodable records
        }
        if ("case_trigger".equals(e.get("event_type")) && runId.equals(e.get("platform_run_id"))) {
          records++;
          String id = String.valueOf(e.get("event_id"));
          if (!acc.ids().add(id)) {
            acc.doubled().add(id);
          }
        }
      }
      return readPartition(log, partition, batch.next(), runId, new TopicTriggers(records, acc.ids(),
          acc.doubled()));
    });
  }

  private Future<List<GateCheck>> checks(RunContext run, Waited waited, TopicTriggers triggers) {
    Standing standing = waited.last();
    List<GateCheck> checks = checkpointChecks(run, waited, deciders, "at or after the rtdl topic's end",
        "at or after the case topic's end once the deciders are done", "the case plane");
    checks.add(GateCheck.of(triggers.records() > 0 && triggers.doubled().isEmpty(), "case_topic_triggers",
        Topics.CASE + " (every partition, this run's case_trigger records)", "> 0, each event_id once",
        triggers.records() + " record(s), " + triggers.ids().size() + " distinct"
            + (triggers.doubled().isEmpty() ? "" : ", doubled: " + triggers.doubled()),
        "no trigger reached the case topic or one was published twice: read case_trigger_worker.log and "
            + "case_trigger/reconciliation"));
    return run.vertx().executeBlocking(() -> artifactChecks(run))
        .compose(found -> {
          checks.addAll(found);
          List<Future<List<GateCheck>>> own = new ArrayList<>();
          concat(deciders, followers).forEach(p -> own.add(p.closeout().apply(run)));
          services.forEach(s -> own.add(s.closeout().apply(run)));
          return Future.all(own).map(all -> {
            own.forEach(f -> checks.addAll(f.result()));
            return null;
          });
        })
        .compose(v -> run.vertx().executeBlocking(() -> {
          writeEvidence(run, standing, triggers);
          return checks;
        }));
  }

  /** Health GREEN for every member, and the seed's gate counters from the metrics files. Blocking. */
  private List<GateCheck> artifactChecks(RunContext run) {
    HealthArtifacts artifacts = new HealthArtifacts(run.config().platformRoot(), run.clock());
    List<GateCheck> out = new ArrayList<>();
    Map<String, String> processes = new LinkedHashMap<>();
    concat(deciders, followers).forEach(p -> processes.put(p.directory(), p.process().processId()));
    services.forEach(s -> processes.put(s.directory(), s.process().processId()));
    processes.forEach((directory, process) -> {
      HealthReport h = artifacts.read(run.runId(), directory);
      out.add(GateCheck.of(h.state() == HealthState.GREEN, "health_green:" + process,
          run.runRoot().resolve(directory).resolve("health/last_health.json").toString(), "GREEN",
          h.state() + " " + h.reasons(), "read the health reasons and the process log of " + process));
    });
    GATE_COUNTERS.forEach((directory, counter) -> {
      Path file = run.runRoot().resolve(directory).resolve("metrics/last_metrics.json");
      Object value = Files.isRegularFile(file) && JsonFiles.read(file).get("metrics") instanceof Map<?, ?> m
          ? m.get(counter) : null;
      boolean ok = value instanceof Number v && v.longValue() > 0;
      out.add(GateCheck.of(ok, "gate_counter:" + directory + "." + counter, file.toString(), "metrics." + counter
          + " > 0", value == null ? "missing" : String.valueOf(value), "the " + directory + " component did not "
          + "report " + counter + ": is it in the case_labels pack (fp status) and did it run for this run?"));
    });
    return out;
  }

  private void writeEvidence(RunContext run, Standing standing, TopicTriggers triggers) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (CaughtUpPhase.Progress p : standing.progress()) {
      rows.add(evidenceRow(run, p));
    }
    for (ServiceMember s : services) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("process_id", s.process().processId());
      row.put("health", run.runRoot().resolve(s.directory()).resolve("health/last_health.json").toString());
      rows.add(row);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("platform_run_id", run.runId());
    doc.put("generated_at_utc", Timestamps.now(run.clock()));
    doc.put("case_end_offsets", endsEvidence(standing.followedEnd()));
    doc.put("case_topic_triggers", triggers.records());
    doc.put("case_topic_distinct_triggers", triggers.ids().size());
    doc.put("members", rows);
    JsonFiles.write(run.runRoot().resolve(EVIDENCE), doc);
  }

  private List<String> directories() {
    List<String> out = new ArrayList<>();
    concat(deciders, followers).forEach(p -> out.add(p.directory()));
    services.forEach(s -> out.add(s.directory()));
    return out;
  }

  private static Map<String, String> gateCounters() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("case_trigger", "triggers_seen");
    m.put("case_mgmt", "cases_created");
    m.put("label_store", "accepted");
    return m;
  }
}
