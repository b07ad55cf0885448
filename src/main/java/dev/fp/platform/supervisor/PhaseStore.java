package dev.fp.platform.supervisor;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.fp.contract.Json;
import dev.fp.contract.Timestamps;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.config.ConfigDigest;
import dev.fp.substrate.sql.Db;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Durable supervisor state: the run registry ({@code platform_runs}) and one row per phase
 * ({@code supervisor_phases}), mirrored to {@code runs/fraud-platform/<run>/supervisor/phases.json}; every transition
 * is also appended to {@code supervisor/events.jsonl}.
 */
public final class PhaseStore {
  private static final TypeReference<List<GateCheck>> CHECKS = new TypeReference<>() {
  };
  private final Vertx vertx;
  private final Db db;
  private final Path platformRoot;
  private final Clock clock;

  public PhaseStore(Vertx vertx, Db db, Path platformRoot, Clock clock) {
    this.vertx = vertx;
    this.db = db;
    this.platformRoot = platformRoot;
    this.clock = clock;
  }

  /** Registers the run (idempotent: an existing row is kept). */
  public Future<Void> createRun(RunContext run) {
    String now = Timestamps.now(clock);
    RunOptions o = run.options();
    return db.query("INSERT INTO platform_runs (platform_run_id, profile, config_digest, cap_per_output, mode, status, "
            + "created_at_utc, updated_at_utc) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
            + "ON CONFLICT (platform_run_id) DO NOTHING",
        Tuple.of(run.runId(), run.config().profile(), ConfigDigest.of(run.config()), o.capPerOutput(), o.mode(),
            "RUNNING", now, now)).mapEmpty();
  }

  /** The stored run row, or null. */
  public Future<Map<String, Object>> run(String runId) {
    return db.query("SELECT * FROM platform_runs WHERE platform_run_id = $1", Tuple.of(runId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().toJson().getMap());
  }

  /** The stored runs, newest first, at most {@code limit}. */
  public Future<List<Map<String, Object>>> runs(int limit) {
    return db.query("SELECT * FROM platform_runs ORDER BY created_at_utc DESC, platform_run_id DESC LIMIT $1",
        Tuple.of(limit)).map(rows -> {
          List<Map<String, Object>> out = new java.util.ArrayList<>();
          rows.forEach(row -> out.add(row.toJson().getMap()));
          return out;
        });
  }

  public Future<Void> setRunStatus(String runId, String status) {
    return db.query("UPDATE platform_runs SET status = $1, updated_at_utc = $2 WHERE platform_run_id = $3",
        Tuple.of(status, Timestamps.now(clock), runId)).mapEmpty();
  }

  /** Upserts the phase row, then rewrites phases.json and appends the transition. */
  public Future<Void> save(String runId, PhaseRecord r, Map<Phase, PhaseRecord> all) {
    return db.query("INSERT INTO supervisor_phases (platform_run_id, phase, state, attempts, entered_at_utc, "
            + "exited_at_utc, duration_ms, commit_evidence_ref, gate_checks, failure) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (platform_run_id, phase) DO UPDATE SET "
            + "state = excluded.state, attempts = excluded.attempts, entered_at_utc = excluded.entered_at_utc, "
            + "exited_at_utc = excluded.exited_at_utc, duration_ms = excluded.duration_ms, "
            + "commit_evidence_ref = excluded.commit_evidence_ref, gate_checks = excluded.gate_checks, "
            + "failure = excluded.failure",
        Tuple.tuple().addString(runId).addString(r.phase().name()).addString(r.state().name())
            .addInteger(r.attempts()).addString(r.enteredAtUtc()).addString(r.exitedAtUtc())
            .addLong(r.durationMs()).addString(r.commitEvidenceRef()).addValue(checksJson(r.checks()))
            .addString(r.failure()))
        .compose(v -> vertx.executeBlocking(() -> {
          Path dir = platformRoot.resolve(runId).resolve("supervisor");
          JsonFiles.write(dir.resolve("phases.json"), snapshot(runId, all));
          Map<String, Object> event = new LinkedHashMap<>();
          event.put("ts_utc", Timestamps.now(clock));
          event.put("platform_run_id", runId);
          event.put("phase", r.phase().name());
          event.put("state", r.state().name());
          event.put("attempts", r.attempts());
          JsonFiles.appendLine(dir.resolve("events.jsonl"), Json.write(event));
          return null;
        }));
  }

  /** Every stored phase of the run, PENDING for the rest. */
  public Future<Map<Phase, PhaseRecord>> load(String runId) {
    return db.query("SELECT * FROM supervisor_phases WHERE platform_run_id = $1", Tuple.of(runId)).map(rows -> {
      Map<Phase, PhaseRecord> out = new EnumMap<>(Phase.class);
      for (Phase p : Phase.values()) {
        out.put(p, PhaseRecord.pending(p));
      }
      for (Row row : rows) {
        PhaseRecord r = fromRow(row);
        out.put(r.phase(), r);
      }
      return out;
    });
  }

  private static PhaseRecord fromRow(Row row) {
    Object checks = row.getValue("gate_checks");
    return new PhaseRecord(Phase.valueOf(row.getString("phase")), PhaseState.valueOf(row.getString("state")),
        row.getInteger("attempts"), row.getString("entered_at_utc"), row.getString("exited_at_utc"),
        row.getLong("duration_ms"), row.getString("commit_evidence_ref"), parseChecks(checks),
        row.getString("failure"));
  }

  private static List<GateCheck> parseChecks(Object stored) {
    if (stored == null) {
      return List.of();
    }
    try {
      return Json.read(stored.toString(), CHECKS);
    } catch (IOException e) {
      throw new IllegalStateException("corrupt gate_checks column: " + e.getMessage(), e);
    }
  }

  private Object checksJson(List<GateCheck> checks) {
    String text = Json.write(checks);
    return db.dialect().name().equals("postgres") ? new io.vertx.core.json.JsonArray(text) : text;
  }

  /** phases.json content: every phase with its state, attempts, timings, evidence and checks. */
  public static Map<String, Object> snapshot(String runId, Map<Phase, PhaseRecord> all) {
    Map<String, Object> phases = new LinkedHashMap<>();
    for (PhaseRecord r : all.values()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("title", r.phase().title());
      p.put("state", r.state().name());
      p.put("attempts", r.attempts());
      p.put("entered_at_utc", r.enteredAtUtc());
      p.put("exited_at_utc", r.exitedAtUtc());
      p.put("duration_ms", r.durationMs());
      p.put("commit_evidence_ref", r.commitEvidenceRef());
      p.put("gate_checks", r.checks());
      p.put("failure", r.failure());
      phases.put(r.phase().name(), p);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("platform_run_id", runId);
    out.put("phases", phases);
    return out;
  }
}
