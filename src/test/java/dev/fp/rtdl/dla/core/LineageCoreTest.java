package dev.fp.rtdl.dla.core;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Hashing;
import dev.fp.platform.stream.core.BatchState;
import dev.fp.platform.stream.core.ProcessorDriver;
import dev.fp.rtdl.dla.store.DlaTables;
import dev.fp.substrate.eventlog.LogRecord;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LineageCoreTest {
  static final String RUN = "platform_20261206T120000Z";
  static final String RTDL = "fp.bus.rtdl.v1";
  static final String D = Hashing.sha256Hex("decision-1").substring(0, 32);
  static final String A = Hashing.sha256Hex(D + ":STEP_UP").substring(0, 32);
  static final String O = Hashing.sha256Hex("outcome-1").substring(0, 32);
  static final String DIGEST = "e".repeat(64);

  static Map<String, Object> envelope(String type, String eventId, Map<String, Object> payload) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event_id", eventId);
    e.put("event_type", type);
    e.put("schema_version", "v1");
    e.put("ts_utc", "2026-01-01T00:00:02.000000Z");
    e.put("manifest_fingerprint", "c".repeat(64));
    e.put("parameter_hash", "5".repeat(64));
    e.put("seed", 42);
    e.put("scenario_id", "baseline_v1");
    e.put("platform_run_id", RUN);
    e.put("scenario_run_id", "7e0847b8622533045c5b69bce61c88bd");
    e.put("payload", payload);
    return e;
  }

  static Map<String, Object> decision(String eventId) {
    return envelope("decision_response", eventId, Map.of("decision_id", D, "run_config_digest", DIGEST,
        "decision", Map.of("action_kind", "STEP_UP")));
  }

  static Map<String, Object> intent() {
    return envelope("action_intent", "i-1", Map.of("decision_id", D, "action_id", A, "run_config_digest", DIGEST));
  }

  static Map<String, Object> outcome(String status) {
    return envelope("action_outcome", O, Map.of("decision_id", D, "action_id", A, "outcome_id", O, "status", status,
        "run_config_digest", DIGEST));
  }

  ProcessorDriver<AuditWrite> driver() {
    return new ProcessorDriver<>(new LineageCore(), RUN).withCounterNames(DlaCounters.ALL);
  }

  Chain chain(ProcessorDriver<AuditWrite> d) {
    return d.get(DlaTables.CHAINS, new DlaTables.ChainKey(RUN, D));
  }

  @Test
  void shouldResolveAChainAndWriteItsAuditRecordOnce() {
    ProcessorDriver<AuditWrite> d = driver();
    d.feedEnvelopes(RTDL, 0, List.of(decision("d-1")));
    assertThat(chain(d).resolved()).isTrue();                // a decision alone has nothing missing…
    BatchState<AuditWrite> b = d.feedEnvelopes(RTDL, 0, List.of(intent()));
    assertThat(b.effects()).isEmpty();                       // …but no audit record until its action has an outcome
    assertThat(chain(d).unresolved()).containsExactly("MISSING_OUTCOME_LINK");
    assertThat(d.counters().get(DlaCounters.UNRESOLVED)).isEqualTo(1);

    BatchState<AuditWrite> done = d.feedEnvelopes(RTDL, 0, List.of(outcome("EXECUTED")));
    assertThat(done.effects()).hasSize(1);
    AuditWrite w = done.effects().get(0);
    assertThat(w.prefix()).isEqualTo(RUN + "/decision_log_audit/records");
    assertThat(w.record()).containsEntry("decision_id", D).containsEntry("chain_status", "RESOLVED")
        .containsEntry("audit_seq", 1).containsEntry("run_config_digest", DIGEST);
    assertThat(w.envelope()).containsEntry("event_id", w.auditId()).containsEntry("event_type", "audit_record")
        .containsEntry("producer", "decision_log_audit").containsEntry("platform_run_id", RUN);
    assertThat(chain(d).auditIds()).containsExactly(w.auditId());
    assertThat(d.counters().get(DlaCounters.RESOLVED)).isEqualTo(1);
    assertThat(d.counters().get(DlaCounters.UNRESOLVED)).isZero();
    assertThat(d.counters().get(DlaCounters.CANDIDATE)).isEqualTo(3);
    assertThat(d.counters().get(DlaCounters.AUDIT_RECORDS)).isEqualTo(1);

    // the same chain built in another order gives the same audit record
    ProcessorDriver<AuditWrite> reversed = driver();
    reversed.feedEnvelopes(RTDL, 0, List.of(outcome("EXECUTED")));
    assertThat(chain(reversed).unresolved()).containsExactly("MISSING_DECISION", "MISSING_INTENT_LINK");
    reversed.feedEnvelopes(RTDL, 0, List.of(intent()));
    assertThat(chain(reversed).unresolved()).containsExactly("MISSING_DECISION");
    BatchState<AuditWrite> last = reversed.feedEnvelopes(RTDL, 0, List.of(decision("d-1")));
    assertThat(last.effects()).hasSize(1);
    assertThat(last.effects().get(0).auditId()).isNotEqualTo(w.auditId());   // eb_refs differ: other offsets
    assertThat(reversed.counters().get(DlaCounters.UNRESOLVED)).isZero();
    assertThat(reversed.counters().get(DlaCounters.RESOLVED)).isEqualTo(1);
  }

  @Test
  void shouldCountDuplicatesAndQuarantineMismatchesAndConflicts() {
    ProcessorDriver<AuditWrite> d = driver();
    d.feedEnvelopes(RTDL, 0, List.of(decision("d-1"), intent()));
    d.feedEnvelopes(RTDL, 0, List.of(intent()));                         // same event at a new offset
    assertThat(d.counters().get(DlaCounters.DUPLICATE)).isEqualTo(1);

    Map<String, Object> changed = new LinkedHashMap<>(intent());
    changed.put("ts_utc", "2026-01-01T00:00:03.000000Z");
    d.feedEnvelopes(RTDL, 0, List.of(changed));
    d.feedEnvelopes(RTDL, 0, List.of(decision("d-2")));                  // another decision event, same decision
    assertThat(d.counters().get(DlaCounters.QUARANTINE)).isEqualTo(2);
    List<String> reasons = d.rows(DlaTables.QUARANTINE).stream().map(e -> e.getKey().reason()).toList();
    assertThat(reasons).containsExactly("PAYLOAD_HASH_MISMATCH", "LINEAGE_CONFLICT");
    assertThat(d.rows(DlaTables.QUARANTINE).get(1).getValue().detail()).startsWith("DECISION_LINK_CONFLICT");
    assertThat(chain(d).decisionEventId()).isEqualTo("d-1");
    assertThat(d.checkpoint(RTDL, 0)).isEqualTo("4");
  }

  @Test
  void shouldQuarantineWhatIsNotAnAuditableEvent() {
    ProcessorDriver<AuditWrite> d = driver();
    Map<String, Object> v2 = new LinkedHashMap<>(decision("d-9"));
    v2.put("schema_version", "v2");
    Map<String, Object> posture = envelope("degrade_posture", "p-1", Map.of());
    Map<String, Object> noDecision = envelope("action_intent", "i-9", Map.of("action_id", A));
    d.feedEnvelopes(RTDL, 0, List.of(v2, posture, noDecision));
    assertThat(d.rows(DlaTables.QUARANTINE).stream().map(e -> e.getKey().reason()).toList())
        .containsExactly("SCHEMA_VERSION_NOT_ALLOWED", "UNKNOWN_EVENT_FAMILY", "PAYLOAD_CONTRACT_INVALID");
    assertThat(d.counters().get(DlaCounters.SEEN)).isEqualTo(3);
    assertThat(d.counters().get(DlaCounters.ACCEPTED)).isZero();
    assertThat(d.checkpoint(RTDL, 0)).isEqualTo("2");
  }

  @Test
  void shouldHoldThePartitionWhenTheLogChangesUnderAReadOffset() {
    ProcessorDriver<AuditWrite> d = driver();
    d.feed(List.of(new LogRecord(RTDL, 0, "0", "k", CanonicalJson.write(decision("d-1")),
        "2026-01-01T00:00:00.000000Z")));
    // a rewritten log: offset 0 now holds another event, and offset 1 follows it
    BatchState<AuditWrite> b = d.feed(List.of(
        new LogRecord(RTDL, 0, "0", "k", CanonicalJson.write(intent()), "2026-01-01T00:00:00.000000Z"),
        new LogRecord(RTDL, 0, "1", "k", CanonicalJson.write(outcome("EXECUTED")), "2026-01-01T00:00:00.000000Z")));
    assertThat(b.effects()).isEmpty();
    assertThat(d.counters().get(DlaCounters.REPLAY_DIVERGENCE)).isEqualTo(1);
    assertThat(d.rows(DlaTables.QUARANTINE).get(0).getKey().reason()).isEqualTo("REPLAY_DIVERGENCE");
    assertThat(d.checkpoint(RTDL, 0)).isEqualTo("0");                   // not past the diverged offset
    assertThat(chain(d).outcomes()).isEmpty();
  }
}
