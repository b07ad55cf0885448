package dev.fp.rtdl;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Hashing;
import dev.fp.contract.Json;
import dev.fp.contract.PlatformRunIds;
import dev.fp.contract.Topics;
import dev.fp.platform.Catalog;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.SubstrateBootstrap;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.stream.CountersTable;
import dev.fp.platform.stream.core.Counters;
import dev.fp.rtdl.al.ActionLayer;
import dev.fp.rtdl.al.core.AlCounters;
import dev.fp.rtdl.al.store.AlTables;
import dev.fp.rtdl.df.DecisionFabric;
import dev.fp.rtdl.df.DfSamples;
import dev.fp.rtdl.df.core.DfCounters;
import dev.fp.rtdl.df.store.DfTables;
import dev.fp.rtdl.dla.DecisionLogAudit;
import dev.fp.rtdl.dla.core.Chain;
import dev.fp.rtdl.dla.core.DlaCounters;
import dev.fp.rtdl.dla.store.DlaTables;
import dev.fp.substrate.eventlog.EventLog;
import dev.fp.substrate.eventlog.LogRecord;
import dev.fp.substrate.eventlog.OutRecord;
import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.StateStore;
import dev.fp.substrate.state.StateStores;
import dev.fp.testing.CrashChildren;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision lane (IG, DF, AL, DLA in one child JVM, see {@link DecisionLaneCrashChild}) under SIGKILL at each of
 * its named windows: DF between deciding (ledger stored) and publishing, and between IG's answer and the commit; AL
 * between taking the intents in and recording their outcomes, and between IG's answer and the commit; DLA during
 * intake, before and after the audit writes. After a last run to the end, the run has the decisions, AL effects and
 * chains of a run that was never killed (the same lane over the same traffic in another folder): the same decision
 * per traffic event, one outcome per idempotency key, every chain resolved — and the rtdl topic holds each decision,
 * intent and outcome once (a re-publish is IG's DUPLICATE, not a second record). The audit topic is at-least-once by
 * design (see {@code AuditEffects}): its event ids are those of the reference run, a repeat is the same bytes. Each
 * profile's test says which substrate.
 */
abstract class DecisionLaneCrashTest {
  static final String RUN = DfSamples.RUN;
  static final int EVENTS = 150;
  /** Each point is reached early in its launch, while the lane still has work upstream of it (see the child). */
  static final List<String> KILLS = List.of("dla:after:2", "df:before:2", "al:after:2", "df:after:2", "al:before:2",
      "dla:before:2");
  static final String STREAM = "    read_batch_max: 6\n    poll_interval_ms: 20\n    lease_ttl_ms: 1000\n"
      + "    artifact_interval_ms: 1000\n";

  @TempDir
  Path killed;
  @TempDir
  Path reference;

  /** A fresh {@code substrate:} section (YAML) of the profile under test, "" for embedded. */
  abstract String substrate();

  @Test
  @Timeout(value = 900, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void shouldYieldTheChainsOfAnUninterruptedRunWithOneEffectPerKeyAfterKillsInEveryWindow() throws Exception {
    prepare(killed);
    prepare(reference);
    for (String point : KILLS) {
      runChild(killed, point);
    }
    runChild(killed, "none");
    runChild(reference, "none");
    Lane k = Lane.read(killed);
    Lane r = Lane.read(reference);

    assertThat(k.decisions).hasSize(EVENTS).isEqualTo(r.decisions);
    assertThat(k.decisions.values()).allMatch(d -> d.endsWith(":" + DfTables.PUBLISHED));
    assertThat(k.effects).hasSize(EVENTS).isEqualTo(r.effects);
    assertThat(k.outcomes).hasSize(EVENTS).isEqualTo(r.outcomes);
    assertThat(k.chains).hasSize(EVENTS).isEqualTo(r.chains);
    assertThat(k.chains.values()).allMatch(c -> c.contains(" decision on the topic: true []"));
    assertThat(k.auditsPerChain).hasSize(EVENTS).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));

    // the rtdl topic: each decision, intent and outcome once; one outcome per idempotency key
    for (String type : List.of("decision_response", "action_intent", "action_outcome")) {
      List<String> ids = k.rtdl.stream().filter(e -> type.equals(e.get("event_type")))
          .map(e -> (String) e.get("event_id")).toList();
      assertThat(ids).as(type).hasSize(EVENTS).doesNotHaveDuplicates();
    }
    assertThat(k.rtdl.stream().filter(e -> "action_outcome".equals(e.get("event_type")))
        .map(e -> ((Map<?, ?>) e.get("payload")).get("idempotency_key")).toList())
        .hasSize(EVENTS).doesNotHaveDuplicates();
    // the audit topic: the reference's events; a repeat (killed between the publish and the commit) is the same bytes
    assertThat(k.audit.keySet()).hasSize(EVENTS).hasSameSizeAs(r.audit.keySet());
    assertThat(k.audit.values()).allSatisfy(copies -> assertThat(copies).containsOnly(copies.get(0)));

    // every window was crossed: stored decisions and answered publishes repeated, the DLA append retried
    assertThat(k.df.get(DfCounters.DECISIONS)).isEqualTo(EVENTS);
    assertThat(k.df.get(DfCounters.PUBLISH_ADMIT) + k.df.get(DfCounters.PUBLISH_DUPLICATE)).isEqualTo(EVENTS);
    assertThat(k.df.get(DfCounters.INTENT_ADMIT) + k.df.get(DfCounters.INTENT_DUPLICATE)).isEqualTo(EVENTS);
    assertThat(k.df.get(DfCounters.REPUBLISHED)).isPositive();
    assertThat(k.df.get(DfCounters.PUBLISH_DUPLICATE)).isPositive();
    assertThat(k.al.get(AlCounters.INTAKE)).isEqualTo(EVENTS);
    assertThat(k.al.get(AlCounters.EXECUTED) + k.al.get(AlCounters.DENIED) + k.al.get(AlCounters.FAILED))
        .isEqualTo(EVENTS);
    assertThat(k.al.get(AlCounters.PUBLISH_DUPLICATE)).isPositive();
    assertThat(k.dla.get(DlaCounters.RESOLVED)).isEqualTo(EVENTS);
    assertThat(k.dla.get(DlaCounters.UNRESOLVED)).isZero();
    assertThat(k.dla.get(DlaCounters.QUARANTINE)).isZero();
    assertThat(k.dla.get(DlaCounters.REPLAY_DIVERGENCE)).isZero();
    assertThat(k.dla.get(DlaCounters.AUDIT_RECORDS)).isEqualTo(EVENTS);
  }

  /** Conf, keys and profile in {@code folder}; the run pinned; {@link #EVENTS} traffic events on the log. */
  private void prepare(Path folder) throws Exception {
    Files.createDirectories(folder.resolve("policies"));
    for (String p : List.of("class_map_v0.yaml", "partitioning_profiles_v0.yaml", "schema_policy_v0.yaml")) {
      Files.copy(Path.of("conf/policies").resolve(p), folder.resolve("policies").resolve(p));
    }
    for (String f : List.of("al/policy_v0.yaml", "df/registry_snapshot.yaml", "df/risk_policy.yaml")) {
      Files.createDirectories(folder.resolve(f).getParent());
      Files.copy(Path.of("conf").resolve(f), folder.resolve(f));
    }
    Files.writeString(folder.resolve("keys.txt"), String.join("\n",
        "k-df principal=SYSTEM::decision_fabric classes=rtdl_decision,rtdl_action_intent",
        "k-al principal=SYSTEM::action_layer classes=rtdl_action_outcome") + "\n");
    Files.writeString(folder.resolve("t.yaml"), "profile: t\nruns_root: " + folder.resolve("runs") + "\n"
        + substrate() + "http:\n  port: 0\nsecurity:\n  api_keys_file: keys.txt\n"
        + "components:\n  al:\n" + STREAM + "  dla:\n" + STREAM
        + "  df:\n" + STREAM + "    query_timeout_ms: 200\n    join_wait_budget_ms: 0\n");
    PlatformConfig cfg = ConfigLoader.load("t", folder, Map.of());
    PlatformRunIds.pin(cfg.runsRoot(), RUN);
    PlatformRuntime rt = await(PlatformRuntime.start(cfg, Clock.systemUTC(), Catalog.NONE));
    try {
      await(new SubstrateBootstrap(rt.substrate()).bootstrap());
      List<OutRecord> traffic = new ArrayList<>();
      for (int i = 0; i < EVENTS; i++) {
        traffic.add(new OutRecord("k" + i, CanonicalJson.write(DfSamples.traffic(i, 100 + i, 10.0 + i))));
      }
      await(rt.substrate().eventLog().publish(Topics.TRAFFIC_FRAUD, traffic));
    } finally {
      await(rt.shutdown());
    }
  }

  /** Runs the lane until {@code point} (for {@code none}: until every event has its decision, outcome and audit). */
  private static void runChild(Path folder, String point) throws Exception {
    CrashChildren.runChild(DecisionLaneCrashChild.class, folder, RUN, point,
        "PROGRESS " + EVENTS + " " + EVENTS + " " + EVENTS);
  }

  /** What a lane left in {@code folder}: tables, counters and topics, reduced to what must not depend on timing. */
  record Lane(Map<String, String> decisions, Map<String, String> effects, Map<String, String> outcomes,
              Map<String, String> chains, Map<String, Integer> auditsPerChain, List<Map<String, Object>> rtdl,
              Map<String, List<String>> audit, Counters df, Counters al, Counters dla) {

    static Lane read(Path folder) throws Exception {
      PlatformRuntime rt = await(PlatformRuntime.start(ConfigLoader.load("t", folder, Map.of()), Clock.systemUTC(),
          Catalog.NONE));
      try {
        StateStore s = await(rt.substrate().stateStore());
        EventLog log = rt.substrate().eventLog();
        List<Map<String, Object>> rtdl = new ArrayList<>();
        Map<String, String> decided = new TreeMap<>();
        for (LogRecord rec : CrashChildren.records(log, Topics.RTDL)) {
          Map<String, Object> e = Json.readObject(rec.data());
          rtdl.add(e);
          if ("decision_response".equals(e.get("event_type"))) {
            decided.put((String) ((Map<?, ?>) e.get("payload")).get("decision_id"), Hashing.canonicalHash(e));
          }
        }
        Map<String, String> chains = new TreeMap<>();
        Map<String, Integer> audits = new TreeMap<>();
        for (var kv : scan(s, DlaTables.CHAINS, DlaTables.runPrefix(RUN))) {
          Chain c = kv.value();
          // where each event was read differs between runs (the interleaving on the topic), what was read does not;
          // a decision carries its traffic event's publish time (of each folder's own log): it must be the decision
          // on this run's topic
          chains.put(c.decisionId(), c.decisionEventId() + " decision on the topic: "
              + c.decisionPayloadHash().equals(decided.get(c.decisionId())) + " " + c.unresolved()
              + " intents " + mapValues(c.intents(), l -> l.eventId() + "/" + l.payloadHash())
              + " outcomes " + mapValues(c.outcomes(), o -> o.actionId() + "/" + o.status() + "/" + o.eventId()
              + "/" + o.payloadHash()));
          audits.put(c.decisionId(), c.auditIds().size());
        }
        Map<String, List<String>> audit = new TreeMap<>();
        for (LogRecord rec : CrashChildren.records(log, Topics.AUDIT)) {
          audit.computeIfAbsent((String) Json.readObject(rec.data()).get("event_id"), id -> new ArrayList<>())
              .add(rec.data());
        }
        return new Lane(
            toMap(scan(s, DfTables.LEDGER, DfTables.runPrefix(RUN)), kv -> kv.key().eventId(),
                kv -> kv.value().decisionId() + ":" + kv.value().actionKind() + ":" + kv.value().status()),
            toMap(scan(s, AlTables.LEDGER, AlTables.runPrefix(RUN)), kv -> kv.value().idempotencyKey(),
                kv -> kv.value().actionId() + ":" + kv.value().outcomeId() + ":" + kv.value().status()),
            toMap(scan(s, AlTables.OUTCOMES, AlTables.runPrefix(RUN)), kv -> kv.key().outcomeId(),
                kv -> kv.value().decisionId() + ":" + kv.value().status() + ":" + kv.value().envelopeHash()),
            chains, audits, rtdl, audit,
            await(CountersTable.read(s, RUN, DecisionFabric.NAME, DfCounters.ALL)),
            await(CountersTable.read(s, RUN, ActionLayer.NAME, AlCounters.ALL)),
            await(CountersTable.read(s, RUN, DecisionLogAudit.NAME, DlaCounters.ALL)));
      } finally {
        await(rt.shutdown());
      }
    }

    private static <K, V> List<dev.fp.substrate.state.KeyValue<K, V>> scan(StateStore s,
                                                                         dev.fp.substrate.state.Table<K, V> t,
                                                                         byte[] prefix) throws Exception {
      return await(s.scan(t, KeyRange.prefix(prefix), StateStores.MAX_SCAN_LIMIT));
    }

    private static <T> Map<String, String> toMap(List<T> rows, Function<T, String> key, Function<T, String> value) {
      Map<String, String> out = new HashMap<>();
      rows.forEach(r -> assertThat(out.put(key.apply(r), value.apply(r))).as("one row per key").isNull());
      return out;
    }

    private static <V> Map<String, String> mapValues(Map<String, V> m, Function<V, String> f) {
      Map<String, String> out = new TreeMap<>();
      m.forEach((k, v) -> out.put(k, f.apply(v)));
      return out;
    }
  }
}
