package dev.fp.rtdl.dl;

import dev.fp.contract.Json;
import dev.fp.contract.Timestamps;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.query.PostureQueryClient;
import dev.fp.platform.stream.CountersTable;
import dev.fp.platform.stream.StreamPlatform;
import dev.fp.rtdl.dl.core.Mode;
import dev.fp.rtdl.dl.core.Posture;
import dev.fp.rtdl.dl.store.DlTables;
import dev.fp.substrate.eventlog.LeaseHeldException;
import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.WriteBatch;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.fp.platform.stream.StreamPlatform.eventually;
import static dev.fp.testing.Await.await;
import static dev.fp.testing.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** The Degrade Ladder verticle on a real StateStore; each profile's test says which one. */
abstract class DegradeLadderContractTest {
  static final String RUN = "platform_20261206T120000Z";
  static final Duration WITHIN = Duration.ofSeconds(30);
  static final String SCOPE = PostureQueryClient.GLOBAL_SCOPE;

  @TempDir
  Path dir;
  StreamPlatform platform;
  final List<String> deployments = new ArrayList<>();

  abstract StreamPlatform open(Path dir, String components) throws Exception;

  @AfterEach
  void stop() throws Exception {
    for (String d : deployments) {
      await(platform.runtime.vertx().undeploy(d));
    }
    platform.close();
  }

  /** The shipped policy with two required signals, one optional, and a one-second quiet period and grace. */
  void start() throws Exception {
    Map<String, Object> policy = new LinkedHashMap<>(Json.readYamlObject(
        Files.readAllBytes(Path.of("conf/dl/policy_v0.yaml"))));
    policy.put("required_signals", List.of("ofp_health", "posture_store_health"));
    policy.put("optional_signals", List.of("ig_health"));
    policy.put("upshift_quiet_period_seconds", 1);
    policy.put("bootstrap_grace_seconds", 1);
    Path file = dir.resolve("dl_policy.yaml");
    Files.writeString(file, Json.write(policy), StandardCharsets.UTF_8);
    platform = open(dir, "components:\n  dl:\n    poll_interval_ms: 50\n    policy_file: " + file + "\n");
  }

  String deploy() throws Exception {
    String id = await(platform.runtime.vertx().deployVerticle(new DegradeLadderVerticle(platform.services, RUN)));
    deployments.add(id);
    return id;
  }

  void undeploy() throws Exception {
    await(platform.runtime.vertx().undeploy(deployments.remove(deployments.size() - 1)));
  }

  Path runRoot() {
    return platform.services.config().platformRoot().resolve(RUN);
  }

  void health(String component, String state) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("generated_at_utc", Timestamps.format(Instant.now()));
    doc.put("platform_run_id", RUN);
    doc.put("health_state", state);
    doc.put("health_reasons", List.of());
    JsonFiles.write(runRoot().resolve(component).resolve("health/last_health.json"), doc);
  }

  JsonObject served() throws Exception {
    return await(new PostureQueryClient(platform.runtime.vertx(), RUN, Duration.ofSeconds(5))
        .current(SCOPE, Instant.now(), PostureQueryClient.DEFAULT_MAX_AGE));
  }

  String servedMode() {
    try {
      return served().getJsonObject("posture").getString("mode");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  List<String> controlEvents() throws Exception {
    Path f = runRoot().resolve("degrade_ladder/control_events.jsonl");
    return Files.isRegularFile(f) ? Files.readAllLines(f) : List.of();
  }

  @SuppressWarnings("unchecked")
  String changeKindOf(String line) throws Exception {
    return String.valueOf(((Map<String, Object>) Json.readObject(line).get("payload")).get("change_kind"));
  }

  @Test
  void shouldServeThePostureFollowTheSignalsAndRecordEachChangeOnce() throws Exception {
    start();
    health("online_feature_plane", "GREEN");
    health("ingestion_gate", "GREEN");
    deploy();
    eventually(WITHIN, "NORMAL served", () -> "NORMAL".equals(servedMode()));
    JsonObject normal = served();
    assertThat(normal.getString("source")).isEqualTo("CURRENT_POSTURE");
    assertThat(normal.getString("trust")).isEqualTo("TRUSTED");
    assertThat(normal.getJsonObject("posture").getJsonObject("capabilities_mask").getBoolean("allow_ieg")).isTrue();
    assertThat(normal.getJsonObject("posture").getJsonObject("policy_rev").getString("policy_id"))
        .isEqualTo("dl.policy.v0");

    health("online_feature_plane", "RED");
    eventually(WITHIN, "FAIL_CLOSED served", () -> "FAIL_CLOSED".equals(servedMode()));
    assertThat(served().getJsonObject("posture").getString("reason"))
        .startsWith("baseline=FAIL_CLOSED;why=required_signal_gap:ofp_health;transition=downshift:NORMAL->FAIL_CLOSED");

    health("online_feature_plane", "GREEN");
    eventually(WITHIN, "NORMAL again after the quiet period", () -> "NORMAL".equals(servedMode()));
    eventually(WITHIN, "three control events", () -> {
      try {
        return controlEvents().size() == 3;
      } catch (Exception e) {
        return false;
      }
    });
    List<String> kinds = new ArrayList<>();
    for (String line : controlEvents()) {
      kinds.add(changeKindOf(line));
    }
    assertThat(kinds).containsExactly(Posture.INITIAL, Posture.MODE_CHANGE, Posture.MODE_CHANGE);

    long seqBefore = served().getJsonObject("posture").getLong("posture_seq");
    undeploy();
    Map<String, Long> counters = await(platform.state().get(CountersTable.TABLE,
        new CountersTable.Key(RUN, DegradeLadder.NAME)));
    assertThat(counters.get("posture_transitions_total")).isEqualTo(2);
    assertThat(counters.get("forced_fail_closed_total")).isEqualTo(1);
    assertThat(counters.get("evaluations_total")).isGreaterThanOrEqualTo(3);

    deploy();
    eventually(WITHIN, "posture_seq continues after a restart", () -> {
      try {
        return served().getJsonObject("posture").getLong("posture_seq") > seqBefore;
      } catch (Exception e) {
        return false;
      }
    });
    assertThat(servedMode()).isEqualTo("NORMAL");
    assertThat(controlEvents()).hasSize(3);
    assertThat(await(platform.state().scan(DlTables.HISTORY, KeyRange.prefix(DlTables.historyPrefix(RUN, SCOPE)),
        100))).hasSize(3).allMatch(r -> r.value().published());
    Map<String, Object> dlHealth = JsonFiles.read(runRoot().resolve("degrade_ladder/health/last_health.json"));
    assertThat(dlHealth).containsEntry("decision_mode", "NORMAL").containsEntry("health_state", "GREEN");
  }

  @Test
  void shouldAppendAControlEventACrashLeftUnwrittenOnlyOnce() throws Exception {
    start();
    health("online_feature_plane", "GREEN");
    health("ingestion_gate", "GREEN");
    deploy();
    eventually(WITHIN, "NORMAL served", () -> "NORMAL".equals(servedMode()));
    undeploy();
    // as if the process died between committing a mode change and appending its control event
    Posture last = await(platform.state().get(DlTables.CURRENT, new DlTables.ScopeKey(RUN, SCOPE)));
    Posture unwritten = new Posture(SCOPE, Mode.DEGRADED_1, last.postureSeq() + 1, last.decidedAtUtc(), "crash test",
        Mode.DEGRADED_1, 0, Posture.MODE_CHANGE, last.signalStates(), last.snapshotDigest(), last.capabilities(),
        last.policyId(), last.policyRevision(), last.policyContentDigest());
    await(platform.state().commit(new WriteBatch()
        .put(DlTables.CURRENT, new DlTables.ScopeKey(RUN, SCOPE), unwritten)
        .put(DlTables.HISTORY, new DlTables.HistoryKey(RUN, SCOPE, unwritten.postureSeq()),
            new DlTables.HistoryEntry(unwritten, false))));
    assertThat(controlEvents()).hasSize(1);

    deploy();
    eventually(WITHIN, "the lost event appended", () -> {
      try {
        return controlEvents().size() >= 2;
      } catch (Exception e) {
        return false;
      }
    });
    undeploy();
    deploy();                                   // a second start finds it published: no duplicate line
    eventually(WITHIN, "NORMAL served", () -> "NORMAL".equals(servedMode()));
    List<String> ids = new ArrayList<>();
    for (String line : controlEvents()) {
      ids.add(String.valueOf(Json.readObject(line).get("event_id")));
    }
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(ids).contains(ControlEvents.eventId(RUN, unwritten));
  }

  @Test
  void shouldRefuseASecondLadderForTheRunAndFailClosedWithoutOne() throws Exception {
    start();
    JsonObject none = served();
    assertThat(none.getString("source")).isEqualTo("FAILSAFE_UNREACHABLE");
    assertThat(none.getString("trust")).isEqualTo("UNTRUSTED");
    assertThat(none.getJsonObject("posture").getString("mode")).isEqualTo("FAIL_CLOSED");

    deploy();
    Throwable second = failure(platform.runtime.vertx().deployVerticle(
        new DegradeLadderVerticle(platform.services, RUN)));
    assertThat(second).isInstanceOf(LeaseHeldException.class);
    // no signal files at all: OK during the one-second grace, FAIL_CLOSED after it
    eventually(WITHIN, "FAIL_CLOSED once the grace is over", () -> "FAIL_CLOSED".equals(servedMode()));
  }
}
