package dev.fp.caselabels.ct;

import dev.fp.caselabels.ct.core.CtCounters;
import dev.fp.caselabels.ct.core.TriggerPolicy;
import dev.fp.caselabels.ct.store.CtTables;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CT (with IG, in one child JVM, see {@link CaseTriggerCrashChild}) under SIGKILL at its windows: after deriving a
 * batch's triggers and before publishing them, and after IG answered for them and before the commit. After a last run
 * to the end, the run has the triggers of a run that was never killed (the same CT over the same rtdl records in
 * another folder): the same replay ledger, every trigger admitted (ADMIT, or DUPLICATE for one IG had admitted before
 * the kill), and the case topic holds each trigger once with the reference's payload — none lost, none doubled. Each
 * profile's test says which substrate.
 */
abstract class CaseTriggerCrashTest {
  static final String RUN = CtSamples.RUN;
  /** Decisions and as many outcomes: escalations and action failures, outcomes after their decisions. */
  static final int N = 60;
  static final List<String> KILLS = List.of("ct:after:2", "ct:before:2", "ct:after:3", "ct:before:3");

  @TempDir
  Path killed;
  @TempDir
  Path reference;

  /** A fresh {@code substrate:} section (YAML) of the profile under test, "" for embedded. */
  abstract String substrate();

  @Test
  @Timeout(value = 600, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void shouldPublishEveryTriggerOnceAndKeepTheSameCasesAfterKillsInEveryWindow() throws Exception {
    prepare(killed);
    prepare(reference);
    Set<String> expected = CaseTriggerContractTest.expectedTriggers(TriggerPolicy.parse(Json.readYamlObject(
        Files.readAllBytes(Path.of("conf/ct/trigger_policy_v0.yaml")))), N);
    String done = "PROGRESS " + expected.size();
    for (String point : KILLS) {
      CrashChildren.runChild(CaseTriggerCrashChild.class, killed, RUN, point, done);
    }
    CrashChildren.runChild(CaseTriggerCrashChild.class, killed, RUN, "none", done);
    CrashChildren.runChild(CaseTriggerCrashChild.class, reference, RUN, "none", done);
    Triggers k = Triggers.read(killed);
    Triggers r = Triggers.read(reference);

    assertThat(k.ledger).hasSize(expected.size()).isEqualTo(r.ledger);
    assertThat(k.ledger.keySet()).isEqualTo(expected);
    assertThat(k.published).hasSize(expected.size()).allSatisfy((id, decision) -> assertThat(decision).as(id)
        .isIn("ADMIT", "DUPLICATE"));
    // the case topic: each trigger once, with the payload of the run that was never killed
    assertThat(k.topicIds).hasSize(expected.size()).doesNotHaveDuplicates();
    assertThat(k.topic).isEqualTo(r.topic);
    // every window was crossed: an answered publish was repeated after a kill and IG called it a duplicate
    assertThat(k.ct.get(CtCounters.PUBLISHED) + k.ct.get(CtCounters.DUPLICATES)).isEqualTo(expected.size());
    assertThat(k.ct.get(CtCounters.DUPLICATES)).isPositive();
    assertThat(k.ct.get(CtCounters.QUARANTINE) + k.ct.get(CtCounters.PUBLISH_REJECTED)
        + k.ct.get(CtCounters.PAYLOAD_MISMATCH)).isZero();
  }

  /** Conf, keys and profile in {@code folder}; the run pinned; the decisions and outcomes on the rtdl topic. */
  private void prepare(Path folder) throws Exception {
    Files.createDirectories(folder.resolve("policies"));
    for (String p : List.of("class_map_v0.yaml", "partitioning_profiles_v0.yaml", "schema_policy_v0.yaml")) {
      Files.copy(Path.of("conf/policies").resolve(p), folder.resolve("policies").resolve(p));
    }
    Files.createDirectories(folder.resolve("ct"));
    Files.copy(Path.of("conf/ct/trigger_policy_v0.yaml"), folder.resolve("ct/trigger_policy_v0.yaml"));
    Files.writeString(folder.resolve("keys.txt"), CaseTriggerContractTest.CT_KEY + "\n");
    Files.writeString(folder.resolve("t.yaml"), "profile: t\nruns_root: " + folder.resolve("runs") + "\n"
        + substrate() + "http:\n  port: 0\nsecurity:\n  api_keys_file: keys.txt\n"
        + "components:\n  ct:\n    read_batch_max: 6\n    poll_interval_ms: 20\n    lease_ttl_ms: 1000\n"
        + "    artifact_interval_ms: 1000\n");
    PlatformConfig cfg = ConfigLoader.load("t", folder, Map.of());
    PlatformRunIds.pin(cfg.runsRoot(), RUN);
    PlatformRuntime rt = await(PlatformRuntime.start(cfg, Clock.systemUTC(), Catalog.NONE));
    try {
      await(new SubstrateBootstrap(rt.substrate()).bootstrap());
      List<OutRecord> records = new ArrayList<>();
      List<Map<String, Object>> events = new ArrayList<>(CaseTriggerContractTest.decisions(N));
      events.addAll(CaseTriggerContractTest.outcomes(N));
      for (Map<String, Object> e : events) {
        records.add(new OutRecord(String.valueOf(e.get("event_id")), CanonicalJson.write(e)));
      }
      await(rt.substrate().eventLog().publish(Topics.RTDL, records));
    } finally {
      await(rt.shutdown());
    }
  }

  /** What CT left in {@code folder}, reduced to what must not depend on where it was killed. */
  record Triggers(Map<String, String> ledger, Map<String, String> published, List<String> topicIds,
                  Map<String, String> topic, Counters ct) {

    static Triggers read(Path folder) throws Exception {
      PlatformRuntime rt = await(PlatformRuntime.start(ConfigLoader.load("t", folder, Map.of()), Clock.systemUTC(),
          Catalog.NONE));
      try {
        StateStore s = await(rt.substrate().stateStore());
        Map<String, String> ledger = new TreeMap<>();
        for (var kv : await(s.scan(CtTables.LEDGER, KeyRange.prefix(CtTables.runPrefix(RUN)),
            StateStores.MAX_SCAN_LIMIT))) {
          CtTables.LedgerRow row = kv.value();
          // replay_count differs by design (a killed batch is read again); what was derived must not
          ledger.put(kv.key().caseTriggerId(), row.caseId() + " " + row.triggerType() + " " + row.sourceRefId() + " "
              + row.payloadHash() + " " + row.ledgerHash() + " mismatches " + row.mismatchCount());
        }
        Map<String, String> published = new TreeMap<>();
        for (var kv : await(s.scan(CtTables.PUBLISH, KeyRange.prefix(CtTables.runPrefix(RUN)),
            StateStores.MAX_SCAN_LIMIT))) {
          published.put(kv.key().caseTriggerId(), kv.value().decision());
        }
        List<String> ids = new ArrayList<>();
        Map<String, String> topic = new TreeMap<>();
        for (LogRecord rec : CrashChildren.records(rt.substrate().eventLog(), Topics.CASE)) {
          Map<String, Object> e = Json.readObject(rec.data());
          ids.add((String) e.get("event_id"));
          topic.put((String) e.get("event_id"), Hashing.canonicalHash(e.get("payload")));
        }
        return new Triggers(ledger, published, ids, topic,
            await(CountersTable.read(s, RUN, CaseTrigger.NAME, CtCounters.ALL)));
      } finally {
        await(rt.shutdown());
      }
    }
  }
}
