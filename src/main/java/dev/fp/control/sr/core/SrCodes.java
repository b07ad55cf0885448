package dev.fp.control.sr.core;

/**
 * Reason codes of the Scenario Runner (control_ingress §3.3–§3.5): hard stops that abort the invocation, run-status
 * reasons, and the evidence problems behind them.
 */
public final class SrCodes {
  public static final String LEASE_BUSY = "LEASE_BUSY";
  public static final String LEASE_LOST = "LEASE_LOST";
  public static final String REEMIT_BUSY = "REEMIT_BUSY";
  public static final String EQUIV_KEY_COLLISION = "EQUIV_KEY_COLLISION";
  public static final String PLAN_DRIFT = "PLAN_DRIFT";
  public static final String FACTS_VIEW_DRIFT = "FACTS_VIEW_DRIFT";
  public static final String READY_SIGNAL_DRIFT = "READY_SIGNAL_DRIFT";
  public static final String S3_APPEND_CONFLICT = "S3_APPEND_CONFLICT";
  public static final String RUN_TERMINAL = "RUN_TERMINAL";
  public static final String READY_NOT_COMMITTED = "READY_NOT_COMMITTED";
  public static final String READY_PUBLISH_FAILED = "READY_PUBLISH_FAILED";

  public static final String ENGINE_ROOT_MISSING = "ENGINE_ROOT_MISSING";
  public static final String REQUEST_INVALID = "REQUEST_INVALID";
  public static final String UNKNOWN_OUTPUT_ID = "UNKNOWN_OUTPUT_ID";
  public static final String UNKNOWN_GATE_ID = "UNKNOWN_GATE_ID";
  public static final String EVIDENCE_WAITING = "EVIDENCE_WAITING";
  public static final String EVIDENCE_MISSING_DEADLINE = "EVIDENCE_MISSING_DEADLINE";
  public static final String EVIDENCE_CONFLICT = "EVIDENCE_CONFLICT";
  public static final String GATE_FAIL = "GATE_FAIL";
  public static final String ORACLE_PACK_INVALID = "ORACLE_PACK_INVALID";
  public static final String ORACLE_PACK_MISMATCH = "ORACLE_PACK_MISMATCH";
  public static final String PACK_NOT_SEALED = "PACK_NOT_SEALED";

  private SrCodes() {
  }
}
