package dev.fp.rtdl.ieg.core;

import dev.fp.contract.Hashing;

/**
 * The reasons a record of this run is not applied to the graph (reference rtdl §2, first failing step wins), and the
 * deterministic failure id. The run-scope reasons of the reference ({@code PLATFORM_RUN_ID_MISSING},
 * {@code RUN_SCOPE_MISMATCH}) never reach the core: the shell's run-scope gate skips, counts and checkpoints those
 * records ({@code stream_skipped_*}), so they never count against this run. {@code REPLAY_PINS_MISMATCH} belongs to
 * the reference's replay mode, which IEG does not have (a replay is the same log read again).
 */
public final class ApplyFailures {
  public static final String ENVELOPE_INVALID = "ENVELOPE_INVALID";
  public static final String REQUIRED_PINS_MISSING = "REQUIRED_PINS_MISSING";
  public static final String SCENARIO_RUN_ID_MISSING = "SCENARIO_RUN_ID_MISSING";
  public static final String CLASSIFICATION_UNSUPPORTED = "CLASSIFICATION_UNSUPPORTED";
  public static final String IDENTITY_HINTS_MISSING = "IDENTITY_HINTS_MISSING";
  public static final String PAYLOAD_HASH_MISMATCH = "PAYLOAD_HASH_MISMATCH";

  private ApplyFailures() {
  }

  /** {@code sha256("{topic}:{partition}:{offset}:{reason}:{event_id}")[:32]}; a missing event id is "". */
  public static String failureId(String topic, int partition, String offset, String reason, String eventId) {
    return Hashing.sha256Hex(topic + ":" + partition + ":" + offset + ":" + reason + ":"
        + (eventId == null ? "" : eventId)).substring(0, 32);
  }
}
