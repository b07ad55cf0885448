package dev.fp.caselabels.cm.store;

import dev.fp.substrate.state.KeyCodec;
import dev.fp.substrate.state.KeyTuple;
import dev.fp.substrate.state.Table;
import dev.fp.substrate.state.ValueCodec;

import java.util.List;
import java.util.Map;

/**
 * CM's StateStore tables (reference case_ops_obs §2.2, §2.5); every key starts with the platform_run_id. All are
 * append-only ledgers keyed by deterministic ids (first write wins; a replay counts, a different payload is a
 * mismatch row), except the emission row's status, which moves PENDING → ACCEPTED | REJECTED once.
 * <ul>
 *   <li>{@code cm_cases} (run, case_id): the case, its subject (no-merge: the subject must hash to the id), pins,
 *       trigger count and observed-time span;</li>
 *   <li>{@code cm_trigger_intake} (run, case_trigger_id): each trigger taken in, with replay and mismatch counts;
 *       {@code cm_trigger_mismatches} (run, case_trigger_id, observed hash): a different payload under a known id;</li>
 *   <li>{@code cm_timeline} (run, case_id, case_timeline_event_id): the append-only case timeline (case truth);</li>
 *   <li>{@code cm_timeline_links} (run, ref_type, ref_id, case_id, case_timeline_event_id): lookup of events by
 *       decision, outcome, audit record, event id, trigger id, source ref;</li>
 *   <li>{@code cm_label_emissions} (run, label_assertion_id): each label CM asserts and LS's answer;
 *       {@code cm_label_pending} (run, label_assertion_id): the PENDING ones, with their next attempt time;</li>
 *   <li>{@code cm_invalid_triggers} (run, topic, partition, offset): records refused with their reason code.</li>
 * </ul>
 */
public final class CmTables {
  public record CaseKey(String platformRunId, String caseId) {
  }

  /** @param createdAtUtc when the log accepted the case's first trigger (bookkeeping, not hashed) */
  public record CaseRow(String caseSubjectHash, Map<String, Object> caseSubjectKey, Map<String, Object> pins,
                        String firstObservedTime, String lastObservedTime, long triggerCount, String createdAtUtc) {
  }

  public record TriggerKey(String platformRunId, String caseTriggerId) {
  }

  /**
   * @param triggerHash  sha256 of the trigger's canonical JSON (its own payload_hash included)
   * @param sourceTopic  where the record that took it in lies ({@code sourcePartition}, {@code sourceOffset})
   * @param intakeCounts the counters its intake adds, committed with LS's answer ({@code counted} then true): a record
   *                     re-delivered after a crash finds its own row uncounted and commits them then
   */
  public record IntakeRow(String caseId, String triggerType, String sourceRefId, String triggerHash,
                          Map<String, Object> trigger, String observedTime, long replayCount, long mismatchCount,
                          String firstSeenAt, String sourceTopic, int sourcePartition, String sourceOffset,
                          Map<String, Long> intakeCounts, boolean counted) {
    public IntakeRow replayed() {
      return new IntakeRow(caseId, triggerType, sourceRefId, triggerHash, trigger, observedTime, replayCount + 1,
          mismatchCount, firstSeenAt, sourceTopic, sourcePartition, sourceOffset, intakeCounts, counted);
    }

    public IntakeRow mismatched() {
      return new IntakeRow(caseId, triggerType, sourceRefId, triggerHash, trigger, observedTime, replayCount,
          mismatchCount + 1, firstSeenAt, sourceTopic, sourcePartition, sourceOffset, intakeCounts, counted);
    }

    public IntakeRow countedNow() {
      return new IntakeRow(caseId, triggerType, sourceRefId, triggerHash, trigger, observedTime, replayCount,
          mismatchCount, firstSeenAt, sourceTopic, sourcePartition, sourceOffset, intakeCounts, true);
    }

    /** True when {@code topic/partition/offset} is the record that took this trigger in. */
    public boolean takenInAt(String topic, int partition, String offset) {
      return sourceTopic.equals(topic) && sourcePartition == partition && sourceOffset.equals(offset);
    }
  }

  public record MismatchKey(String platformRunId, String id, String observedHash) {
  }

  public record MismatchRow(String storedHash, Map<String, Object> observed, String seenAt) {
  }

  public record TimelineKey(String platformRunId, String caseId, String caseTimelineEventId) {
  }

  /**
   * @param event        the contract dict (§2.3)
   * @param actorId      who appended it ({@code SYSTEM::case_trigger_intake}, {@code SYSTEM::cm_label_handshake}, …)
   * @param appendedAtUtc when it was appended (bookkeeping, not hashed)
   */
  public record TimelineRow(Map<String, Object> event, String actorId, String sourceType, String appendedAtUtc,
                            long replayCount, long mismatchCount) {
    public TimelineRow replayed() {
      return new TimelineRow(event, actorId, sourceType, appendedAtUtc, replayCount + 1, mismatchCount);
    }

    public TimelineRow mismatched() {
      return new TimelineRow(event, actorId, sourceType, appendedAtUtc, replayCount, mismatchCount + 1);
    }
  }

  public record LinkKey(String platformRunId, String refType, String refId, String caseId, String eventId) {
  }

  public record LinkRow(String observedTime) {
  }

  public record EmissionKey(String platformRunId, String labelAssertionId) {
  }

  /**
   * @param assertion       the LabelAssertion wire map sent to LS (§3.2)
   * @param status          PENDING, ACCEPTED or REJECTED
   * @param attemptCount    LS attempts made (0: stored with the intake, not tried yet)
   * @param firstRequestedAtUtc wall clock of the first attempt (null before it)
   * @param nextAttemptAtUtc when the retrier may try again (PENDING after an attempt only)
   */
  public record EmissionRow(String caseId, String sourceCaseEventId, String labelType, String assertionHash,
                            Map<String, Object> assertion, String status, int attemptCount,
                            String firstRequestedAtUtc, String lastAttemptedAtUtc, String nextAttemptAtUtc,
                            String lastReasonCode, String assertionRef, String pendingEventId,
                            String decidedEventId) {
    public boolean pending() {
      return "PENDING".equals(status);
    }
  }

  public record PendingRow(String caseId, String firstRequestedAtUtc, String nextAttemptAtUtc, int attemptCount) {
  }

  public record InvalidKey(String platformRunId, String topic, int partition, String offset) {
  }

  public record InvalidRow(String eventId, String reasonCode, String detail) {
  }

  public static final Table<CaseKey, CaseRow> CASES = new Table<>("cm_cases",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.caseId()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new CaseKey(r.string(), r.string());
      }), ValueCodec.json(CaseRow.class));

  public static final Table<TriggerKey, IntakeRow> INTAKE = new Table<>("cm_trigger_intake",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.caseTriggerId()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new TriggerKey(r.string(), r.string());
      }), ValueCodec.json(IntakeRow.class));

  public static final Table<MismatchKey, MismatchRow> TRIGGER_MISMATCHES = mismatches("cm_trigger_mismatches");

  public static final Table<TimelineKey, TimelineRow> TIMELINE = new Table<>("cm_timeline",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.caseId(), k.caseTimelineEventId()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new TimelineKey(r.string(), r.string(), r.string());
      }), ValueCodec.json(TimelineRow.class));

  public static final Table<MismatchKey, MismatchRow> TIMELINE_MISMATCHES = mismatches("cm_timeline_mismatches");

  public static final Table<LinkKey, LinkRow> LINKS = new Table<>("cm_timeline_links",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.refType(), k.refId(), k.caseId(), k.eventId()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new LinkKey(r.string(), r.string(), r.string(), r.string(), r.string());
      }), ValueCodec.json(LinkRow.class));

  public static final Table<EmissionKey, EmissionRow> EMISSIONS = new Table<>("cm_label_emissions",
      emissionKeys(), ValueCodec.json(EmissionRow.class));

  public static final Table<EmissionKey, PendingRow> PENDING = new Table<>("cm_label_pending",
      emissionKeys(), ValueCodec.json(PendingRow.class));

  public static final Table<InvalidKey, InvalidRow> INVALID = new Table<>("cm_invalid_triggers",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.topic(), k.partition(), k.offset()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new InvalidKey(r.string(), r.string(), (int) r.int64(), r.string());
      }), ValueCodec.json(InvalidRow.class));

  public static final List<Table<?, ?>> ALL = List.of(CASES, INTAKE, TRIGGER_MISMATCHES, TIMELINE,
      TIMELINE_MISMATCHES, LINKS, EMISSIONS, PENDING, INVALID);

  private CmTables() {
  }

  /** The key prefix of a run's rows in any CM table. */
  public static byte[] runPrefix(String platformRunId) {
    return KeyTuple.of(platformRunId);
  }

  /** The key prefix of one case's timeline rows. */
  public static byte[] timelinePrefix(String platformRunId, String caseId) {
    return KeyTuple.of(platformRunId, caseId);
  }

  /** The key prefix of the links of one (ref_type, ref_id). */
  public static byte[] linkPrefix(String platformRunId, String refType, String refId) {
    return KeyTuple.of(platformRunId, refType, refId);
  }

  private static KeyCodec<EmissionKey> emissionKeys() {
    return KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.labelAssertionId()), b -> {
      KeyTuple.Reader r = KeyTuple.reader(b);
      return new EmissionKey(r.string(), r.string());
    });
  }

  private static Table<MismatchKey, MismatchRow> mismatches(String name) {
    return new Table<>(name, KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.id(), k.observedHash()), b -> {
      KeyTuple.Reader r = KeyTuple.reader(b);
      return new MismatchKey(r.string(), r.string(), r.string());
    }), ValueCodec.json(MismatchRow.class));
  }
}
