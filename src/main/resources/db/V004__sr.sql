-- Scenario Runner (dev.fp.control.sr.store): the equivalence registry and the run leases (control_ingress §3.2, §3.3).
-- One row per equivalence key; the same key always maps to the same SR run_id and intent fingerprint.
CREATE TABLE IF NOT EXISTS sr_run_equivalence (
  run_equivalence_key TEXT PRIMARY KEY,
  run_id TEXT NOT NULL,
  intent_fingerprint TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);

-- One live holder per SR run (run_id) or re-emit (reemit:<run_id>:<kind>): TTL in wall-clock ms, a fencing token that
-- grows on every acquisition, and the reference's lease_token. Released (expires_at_ms = 0) when the holder finishes;
-- an operator may clear a stuck lease with: DELETE FROM sr_run_leases WHERE run_id = '<run_id>';
CREATE TABLE IF NOT EXISTS sr_run_leases (
  run_id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL,
  lease_token TEXT NOT NULL,
  fencing_token BIGINT NOT NULL,
  expires_at_ms BIGINT NOT NULL,
  expires_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
