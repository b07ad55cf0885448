package dev.fp.control.sr.core;

import java.util.Map;

/**
 * The verdict on one required gate: PASS with its facts-view receipt, MISSING (no passed flag yet: wait), CONFLICT
 * (the flag's digest does not match the bundle: quarantine) or FAIL (the flag or bundle cannot be verified at all).
 */
public record GateResult(String gateId, Status status, String detail, Map<String, Object> receipt) {

  /** Verification outcome of a gate. */
  public enum Status { PASS, MISSING, CONFLICT, FAIL }

  static GateResult of(GateEvidence ev, Status status, String detail) {
    return new GateResult(ev.gateId(), status, ev.gateId() + ": " + detail, Map.of());
  }
}
