-- Supervisor phase records (one row per run and phase) and the run registry.
CREATE TABLE IF NOT EXISTS platform_runs (
  platform_run_id TEXT PRIMARY KEY,
  profile TEXT NOT NULL,
  config_digest TEXT NOT NULL,
  cap_per_output BIGINT NOT NULL,
  mode TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at_utc TEXT NOT NULL,
  updated_at_utc TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS supervisor_phases (
  platform_run_id TEXT NOT NULL,
  phase TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  entered_at_utc TEXT,
  exited_at_utc TEXT,
  duration_ms BIGINT,
  commit_evidence_ref TEXT,
  gate_checks ${JSON},
  failure TEXT,
  PRIMARY KEY (platform_run_id, phase)
);
