package dev.fp.rtdl.csfb.core;

/**
 * CSFB's failure reason codes (reference rtdl §4). {@code RUN_SCOPE_MISMATCH} records never reach the core: the
 * shell's run-scope gate skips and checkpoints them (counter {@code stream_skipped_other_run_total}), and they are
 * never recorded under this run. {@link #FLOW_BINDING_JOIN_KEY_CONFLICT} is ours: the reference's UNIQUE constraint
 * on the join key, an anchor binding another flow to an arrival that is already bound.
 */
public final class CsfbReasons {
  public static final String ENVELOPE_MISSING = "ENVELOPE_MISSING";
  public static final String ENVELOPE_INVALID = "ENVELOPE_INVALID";
  public static final String REPLAY_PINS_MISMATCH = "REPLAY_PINS_MISMATCH";
  public static final String TOPIC_NOT_ALLOWED = "TOPIC_NOT_ALLOWED";
  public static final String EVENT_CLASS_UNSUPPORTED = "EVENT_CLASS_UNSUPPORTED";
  public static final String REQUIRED_PINS_MISSING = "REQUIRED_PINS_MISSING";
  public static final String PLATFORM_RUN_ID_MISSING = "PLATFORM_RUN_ID_MISSING";
  public static final String RUN_SCOPE_MISMATCH = "RUN_SCOPE_MISMATCH";
  public static final String PAYLOAD_INVALID = "PAYLOAD_INVALID";
  public static final String JOIN_KEY_MISSING = "JOIN_KEY_MISSING";
  public static final String FLOW_ID_MISSING = "FLOW_ID_MISSING";
  public static final String INTAKE_PAYLOAD_HASH_MISMATCH = "INTAKE_PAYLOAD_HASH_MISMATCH";
  public static final String FLOW_BINDING_PAYLOAD_HASH_MISMATCH = "FLOW_BINDING_PAYLOAD_HASH_MISMATCH";
  public static final String FLOW_BINDING_JOIN_KEY_CONFLICT = "FLOW_BINDING_JOIN_KEY_CONFLICT";
  public static final String LATE_CONTEXT_EVENT = "LATE_CONTEXT_EVENT";

  private CsfbReasons() {
  }

  /** Binding conflicts are the reasons the reference counts as {@code binding_conflicts} ({@code FLOW_BINDING_%}). */
  public static boolean isBindingConflict(String reason) {
    return reason.startsWith("FLOW_BINDING_");
  }
}
